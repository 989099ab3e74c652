using PartnerPortal.BuildingBlocks.Audit;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Incentives.Plans;

/// <param name="PriorWeight">For the shrunk NPS: 0–1000 typical answers, 30 when absent (ADR 0034).</param>
/// <param name="AppealWindowDays">Days after the quarter in which responses may be appealed, 14 when absent (ADR 0032).</param>
public sealed record PlanRequest(RatesRequest? BaseRates, List<TierRequest?>? Tiers, int? MinSample, string? TierBasis, TargetsRequest? DefaultTargets,
    int? PriorWeight = null, int? AppealWindowDays = null);

public sealed record RatesRequest(decimal? Mobile, decimal? Fixed);

public sealed record TierRequest(double? MinNps, decimal? UpliftPercent, decimal? QualityBonusEur);

public sealed record TargetsRequest(int? Mobile, int? Fixed);

/// <param name="Version">The plan's <see cref="CommissionPlan.Version"/> (added by ADR 0028).</param>
/// <param name="PriorWeight">The shrunk NPS's typical answers (added by ADR 0034).</param>
public sealed record PlanView(string Quarter, CategoryRates BaseRates, IReadOnlyList<NpsTier> Tiers, int MinSample, string TierBasis,
    CategoryTargets? DefaultTargets, IReadOnlyDictionary<string, CategoryTargets> PartnerTargets, DateTimeOffset UpdatedAt, int Version,
    int PriorWeight, int AppealWindowDays);

/// <summary>Plans per quarter: <c>PUT /plans/{quarter}</c>, <c>PUT /plans/{quarter}/targets/{partnerId}</c>,
/// <c>GET /plans/{quarter}</c>. A plan can change until the quarter's first statement is approved; every change takes
/// the plan lock (shared with approval) and counts up the plan's version (ADR 0028).</summary>
internal static class PlanEndpoints
{
    public static async Task<IResult> Put(string quarter, PlanRequest? request, Caller caller, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = Validate(quarter, request);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        await PlanLock.EnterAsync(session, quarter, ct);
        if (await IsFrozenAsync(session, quarter, ct)) return Frozen(quarter);

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
        return existing is null ? TypedResults.Created($"/api/v1/incentives/plans/{quarter}", View(plan)) : TypedResults.Ok(View(plan));
    }

    public static async Task<IResult> PutTargets(string quarter, string partnerId, TargetsRequest? request, Caller caller, IDocumentSession session,
        IPartnerDirectory partners, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Quarter("quarter", quarter, out _);
        if (request is null) errors.Add("body", "A JSON body { mobile, fixed } is required.");
        else ValidateTargets(errors, "", request);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        if (await partners.FindAsync(partnerId, ct) is null) return Problems.NotFound($"Partner '{partnerId}' does not exist.");
        await PlanLock.EnterAsync(session, quarter, ct);
        var plan = await session.LoadAsync<CommissionPlan>(quarter, ct);
        if (plan is null) return Problems.NotFound($"There is no plan for {quarter}; create it first.");
        if (await IsFrozenAsync(session, quarter, ct)) return Frozen(quarter);

        plan.PartnerTargets[partnerId] = new CategoryTargets(request!.Mobile, request.Fixed);
        plan.UpdatedAt = clock.GetUtcNow();
        plan.UpdatedBy = caller.Actor;
        plan.Version++; // a draft's attainment used the old targets: it is recalculated before approval
        session.Store(plan);
        session.Audit(caller, plan.UpdatedAt, AuditActions.PlanTargetsSaved, $"plan {quarter}",
            $"targets mobile {request.Mobile?.ToString() ?? "–"}, fixed {request.Fixed?.ToString() ?? "–"} (plan version {plan.Version})", partnerId);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(View(plan));
    }

    public static async Task<IResult> Get(string quarter, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<CommissionPlan>(quarter, ct) is { } plan
            ? TypedResults.Ok(View(plan))
            : Problems.NotFound($"There is no plan for '{quarter}'.");

    /// <summary>A plan is frozen once a statement of its quarter is approved. Decisive only under the <see cref="PlanLock"/>.</summary>
    internal static Task<bool> IsFrozenAsync(IQuerySession session, string quarter, CancellationToken ct) =>
        session.Query<Statement>().AnyAsync(s => s.Quarter == quarter && s.Status == "approved", ct);

    private static ProblemHttpResult Frozen(string quarter) =>
        Problems.Conflict($"The plan of {quarter} is frozen: a statement of that quarter has been approved.");

    /// <summary>Amounts rounded to cents on the way out (ADR 0028), also for plans stored before inputs were checked.</summary>
    private static PlanView View(CommissionPlan p) =>
        new(p.Id, Rounded(p.BaseRates), p.Tiers.Select(Rounded).ToArray(), p.MinSample, p.TierBasis, p.DefaultTargets, p.PartnerTargets, p.UpdatedAt,
            p.Version, p.PriorWeight, p.AppealWindowDays);

    internal static CategoryRates Rounded(CategoryRates r) => new(Money.Cents(r.Mobile), Money.Cents(r.Fixed));

    internal static NpsTier Rounded(NpsTier t) => t with { QualityBonusEur = Money.Cents(t.QualityBonusEur) };

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

    private static void ValidateTargets(ValidationErrors errors, string prefix, TargetsRequest targets)
    {
        if (targets.Mobile is < 0) errors.Add(prefix + "mobile", "A target must be 0 or more transactions.");
        if (targets.Fixed is < 0) errors.Add(prefix + "fixed", "A target must be 0 or more transactions.");
    }
}
