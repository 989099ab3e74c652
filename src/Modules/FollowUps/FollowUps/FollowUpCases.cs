using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.FollowUps.Cases;
using PartnerPortal.FollowUps.Contracts;

namespace PartnerPortal.FollowUps;

/// <summary><see cref="IFollowUpCases"/>: the reads the mail digests use, once a day: cases opened in a window (a scan of
/// the partner's cases, or of all, rather than an index every ingestion would pay for); unclosed cases past due (the
/// partial due_at index).</summary>
internal sealed class FollowUpCases(IDocumentStore store) : IFollowUpCases
{
    public async Task<IReadOnlyList<FollowUpCaseInfo>> OpenedBetweenAsync(DateTimeOffset from, DateTimeOffset to, string? partnerId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var sql = $"select data from {MartenTables.Of<FollowUpCase>(store)} where opened_at >= ? and opened_at < ?"
                  + (partnerId is null ? "" : " and partner_id = ?") + " order by opened_at, id";
        var (start, end) = (from.ToUniversalTime(), to.ToUniversalTime());
        var cases = await session.QueryAsync<FollowUpCase>(sql, ct, partnerId is null ? [start, end] : [start, end, partnerId]);
        return cases.Select(CaseInfo.Of).ToArray();
    }

    public async Task<IReadOnlyList<FollowUpCaseInfo>> OverdueAsync(DateTimeOffset now, string? partnerId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var sql = $"select data from {MartenTables.Of<FollowUpCase>(store)} where status <> ? and due_at < ?"
                  + (partnerId is null ? "" : " and partner_id = ?") + " order by due_at, id";
        var at = now.ToUniversalTime();
        var cases = await session.QueryAsync<FollowUpCase>(sql, ct, partnerId is null ? [CaseStatus.Closed, at] : [CaseStatus.Closed, at, partnerId]);
        return cases.Select(CaseInfo.Of).ToArray();
    }
}
