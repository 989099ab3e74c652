using Marten;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Host.Audit;

public sealed record AuditEntryView(Guid Id, DateTimeOffset At, string Actor, string Action, string Subject, string? PartnerId, string Details)
{
    internal static AuditEntryView Of(AuditEntry e) => new(e.Id, e.At, e.Actor, e.Action, e.Subject, e.PartnerId, e.Details);
}

public sealed record AuditPage(IReadOnlyList<AuditEntryView> Entries, string? NextCursor);

/// <summary><c>GET /api/v1/audit</c>: the audit log, newest first, for back office (never partner-bound callers).</summary>
internal sealed class AuditEndpoints : ApiModule
{
    public const int MaxLimit = 500;

    protected override string BasePath => "/api/v1";
    protected override string Tag => "Audit";

    protected override void MapEndpoints(RouteGroupBuilder api) =>
        api.MapGet("/audit", List)
            .RequireScope(Scopes.AuditRead)
            .WithSummary("Audit entries, newest first: filter by action, actor, partnerId and a from/to time range; page with ?before={nextCursor}.")
            .Produces<AuditPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<IResult> List(string? action, string? actor, string? partnerId, string? from, string? to, string? before, int? limit,
        Caller caller, IQuerySession session, CancellationToken ct)
    {
        if (caller.IsPartnerBound) return Problems.Forbidden("The audit log is for back office: a partner-bound caller cannot read it.");
        var errors = new ValidationErrors();
        DateTimeOffset fromAt = default, toAt = default;
        if (from is not null) errors.Timestamp("from", from, out fromAt);
        if (to is not null) errors.Timestamp("to", to, out toAt);
        Guid cursor = default;
        if (before is not null && !Guid.TryParse(before, out cursor)) errors.Add("before", "'before' must be a nextCursor from an earlier page.");
        if (limit is < 1 or > MaxLimit) errors.Add("limit", $"'limit' must be from 1 to {MaxLimit}.");
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var take = limit ?? 100;
        var query = session.Query<AuditEntry>().AsQueryable();
        if (action is not null) query = query.Where(e => e.Action == action);
        if (actor is not null) query = query.Where(e => e.Actor == actor);
        if (partnerId is not null) query = query.Where(e => e.PartnerId == partnerId);
        if (from is not null) query = query.Where(e => e.At >= fromAt);
        if (to is not null) query = query.Where(e => e.At < toAt);
        if (before is not null) query = query.Where(e => e.Id < cursor);
        var entries = await query.OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);
        var page = entries.Take(take).Select(AuditEntryView.Of).ToArray();
        return TypedResults.Ok(new AuditPage(page, entries.Count > take ? page[^1].Id.ToString() : null));
    }
}
