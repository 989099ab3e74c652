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

    /// <summary><c>…/what-if?nps=55</c>: the statement recomputed from current data as if the tier-basis value were
    /// <paramref name="nps"/> with a sufficient sample. Nothing is stored.</summary>
    public static async Task<IResult> WhatIf(string quarter, string partnerId, string? nps, IDocumentStore store, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        if (!double.TryParse(nps, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || value is < -100 or > 100)
            return Problems.Validation("nps", "'nps' must be a number from -100 to 100.");
        var plan = await session.LoadAsync<CommissionPlan>(quarter, ct);
        if (plan is null) return Problems.NotFound($"There is no plan for '{quarter}'.");
        var counts = await Sales.SalesCounts.UncancelledAsync(store, quarter, partnerId, ct);
        var assumed = new Scoring.Contracts.PartnerNps(partnerId, Math.Max(StatementCalculator.SufficientSample, plan.MinSample), value, value, value, true, clock.GetUtcNow());
        var statement = StatementCalculator.Calculate(quarter, partnerId, plan, assumed,
            counts.GetValueOrDefault(partnerId) ?? new Dictionary<string, int>(), clock.GetUtcNow());
        statement.Status = "what-if";
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
