using PartnerPortal.BuildingBlocks.Audit;
using Marten;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Incentives.Plans;

public sealed record PlanRequest(RatesRequest? BaseRates, List<TierRequest?>? Tiers, int? MinSample, string? TierBasis, TargetsRequest? DefaultTargets,
    int? AppealWindowDays = null);

public sealed record RatesRequest(decimal? Mobile, decimal? Fixed);

public sealed record TierRequest(double? MinNps, decimal? UpliftPercent, decimal? QualityBonusEur);

public sealed record TargetsRequest(int? Mobile, int? Fixed);

public sealed record PlanView(string Quarter, CategoryRates BaseRates, IReadOnlyList<NpsTier> Tiers, int MinSample, string TierBasis,
    CategoryTargets? DefaultTargets, IReadOnlyDictionary<string, CategoryTargets> PartnerTargets, DateTimeOffset UpdatedAt, int AppealWindowDays);

/// <summary>Plans per quarter: <c>PUT /plans/{quarter}</c>, <c>PUT /plans/{quarter}/targets/{partnerId}</c>,
/// <c>GET /plans/{quarter}</c>. A plan can change until the quarter's first statement is approved.</summary>
internal static class PlanEndpoints
{
    public static async Task<IResult> Put(string quarter, PlanRequest? request, Caller caller, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(quarter, request);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        if (await IsFrozenAsync(session, quarter, ct))
            return Problems.Conflict($"The plan of {quarter} is frozen: a statement of that quarter has been approved.");

        var existing = await session.LoadAsync<CommissionPlan>(quarter, ct);
        var plan = new CommissionPlan
        {
            Id = quarter,
            BaseRates = new CategoryRates(request!.BaseRates!.Mobile!.Value, request.BaseRates.Fixed!.Value),
            Tiers = request.Tiers?.Select(t => new NpsTier(t!.MinNps!.Value, t.UpliftPercent!.Value, t.QualityBonusEur!.Value)).ToList() ?? [],
            MinSample = request.MinSample ?? 30,
            TierBasis = request.TierBasis ?? "point",
            AppealWindowDays = request.AppealWindowDays ?? Contracts.AppealWindow.DefaultDays,
            DefaultTargets = request.DefaultTargets is { } d ? new CategoryTargets(d.Mobile, d.Fixed) : null,
            PartnerTargets = existing?.PartnerTargets ?? [],
            UpdatedAt = clock.GetUtcNow(),
            UpdatedBy = caller.Actor,
        };
        session.Store(plan);
        session.Audit(caller, plan.UpdatedAt, AuditActions.PlanSaved, $"plan {quarter}",
            $"{(existing is null ? "created" : "replaced")}: base rates mobile {plan.BaseRates.Mobile:0.00} / fixed {plan.BaseRates.Fixed:0.00} EUR, {plan.Tiers.Count} tiers, min sample {plan.MinSample}, basis {plan.TierBasis}, appeal window {plan.AppealWindowDays} days");
        await session.SaveChangesAsync(ct);
        return existing is null ? TypedResults.Created($"/api/v1/incentives/plans/{quarter}", View(plan)) : TypedResults.Ok(View(plan));
    }

    public static async Task<IResult> PutTargets(string quarter, string partnerId, TargetsRequest? request, Caller caller, IDocumentSession session,
        IPartnerDirectory partners, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!Quarter.TryParse(quarter, out _)) errors.Add("quarter", "'quarter' must be of the form YYYY-Qn.");
        if (request is null) errors.Add("body", "A JSON body { mobile, fixed } is required.");
        else ValidateTargets(errors, "", request);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        if (await partners.FindAsync(partnerId, ct) is null) return Problems.NotFound($"Partner '{partnerId}' does not exist.");
        var plan = await session.LoadAsync<CommissionPlan>(quarter, ct);
        if (plan is null) return Problems.NotFound($"There is no plan for {quarter}; create it first.");
        if (await IsFrozenAsync(session, quarter, ct))
            return Problems.Conflict($"The plan of {quarter} is frozen: a statement of that quarter has been approved.");

