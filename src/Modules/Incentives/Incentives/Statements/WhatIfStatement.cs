using System.Globalization;
using PartnerPortal.Incentives.Plans;

namespace PartnerPortal.Incentives.Statements;

/// <summary><c>GET /api/v1/incentives/statements/{quarter}/{partnerId}/what-if?nps=55</c> and the what-if on <c>/provision</c>:
/// the statement recomputed from current data as if the tier-basis value were <c>nps</c> with a sufficient sample.
/// Nothing is stored.</summary>
internal static class WhatIfStatement
{
    public static async Task<Outcome<Statement>> HandleAsync(string quarter, string partnerId, string? nps, IDocumentStore store,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (!double.TryParse(nps, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value is < -100 or > 100)
            return Outcome<Statement>.Invalid("nps", "'nps' must be a number from -100 to 100.");
        var plan = await session.LoadAsync<CommissionPlan>(quarter, ct);
        if (plan is null) return Outcome<Statement>.NotFound($"There is no plan for '{quarter}'.");
        var counts = await Sales.SalesCounts.UncancelledAsync(store, quarter, partnerId, ct);
        return Outcome<Statement>.Done(StatementCalculator.WhatIf(quarter, partnerId, plan, value,
            counts.GetValueOrDefault(partnerId) ?? new Dictionary<string, int>(), clock.GetUtcNow()));
    }

    public static async Task<IResult> Endpoint(string quarter, string partnerId, string? nps, IDocumentStore store, IQuerySession session,
        TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(quarter, partnerId, nps, store, session, clock, ct)).ToHttp(StatementView.Of);
}
