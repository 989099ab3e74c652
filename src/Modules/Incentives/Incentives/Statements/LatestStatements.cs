using PartnerPortal.BuildingBlocks.Data;

namespace PartnerPortal.Incentives.Statements;

/// <summary>The latest revision is the statement: these read it in SQL (the index on quarter, partner, revision), with the
/// table named as Marten maps it.</summary>
internal static class LatestStatements
{
    /// <summary>Every partner's latest revision of a quarter, by partner id.</summary>
    public static Task<IReadOnlyList<Statement>> OfQuarterAsync(IQuerySession session, string quarter, CancellationToken ct) =>
        session.QueryAsync<Statement>(
            $"select distinct on (partner_id) data from {Table(session)} where quarter = ? order by partner_id, revision desc", ct, quarter);

    public static async Task<Statement?> OfPartnerAsync(IQuerySession session, string quarter, string partnerId, CancellationToken ct) =>
        (await session.QueryAsync<Statement>($"select data from {Table(session)} where quarter = ? and partner_id = ? order by revision desc limit 1",
            ct, quarter, partnerId)).FirstOrDefault();

    /// <summary>The latest quarter up to <paramref name="notAfter"/> that has statements, or null (the approval list opens
    /// on it: a quarter in the future is no one's work yet).</summary>
    public static async Task<string?> LatestQuarterAsync(IQuerySession session, string notAfter, CancellationToken ct) =>
        (await session.QueryAsync<string>($"select max(quarter) from {Table(session)} where quarter <= ?", ct, notAfter)).FirstOrDefault();

    public static string Table(IQuerySession session) => MartenTables.Of<Statement>(session.DocumentStore);
}
