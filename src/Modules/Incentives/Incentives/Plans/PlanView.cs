namespace PartnerPortal.Incentives.Plans;

/// <param name="Version">The plan's <see cref="CommissionPlan.Version"/> (added by ADR 0028).</param>
/// <param name="PriorWeight">The shrunk NPS's typical answers (added by ADR 0034).</param>
internal sealed record PlanView(string Quarter, CategoryRates BaseRates, IReadOnlyList<NpsTier> Tiers, int MinSample, [OneOf(typeof(TierBases))] string TierBasis,
    CategoryTargets? DefaultTargets, IReadOnlyDictionary<string, CategoryTargets> PartnerTargets, DateTimeOffset UpdatedAt, int Version,
    int PriorWeight, int AppealWindowDays)
{
    /// <summary>Amounts rounded to cents on the way out (ADR 0028), also for plans stored before inputs were checked.</summary>
    public static PlanView Of(CommissionPlan p) =>
        new(p.Id, p.BaseRates.InCents(), p.Tiers.Select(t => t.InCents()).ToArray(), p.MinSample, p.TierBasis, p.DefaultTargets, p.PartnerTargets,
            p.UpdatedAt, p.Version, p.PriorWeight, p.AppealWindowDays);
}
