using PartnerPortal.BuildingBlocks.Audit;
using Hangfire;
using Marten;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Incentives.Plans;

namespace PartnerPortal.Incentives.Statements;

/// <param name="Shrunk">The shrunk NPS (ADR 0034), shown under every basis; null for statements from before it and for
/// a quarter without partner-shop responses.</param>
public sealed record StatementNpsView(double Value, int N, double CiLow, double? Shrunk, bool SufficientSample);

/// <param name="PlanVersion">The plan version the statement was calculated under; null before ADR 0028.</param>
/// <param name="BaseRates">The base rates it was calculated with (clawbacks of its transactions use them); null before ADR 0028.</param>
public sealed record StatementView(
    string Quarter, string PartnerId, string Status, int Revision, StatementNpsView? Nps, NpsTier? Tier, IReadOnlyList<StatementLine> Lines,
    decimal Total, IReadOnlyDictionary<string, decimal> Attainment, IReadOnlyList<string> Explanation, DateTimeOffset CalculatedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt, int? PlanVersion, CategoryRates? BaseRates);

/// <summary><c>GET /statements/{quarter}/{partnerId}</c> (the latest revision) and <c>…/approve</c> (back office).</summary>
internal static class StatementEndpoints
{
    public static async Task<IResult> Get(string quarter, string partnerId, IQuerySession session, CancellationToken ct) =>
        await LatestAsync(session, quarter, partnerId, ct) is { } statement
            ? TypedResults.Ok(View(statement))
            : Problems.NotFound($"There is no statement of {quarter} for partner '{partnerId}'.");

    public static async Task<IResult> Approve(string quarter, string partnerId, Caller caller, IDocumentSession session, JobStorage jobs,
        IEnumerable<Surveys.Contracts.IOpenAppeals> appeals, TimeProvider clock, CancellationToken ct) =>
        ApproveStatement.ToHttp(await ApproveStatement.RunAsync(quarter, partnerId, caller, session, jobs, appeals, clock, ct));

    /// <summary>True when the draft was calculated under the plan as it is stored now: the same version; for a draft from
    /// before plan versions (ADR 0028), no change of the plan since the draft was calculated.</summary>
    internal static bool CalculatedUnder(Statement statement, CommissionPlan? plan) =>
        plan is not null && (statement.PlanVersion is { } version ? version == plan.Version : plan.UpdatedAt <= statement.CalculatedAt);

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
        var statement = StatementCalculator.WhatIf(quarter, partnerId, plan, value,
            counts.GetValueOrDefault(partnerId) ?? new Dictionary<string, int>(), clock.GetUtcNow());
        return TypedResults.Ok(View(statement));
    }

    /// <summary>Every partner's latest revision of a quarter, by partner id.</summary>
    public static Task<IReadOnlyList<Statement>> LatestOfQuarterAsync(IQuerySession session, string quarter, CancellationToken ct) =>
        session.QueryAsync<Statement>(
            "select distinct on (partner_id) data from incentives.mt_doc_statement where quarter = ? order by partner_id, revision desc", ct, quarter);

    internal static async Task<Statement?> LatestAsync(IQuerySession session, string quarter, string partnerId, CancellationToken ct) =>
        (await session.QueryAsync<Statement>("select data from incentives.mt_doc_statement where quarter = ? and partner_id = ? order by revision desc limit 1",
            ct, quarter, partnerId)).FirstOrDefault();

    /// <summary>Amounts rounded to cents on the way out (ADR 0028): lines and totals are cents already; the tier's bonus and
    /// the rates come from the plan, which may predate the input rule.</summary>
    internal static StatementView View(Statement s) => new(
        s.Quarter, s.PartnerId, s.Status, s.Revision,
        s.Nps is { } n ? new StatementNpsView(Round1(n.Value), n.N, Round1(n.CiLow), n.Shrunk is { } shrunk ? Round1(shrunk) : null, n.SufficientSample) : null,
        s.Tier is { } tier ? PlanEndpoints.Rounded(tier) : null,
        s.Lines.Select(l => l with { Amount = SharedKernel.Money.Cents(l.Amount) }).ToArray(), SharedKernel.Money.Cents(s.Total),
        s.Attainment, s.Explanation, s.CalculatedAt, s.ApprovedBy, s.ApprovedAt,
        s.PlanVersion, s.BaseRates is { } rates ? PlanEndpoints.Rounded(rates) : null);

    private static double Round1(double value) => (double)Math.Round((decimal)value, 1, MidpointRounding.AwayFromZero);
}

/// <summary><c>GET /statements/{quarter}.csv</c>: every partner's latest statement, one row per line, for payout.</summary>
internal static class StatementExport
{
    public static async Task Handle(string quarter, HttpContext http, Caller caller, IQuerySession session, CancellationToken ct)
    {
        if (caller.IsPartnerBound)
        {
            await Problems.Forbidden("The payout export is for back office.").ExecuteAsync(http);
            return;
        }
        var errors = new ValidationErrors();
        if (!errors.Quarter("quarter", quarter, out _))
        {
            await Problems.Validation(errors.ToDictionary()).ExecuteAsync(http);
            return;
        }
        var latest = await StatementEndpoints.LatestOfQuarterAsync(session, quarter, ct);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"provision-{quarter}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false));
        await writer.WriteAsync("quarter,partnerId,revision,status,approvedAt,kind,category,count,amountEur\n");
        foreach (var s in latest)
            foreach (var line in s.Lines)
                await writer.WriteAsync(string.Join(',', s.Quarter, Csv(s.PartnerId), s.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Status,
                    s.ApprovedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "", line.Kind, line.Category ?? "",
                    line.Count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    line.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)) + "\n");
    }

    /// <summary>Partner ids are restricted to letters, digits, '.', '_' and '-', so they need no quoting; this guards anyway.</summary>
    private static string Csv(string value) => value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
