using Hangfire;
using Marten;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Incentives.Plans;

namespace PartnerPortal.Incentives.Statements;

public sealed record StatementNpsView(double Value, int N, double CiLow, bool SufficientSample);

public sealed record StatementView(
    string Quarter, string PartnerId, string Status, int Revision, StatementNpsView? Nps, NpsTier? Tier, IReadOnlyList<StatementLine> Lines,
    decimal Total, IReadOnlyDictionary<string, decimal> Attainment, IReadOnlyList<string> Explanation, DateTimeOffset CalculatedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt);

/// <summary><c>GET /statements/{quarter}/{partnerId}</c> (the latest revision) and <c>…/approve</c> (back office).</summary>
internal static class StatementEndpoints
{
    public static async Task<IResult> Get(string quarter, string partnerId, IQuerySession session, CancellationToken ct) =>
        await LatestAsync(session, quarter, partnerId, ct) is { } statement
            ? TypedResults.Ok(View(statement))
            : Problems.NotFound($"There is no statement of {quarter} for partner '{partnerId}'.");

    public static async Task<IResult> Approve(string quarter, string partnerId, Caller caller, IDocumentSession session, JobStorage jobs,
        TimeProvider clock, CancellationToken ct)
    {
        if (caller.IsPartnerBound) return Problems.Forbidden("Statements are approved by back office only.");
        // The recalculation's lock: a draft cannot gain a new revision while it is being approved.
        using var connection = jobs.GetConnection();
        using var quarterLock = connection.AcquireDistributedLock(IncentivesRecalculation.LockOf(quarter), TimeSpan.FromMinutes(1));
        var statement = await LatestAsync(session, quarter, partnerId, ct);
        if (statement is null) return Problems.NotFound($"There is no statement of {quarter} for partner '{partnerId}'.");
        if (statement.Status == "approved") return Problems.Conflict($"The statement of {quarter} for partner '{partnerId}' is approved already.");
        statement.Status = "approved";
        statement.ApprovedBy = caller.Actor;
        statement.ApprovedAt = clock.GetUtcNow();
        session.Store(statement);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(View(statement));
    }

    private static async Task<Statement?> LatestAsync(IQuerySession session, string quarter, string partnerId, CancellationToken ct) =>
        (await session.QueryAsync<Statement>("select data from incentives.mt_doc_statement where quarter = ? and partner_id = ? order by revision desc limit 1",
            ct, quarter, partnerId)).FirstOrDefault();

    private static StatementView View(Statement s) => new(
        s.Quarter, s.PartnerId, s.Status, s.Revision,
        s.Nps is { } n ? new StatementNpsView(Round1(n.Value), n.N, Round1(n.CiLow), n.SufficientSample) : null,
        s.Tier, s.Lines, s.Total, s.Attainment, s.Explanation, s.CalculatedAt, s.ApprovedBy, s.ApprovedAt);

    private static double Round1(double value) => (double)Math.Round((decimal)value, 1, MidpointRounding.AwayFromZero);
}
