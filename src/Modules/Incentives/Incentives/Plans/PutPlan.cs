using PartnerPortal.BuildingBlocks.Audit;

namespace PartnerPortal.Incentives.Plans;

/// <param name="PriorWeight">For the shrunk NPS: 0–1000 typical answers, 30 when absent (ADR 0034).</param>
/// <param name="AppealWindowDays">Days after the quarter in which responses may be appealed, 14 when absent (ADR 0032).</param>
internal sealed record PlanRequest(RatesRequest? BaseRates, List<TierRequest?>? Tiers, int? MinSample, [OneOf(typeof(TierBases))] string? TierBasis,
    [ApiOptional] TargetsRequest? DefaultTargets, [ApiOptional] int? PriorWeight = null, [ApiOptional] int? AppealWindowDays = null);

internal sealed record RatesRequest([MultipleOf(0.01)] decimal? Mobile, [MultipleOf(0.01)] decimal? Fixed);

internal sealed record TierRequest(double? MinNps, decimal? UpliftPercent, decimal? QualityBonusEur);

/// <summary>Null (or absent) = no target for that category.</summary>
internal sealed record TargetsRequest([ApiOptional] int? Mobile, [ApiOptional] int? Fixed);

/// <summary><c>PUT /api/v1/incentives/plans/{quarter}</c> (back office): creates (201) or replaces (200) a quarter's plan.
/// A plan can change until the quarter's first statement is approved (409: frozen); every change takes the plan lock
/// (shared with approval) and counts up the plan's version (ADR 0028).</summary>
internal static class PutPlan
{
    public static async Task<Outcome<CommissionPlan>> HandleAsync(string quarter, PlanRequest? request, Caller caller, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(quarter, request);
        if (!errors.IsValid) return Outcome<CommissionPlan>.Invalid(errors.ToDictionary());
        await PlanLock.EnterAsync(session, quarter, ct);
        if (await PlanLock.IsFrozenAsync(session, quarter, ct)) return PlanLock.Frozen<CommissionPlan>(quarter);

        var existing = await session.LoadAsync<CommissionPlan>(quarter, ct);
        var plan = new CommissionPlan
        {
            Id = quarter,
            BaseRates = new CategoryRates(request!.BaseRates!.Mobile!.Value, request.BaseRates.Fixed!.Value),
            Tiers = request.Tiers?.Select(t => new NpsTier(t!.MinNps!.Value, t.UpliftPercent!.Value, t.QualityBonusEur!.Value)).ToList() ?? [],
            MinSample = request.MinSample ?? 30,
            TierBasis = request.TierBasis ?? TierBases.Point,
            PriorWeight = request.PriorWeight ?? CommissionPlan.DefaultPriorWeight,
            AppealWindowDays = request.AppealWindowDays ?? Contracts.AppealWindow.DefaultDays,
            DefaultTargets = request.DefaultTargets is { } d ? new CategoryTargets(d.Mobile, d.Fixed) : null,
            PartnerTargets = existing?.PartnerTargets ?? [],
            UpdatedAt = clock.GetUtcNow(),
            UpdatedBy = caller.Actor,
            Version = (existing?.Version ?? 0) + 1,
        };
        session.Store(plan);
        session.Audit(caller, plan.UpdatedAt, AuditActions.PlanSaved, $"plan {quarter}",
            $"{(existing is null ? "created" : "replaced")} (version {plan.Version}): base rates mobile {plan.BaseRates.Mobile:0.00} / fixed {plan.BaseRates.Fixed:0.00} EUR, {plan.Tiers.Count} tiers, min sample {plan.MinSample}, basis {plan.TierBasis}, prior weight {plan.PriorWeight}, appeal window {plan.AppealWindowDays} days");
        await session.SaveChangesAsync(ct);
        return existing is null ? Outcome<CommissionPlan>.Created(plan) : Outcome<CommissionPlan>.Done(plan);
    }

    public static async Task<IResult> Endpoint(string quarter, PlanRequest? request, Caller caller, IDocumentSession session, TimeProvider clock,
        CancellationToken ct) =>
        (await HandleAsync(quarter, request, caller, session, clock, ct)).ToHttp(PlanView.Of, p => $"/api/v1/incentives/plans/{p.Id}");

    internal static ValidationErrors Validate(string quarter, PlanRequest? request)
    {
        var errors = new ValidationErrors();
        errors.Quarter("quarter", quarter, out _);
        if (request is null) return errors.Add("body", "A JSON body { baseRates, tiers, minSample, tierBasis, priorWeight?, defaultTargets? } is required.");
        if (request.BaseRates is null) errors.Add("baseRates", "'baseRates' { mobile, fixed } is required.");
        else
        {
            errors.Money("baseRates.mobile", request.BaseRates.Mobile);
            errors.Money("baseRates.fixed", request.BaseRates.Fixed);
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
            errors.Percent($"{at}.upliftPercent", t.UpliftPercent);
            errors.Money($"{at}.qualityBonusEur", t.QualityBonusEur);
        }
        if (request.MinSample is < 1 or > 1_000_000) errors.Add("minSample", "'minSample' must be from 1 to 1,000,000 (a tier needs at least 30 anyway).");
        if (request.TierBasis is not (null or TierBases.Point or TierBases.CiLow or TierBases.Shrunk))
            errors.Add("tierBasis", "'tierBasis' must be 'point', 'ci-low' or 'shrunk'.");
        if (request.PriorWeight is < 0 or > CommissionPlan.MaxPriorWeight)
            errors.Add("priorWeight", $"'priorWeight' must be a whole number from 0 to {CommissionPlan.MaxPriorWeight} (typical answers added; default {CommissionPlan.DefaultPriorWeight}).");
        if (request.DefaultTargets is { } targets) ValidateTargets(errors, "defaultTargets.", targets);
        if (request.AppealWindowDays is < 0 or > Contracts.AppealWindow.MaxDays)
            errors.Add("appealWindowDays", $"'appealWindowDays' must be from 0 to {Contracts.AppealWindow.MaxDays} days.");
        return errors;
    }

    internal static void ValidateTargets(ValidationErrors errors, string prefix, TargetsRequest targets)
    {
        if (targets.Mobile is < 0) errors.Add(prefix + "mobile", "A target must be 0 or more transactions.");
        if (targets.Fixed is < 0) errors.Add(prefix + "fixed", "A target must be 0 or more transactions.");
    }
}
