using JasperFx;
using Npgsql;

namespace PartnerPortal.BuildingBlocks.Data;

public static class MartenErrors
{
    /// <summary>True when saving failed only because a document id or unique value was taken by someone else.
    /// Marten reports several refused inserts of one batch as an <see cref="AggregateException"/>.</summary>
    public static bool IsAlreadyExists(Exception e) => e switch
    {
        DocumentAlreadyExistsException => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsAlreadyExists),
        _ => e.InnerException is not null && IsAlreadyExists(e.InnerException),
    };
}
