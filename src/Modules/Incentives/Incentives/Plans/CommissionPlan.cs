namespace PartnerPortal.Incentives.Plans;

/// <summary>A quarter's commission plan (DOMAIN.md "Commission"); the id is the quarter, e.g. <c>2023-Q2</c>.</summary>
public sealed class CommissionPlan
{
    public string Id { get; set; } = "";
    public CategoryRates BaseRates { get; set; } = new(0, 0);
    /// <summary>Ascending by <see cref="NpsTier.MinNps"/>; the highest row whose minNps ≤ the NPS applies.</summary>
    public List<NpsTier> Tiers { get; set; } = [];
    /// <summary>A tier applies only when n ≥ max(30, MinSample).</summary>
    public int MinSample { get; set; } = 30;
    /// <summary><c>point</c> (the NPS) or <c>ci-low</c> (the interval's lower bound).</summary>
    public string TierBasis { get; set; } = "point";
    /// <summary>Days after the quarter in which partners may appeal its responses (DOMAIN.md "Trust in the score"). Plans
    /// stored before the field existed read as the default.</summary>
    public int AppealWindowDays { get; set; } = Contracts.AppealWindow.DefaultDays;
    public CategoryTargets? DefaultTargets { get; set; }
    public Dictionary<string, CategoryTargets> PartnerTargets { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>EUR per transaction.</summary>
public sealed record CategoryRates(decimal Mobile, decimal Fixed);

public sealed record NpsTier(double MinNps, decimal UpliftPercent, decimal QualityBonusEur);

/// <summary>Quarterly volume targets (transactions); null = no target for that category.</summary>
public sealed record CategoryTargets(int? Mobile, int? Fixed);
