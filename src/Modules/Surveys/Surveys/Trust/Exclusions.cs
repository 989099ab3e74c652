using Marten;
using Microsoft.Extensions.Logging;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.BuildingBlocks.Security;
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

    /// <summary>Queues the exclusion of <paramref name="response"/> in <paramref name="session"/>.</summary>
    public ResponseExclusion Exclude(IDocumentSession session, SurveyResponse response, string reason, string? note, string? appealId,
        Caller caller, DateTimeOffset at)
    {
        var exclusion = new ResponseExclusion
        {
            Id = response.Id, PartnerId = response.PartnerId, Quarter = response.Quarter, Reason = reason, Note = note, AppealId = appealId,
            At = at, By = caller.Actor, ByName = caller.DisplayName,
        };
        // Insert, not store: a second exclusion of the same response fails the transaction instead of overwriting the first.
        session.Insert(exclusion);
        session.Audit(caller, at, ExcludedAction, $"response {response.Id}", $"reason {reason}, quarter {response.Quarter}: {note ?? ""}",
            response.PartnerId);
        return exclusion;
    }

    /// <summary>Queues the release of an excluded response in <paramref name="session"/>. The delete must find the row:
    /// of two concurrent releases the second waits for the first, finds nothing and fails (<see cref="IsReleasedAlready"/>),
    /// so a release is stored and audited once.</summary>
    public void Release(IDocumentSession session, ResponseExclusion exclusion, string? note, Caller caller, DateTimeOffset at)
    {
        session.QueueSqlCommand(
            $"with d as (delete from {SurveysModule.Schema}.mt_doc_responseexclusion where id = ? returning 1) select 1 / (select count(*)::int from d)",
            exclusion.Id);
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

    /// <summary>The failure of a release whose exclusion a concurrent request released first (division by zero above).</summary>
    public static bool IsReleasedAlready(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is Npgsql.PostgresException { SqlState: "22012" }) return true;
        return e is AggregateException a && a.InnerExceptions.Any(IsReleasedAlready);
    }

    /// <summary>SQL that is true when the response row <paramref name="alias"/> is not excluded.</summary>
    public static string NotExcluded(string alias) =>
        $"not exists (select 1 from {SurveysModule.Schema}.mt_doc_responseexclusion x where x.id = {alias}.id)";
}
