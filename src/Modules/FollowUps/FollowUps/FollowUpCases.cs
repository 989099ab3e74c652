using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.FollowUps.Cases;
using PartnerPortal.FollowUps.Contracts;

namespace PartnerPortal.FollowUps;

/// <summary><see cref="IFollowUpCases"/>: the reads the mail digests use, once a day, over both kinds of case
/// (<see cref="CaseRows"/>): cases opened in a window (every detractor stored in it, worked since or not: the store time
/// is the opening, a scan of the detractors' index rather than an index every ingestion would pay for); unclosed cases
/// past due (worked ones by the partial due_at index, unworked ones stored before the first store time still in time).</summary>
internal sealed class FollowUpCases(IDocumentStore store) : IFollowUpCases
{
    public async Task<IReadOnlyList<FollowUpCaseInfo>> OpenedBetweenAsync(DateTimeOffset from, DateTimeOffset to, string? partnerId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var sql = $"select {CaseRows.UnworkedJson} from {DetractorCopy.Rows} d where d.received_at >= ? and d.received_at < ?"
                  + (partnerId is null ? "" : " and d.partner_id = ?") + " order by d.received_at, d.id";
        var (start, end) = (from.ToUniversalTime(), to.ToUniversalTime());
        var cases = await session.QueryAsync<FollowUpCase>(sql, ct, partnerId is null ? [start, end] : [start, end, partnerId]);
        return cases.Select(c => CaseInfo.Of(CaseRows.Complete(c))).ToArray();
    }

    public async Task<IReadOnlyList<FollowUpCaseInfo>> OverdueAsync(DateTimeOffset now, string? partnerId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var at = now.ToUniversalTime();
        var worked = await session.QueryAsync<FollowUpCase>(
            $"select data from {MartenTables.Of<FollowUpCase>(store)} where status <> ? and due_at < ?" + (partnerId is null ? "" : " and partner_id = ?"),
            ct, partnerId is null ? [CaseStatus.Closed, at] : [CaseStatus.Closed, at, partnerId]);
        var before = DueDates.FirstStoredDueFrom(at);
        var unworked = await CaseRows.QueryUnworkedAsync(session,
            "and d.received_at < ?" + (partnerId is null ? "" : $" and d.partner_id = ? and {WorkedFloor.From(store)}"),
            ct, partnerId is null ? [before] : [before, partnerId, partnerId]);
        return worked.Concat(unworked).Order(Comparer<FollowUpCase>.Create(CaseRows.Compare)).Select(CaseInfo.Of).ToArray();
    }
}
