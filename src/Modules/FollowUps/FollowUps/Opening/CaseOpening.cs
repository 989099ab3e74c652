using System.Data.Common;
using PartnerPortal.FollowUps.Cases;
using PartnerPortal.FollowUps.Contracts;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.FollowUps.Opening;

/// <summary>
/// Opens a case for each detractor response (channel <c>partner-shop</c>, touchpoint 0–6) in the transaction that stores
/// the responses, without a row of its own (ADR 0049): the stored detractor is the open case (<see cref="CaseRows"/>),
/// so a response stored once has exactly one case, whichever host or retry got there. What this transaction writes for
/// the cases: what the <see cref="IFollowUpCaseListener"/>s write (the mail outbox), and the quarters' figure stamps.
/// </summary>
internal sealed class CaseOpening(IDocumentStore store, IEnumerable<IFollowUpCaseListener> listeners) : IResponsesStoredListener
{
    private readonly IFollowUpCaseListener[] _listeners = listeners.ToArray();

    public static bool IsDetractor(StoredResponse r) => DetractorResponses.Is(r.Channel, r.PartnerId, r.Touchpoint);

    public async Task ResponsesStoredAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredResponse> responses, DateTimeOffset now,
        DbBatch withCommit, CancellationToken ct)
    {
        List<FollowUpCaseInfo>? opened = null;
        DateTimeOffset? dueOf = null;
        var dueAt = default(DateTimeOffset);
        foreach (var r in responses)
        {
            if (!IsDetractor(r)) continue;
            // A call's responses share their store time: its due time is worked out once.
            if (dueOf != r.StoredAt) (dueOf, dueAt) = (r.StoredAt, DueDates.DueAt(r.StoredAt));
            (opened ??= []).Add(new FollowUpCaseInfo(r.ResponseId, r.ResponseId, r.PartnerId!, r.ShopId, r.Quarter, r.Touchpoint!.Value, r.Comment,
                r.StoredAt, dueAt));
        }
        if (opened is null) return;
        WorkedFloor.CheckStoredRecently(responses, now);
        foreach (var listener in _listeners) await listener.CasesOpenedAsync(connection, transaction, opened, ct);
        // With the commit (the stamp rows' locks are held only for it, ADR 0060): the figures counted before are stale.
        withCommit.BatchCommands.Add(Stats.CaseFiguresStamp.Renewal(store, opened.Select(c => c.Quarter)));
    }
}
