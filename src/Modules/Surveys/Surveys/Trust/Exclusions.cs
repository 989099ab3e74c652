using PartnerPortal.BuildingBlocks.Data;
using Microsoft.Extensions.Logging;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Trust;

/// <summary>
/// Excludes responses from the figures and releases them: the exclusion document and its audit entry are queued in the
/// caller's session (stored together or not at all); after the commit, <see cref="AfterCommitAsync"/> tells the listeners
/// (Scoring recalculates the quarter, FollowUps closes or reopens the response's case).
/// </summary>
internal sealed class Exclusions(IEnumerable<IResponseExclusionListener> listeners, IEnumerable<IResponseExclusionChangedListener> responseListeners,
    ILogger<Exclusions> logger)
{
    /// <summary>What this request queued, by response id (true = excluded, false = released), told after the commit.</summary>
    private readonly Dictionary<string, (bool Excluded, DateTimeOffset At, string Actor)> _queued = new(StringComparer.Ordinal);

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
        _queued[exclusion.Id] = (false, at, caller.Actor);
        session.QueueSqlCommand(
            $"with d as (delete from {MartenTables.Of<ResponseExclusion>(session.DocumentStore)} where id = ? and data ->> 'reason' = ? returning 1) select 1 / (select count(*)::int from d)",
            exclusion.Id, exclusion.Reason);
        session.Audit(caller, at, ReleasedAction, $"response {exclusion.Id}", $"was {exclusion.Reason}, quarter {exclusion.Quarter}: {note ?? ""}",
            exclusion.PartnerId);
    }

    /// <summary>After the session committed: the quarter's figures are recalculated and the response listeners told of
    /// what was excluded or released. Returns the started job ids. A response listener's failure is logged: the exclusion
    /// is committed and stands.</summary>
    public async Task<IReadOnlyList<string>> AfterCommitAsync(string quarter, CancellationToken ct)
    {
        foreach (var (responseId, (excluded, at, actor)) in _queued)
        {
            foreach (var listener in responseListeners)
            {
                try
                {
                    if (excluded) await listener.ResponseExcludedAsync(responseId, at, actor, ct);
                    else await listener.ResponseReleasedAsync(responseId, at, actor, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Telling {Listener} that response {ResponseId} was {Change} failed", listener.GetType().Name, responseId,
                        excluded ? "excluded" : "released");
                }
            }
        }
        _queued.Clear();
        return AfterCommit(quarter);
    }

    private IReadOnlyList<string> AfterCommit(string quarter)
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
