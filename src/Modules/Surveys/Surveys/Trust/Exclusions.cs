using PartnerPortal.BuildingBlocks.Data;
using Microsoft.Extensions.Logging;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Trust;

/// <summary>
/// Excludes responses from the figures and releases them: the exclusion document and its audit entry are queued in the
/// caller's session (stored together or not at all); after the commit, <see cref="AfterCommit"/> tells the listeners
/// (Scoring recalculates the quarter).
/// </summary>
internal sealed class Exclusions(IEnumerable<IResponseExclusionListener> listeners, ILogger<Exclusions> logger)
{
    public const string ExcludedAction = "response.excluded";
    public const string ReleasedAction = "response.released";

    /// <summary>Queues the exclusion of <paramref name="response"/> in <paramref name="session"/>. With <paramref name="replacing"/>
    /// (an accepted appeal on a quarantined response) the existing exclusion is overwritten with this one, which must find
    /// it still there: the appeal's exclusion is final, a quarantine can be released.</summary>
    public ResponseExclusion Exclude(IDocumentSession session, SurveyResponse response, string reason, string? note, string? appealId,
        Caller caller, DateTimeOffset at, ResponseExclusion? replacing = null)
    {
        var exclusion = new ResponseExclusion
        {
            Id = response.Id, PartnerId = response.PartnerId, Quarter = response.Quarter, Reason = reason, Note = note, AppealId = appealId,
            At = at, By = caller.Actor, ByName = caller.DisplayName,
        };
        // Insert, not store: a second exclusion of the same response fails the transaction instead of overwriting the first.
        // Replacing: an update of the row read, refused (IsGoneMeanwhile) when a concurrent release deleted it.
        if (replacing is null) session.Insert(exclusion);
        else session.QueueSqlCommand(
            $"with u as (update {MartenTables.Of<ResponseExclusion>(session.DocumentStore)} set data = ?::jsonb where id = ? and data ->> 'reason' = ? returning 1) select 1 / (select count(*)::int from u)",
            session.DocumentStore.Options.Serializer().ToJson(exclusion), exclusion.Id, replacing.Reason);
        session.Audit(caller, at, ExcludedAction, $"response {response.Id}",
            $"reason {reason}{(replacing is null ? "" : $" (was {replacing.Reason})")}, quarter {response.Quarter}: {note ?? ""}", response.PartnerId);
        return exclusion;
    }

    /// <summary>Queues the release of an excluded response in <paramref name="session"/>. The delete must find the row with the
    /// reason read: of two concurrent releases the second waits for the first, finds nothing and fails
    /// (<see cref="IsReleasedAlready"/>), so a release is stored and audited once; and an exclusion an accepted appeal took
    /// over meanwhile is not released.</summary>
    public void Release(IDocumentSession session, ResponseExclusion exclusion, string? note, Caller caller, DateTimeOffset at)
    {
        session.QueueSqlCommand(
            $"with d as (delete from {MartenTables.Of<ResponseExclusion>(session.DocumentStore)} where id = ? and data ->> 'reason' = ? returning 1) select 1 / (select count(*)::int from d)",
            exclusion.Id, exclusion.Reason);
        session.Audit(caller, at, ReleasedAction, $"response {exclusion.Id}", $"was {exclusion.Reason}, quarter {exclusion.Quarter}: {note ?? ""}",
            exclusion.PartnerId);
    }

    /// <summary>After the session committed: the quarter's figures are recalculated. Returns the started job ids.</summary>
    public IReadOnlyList<string> AfterCommit(string quarter)
    {
        var jobs = new List<string>();
        foreach (var listener in listeners)
        {
            if (listener.ExclusionsChanged(quarter) is { } jobId) jobs.Add(jobId);
        }
        logger.LogInformation("Exclusions of {Quarter} changed: recalculation jobs {Jobs}", quarter, string.Join(", ", jobs));
        return jobs;
    }

    /// <summary>The failure of a release or replacement whose exclusion a concurrent request released or took over first
    /// (division by zero above).</summary>
    public static bool IsReleasedAlready(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is Npgsql.PostgresException { SqlState: "22012" }) return true;
        return e is AggregateException a && a.InnerExceptions.Any(IsReleasedAlready);
    }

    /// <summary>SQL that is true when the response row <paramref name="alias"/> is not excluded.</summary>
    public static string NotExcluded(IDocumentStore store, string alias) =>
        $"not exists (select 1 from {MartenTables.Of<ResponseExclusion>(store)} x where x.id = {alias}.id)";
}