        plan.PartnerTargets[partnerId] = new CategoryTargets(request!.Mobile, request.Fixed);
        plan.UpdatedAt = clock.GetUtcNow();
        plan.UpdatedBy = caller.Actor;
        session.Store(plan);
        session.Audit(caller, plan.UpdatedAt, AuditActions.PlanTargetsSaved, $"plan {quarter}",
            $"targets mobile {request.Mobile?.ToString() ?? "–"}, fixed {request.Fixed?.ToString() ?? "–"}", partnerId);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(View(plan));
    }

    public static async Task<IResult> Get(string quarter, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<CommissionPlan>(quarter, ct) is { } plan
            ? TypedResults.Ok(View(plan))
            : Problems.NotFound($"There is no plan for '{quarter}'.");

    internal static Task<bool> IsFrozenAsync(IQuerySession session, string quarter, CancellationToken ct) =>
        session.Query<Statement>().AnyAsync(s => s.Quarter == quarter && s.Status == "approved", ct);

    private static PlanView View(CommissionPlan p) =>
        new(p.Id, p.BaseRates, p.Tiers, p.MinSample, p.TierBasis, p.DefaultTargets, p.PartnerTargets, p.UpdatedAt, p.AppealWindowDays);

    internal static ValidationErrors Validate(string quarter, PlanRequest? request)
    {
        var errors = new ValidationErrors();
        if (!Quarter.TryParse(quarter, out _)) errors.Add("quarter", "'quarter' must be of the form YYYY-Qn.");
        if (request is null) return errors.Add("body", "A JSON body { baseRates, tiers, minSample, tierBasis, defaultTargets? } is required.");
        if (request.BaseRates is null) errors.Add("baseRates", "'baseRates' { mobile, fixed } is required.");
        else
        {
            Money(errors, "baseRates.mobile", request.BaseRates.Mobile, required: true);
            Money(errors, "baseRates.fixed", request.BaseRates.Fixed, required: true);
        }
        var tiers = request.Tiers ?? [];
        for (var i = 0; i < tiers.Count; i++)
        {
            var t = tiers[i];
            var at = $"tiers[{i}]";
            if (t is null) { errors.Add(at, "A tier must be an object { minNps, upliftPercent, qualityBonusEur }."); continue; }
            if (t.MinNps is not { } minNps || double.IsNaN(minNps) || minNps is < -100 or > 100)
                errors.Add($"{at}.minNps", "'minNps' is required, from -100 to 100.");
            else if (i > 0 && tiers[i - 1]?.MinNps is { } previous && minNps <= previous)
                errors.Add($"{at}.minNps", "Tiers must be sorted by 'minNps', ascending, each value once.");
            if (t.UpliftPercent is not { } uplift || uplift is < 0 or > 100)
                errors.Add($"{at}.upliftPercent", "'upliftPercent' is required, from 0 to 100.");
            Money(errors, $"{at}.qualityBonusEur", t.QualityBonusEur, required: true);
        }
        if (request.MinSample is < 1 or > 1_000_000) errors.Add("minSample", "'minSample' must be from 1 to 1,000,000 (a tier needs at least 30 anyway).");
        if (request.TierBasis is not (null or "point" or "ci-low")) errors.Add("tierBasis", "'tierBasis' must be 'point' or 'ci-low'.");
        if (request.DefaultTargets is { } targets) ValidateTargets(errors, "defaultTargets.", targets);
        if (request.AppealWindowDays is < 0 or > Contracts.AppealWindow.MaxDays)
            errors.Add("appealWindowDays", $"'appealWindowDays' must be from 0 to {Contracts.AppealWindow.MaxDays} days.");
        return errors;
    }

    private static void ValidateTargets(ValidationErrors errors, string prefix, TargetsRequest targets)
    {
        if (targets.Mobile is < 0) errors.Add(prefix + "mobile", "A target must be 0 or more transactions.");
        if (targets.Fixed is < 0) errors.Add(prefix + "fixed", "A target must be 0 or more transactions.");
    }

    private static void Money(ValidationErrors errors, string field, decimal? value, bool required)
    {
        if (value is null) { if (required) errors.Add(field, $"'{field}' is required."); return; }
        if (value < 0) errors.Add(field, $"'{field}' must be 0 or more.");
        else if (value > 1_000_000) errors.Add(field, $"'{field}' must be at most 1,000,000 EUR.");
        else if (decimal.Round(value.Value, 2) != value) errors.Add(field, $"'{field}' is EUR with at most two decimals.");
    }
}
