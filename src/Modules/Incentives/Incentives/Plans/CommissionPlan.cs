namespace PartnerPortal.Incentives.Plans;

/// <summary>A quarter's commission plan (DOMAIN.md "Commission"); the id is the quarter, e.g. <c>2023-Q2</c>.</summary>
public sealed class CommissionPlan
{
    public const int DefaultPriorWeight = 30;
    public const int MaxPriorWeight = 1000;

    public string Id { get; set; } = "";
    public CategoryRates BaseRates { get; set; } = new(0, 0);
    /// <summary>Ascending by <see cref="NpsTier.MinNps"/>; the highest row whose minNps ≤ the NPS applies.</summary>
    public List<NpsTier> Tiers { get; set; } = [];
    /// <summary>A tier applies only when n ≥ max(30, MinSample).</summary>
    public int MinSample { get; set; } = 30;
    /// <summary><c>point</c> (the NPS), <c>ci-low</c> (the interval's lower bound) or <c>shrunk</c> (the shrunk NPS).</summary>
    public string TierBasis { get; set; } = TierBases.Point;
    /// <summary>How many typical answers the shrunk NPS adds to a partner's own (0–1000). The initializer is also what a
    /// plan stored before the setting existed reads as (ADR 0034).</summary>
    public int PriorWeight { get; set; } = DefaultPriorWeight;
    /// <summary>Days after the quarter in which partners may appeal its responses (DOMAIN.md "Trust in the score"). Plans
    /// stored before the field existed read as the default.</summary>
    public int AppealWindowDays { get; set; } = Contracts.AppealWindow.DefaultDays;
    public CategoryTargets? DefaultTargets { get; set; }
    public Dictionary<string, CategoryTargets> PartnerTargets { get; set; } = [];
    /// <summary>Incremented on every change (the plan or a partner's targets), under the quarter lock; a statement records
    /// the version it was calculated under, and only a draft of the current version can be approved (ADR 0028).
    /// 0 for a plan stored before versions existed, 1 for a new plan.</summary>
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>What a plan's tiers are chosen on (DOMAIN.md "Commission").</summary>
internal static class TierBases
{
    public const string Point = "point";
    public const string CiLow = "ci-low";
    public const string Shrunk = "shrunk";
}

/// <summary>EUR per transaction.</summary>
public sealed record CategoryRates([MultipleOf(0.01)] decimal Mobile, [MultipleOf(0.01)] decimal Fixed)
{
    /// <summary>Rounded to cents, for plans stored before inputs were checked (ADR 0028).</summary>
    internal CategoryRates InCents() => new(SharedKernel.Money.Cents(Mobile), SharedKernel.Money.Cents(Fixed));
}

public sealed record NpsTier(double MinNps, decimal UpliftPercent, decimal QualityBonusEur)
{
    /// <summary>The bonus rounded to cents, for plans stored before inputs were checked (ADR 0028).</summary>
    internal NpsTier InCents() => this with { QualityBonusEur = SharedKernel.Money.Cents(QualityBonusEur) };
}

/// <summary>Quarterly volume targets (transactions); null = no target for that category.</summary>
public sealed record CategoryTargets(int? Mobile, int? Fixed);
