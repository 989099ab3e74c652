using PartnerPortal.Incentives.Plans;
using PartnerPortal.Incentives.Statements;
using PartnerPortal.Scoring.Contracts;

namespace PartnerPortal.UnitTests;

/// <summary>DOMAIN.md "Shrunk NPS" (ADR 0034) on hand-computed figures. The population throughout: 200 partner-shop
/// touchpoint scores, 100 promoters and 40 detractors, so p̄ = 0.5 and d̄ = 0.2.</summary>
public sealed class ShrunkNpsTests
{
    private static readonly NpsPopulation Population = new(N: 200, Promoters: 100, Detractors: 40);

    private static readonly NpsTier[] Tiers = [new(15, 5, 100m), new(50, 10, 300m)];

    private static CommissionPlan Plan(string basis = TierBases.Shrunk, int minSample = 30, int? priorWeight = null)
    {
        var plan = new CommissionPlan { Id = "2049-Q1", BaseRates = new CategoryRates(10m, 20m), Tiers = [.. Tiers], MinSample = minSample, TierBasis = basis };
        if (priorWeight is { } w) plan.PriorWeight = w;
        return plan;
    }

    /// <summary>A partner card with its counts; the NPS is what Scoring computes from them.</summary>
    private static PartnerNps Partner(int n, int promoters, int detractors, double ciLow = -100) =>
        new("p", n, 100.0 * (promoters - detractors) / n, ciLow, 100, n >= 30, DateTimeOffset.UnixEpoch) { Promoters = promoters, Detractors = detractors };

    [Fact]
    public void A_small_sample_moves_towards_the_population()
    {
        // n = 10, P = 9, D = 0 (NPS 90): 100 × (9 + 30 × 0.5 − 0 − 30 × 0.2) / (10 + 30) = 100 × 18 / 40 = 45.
        Assert.Equal(45.0, StatementCalculator.Shrunk(10, 9, 0, Population, 30));
    }

    [Fact]
    public void A_large_sample_keeps_nearly_its_own_figure()
    {
        // n = 1000, P = 800, D = 100 (NPS 70): 100 × (800 + 15 − 100 − 6) / 1030 = 70900 / 1030 = 68.83495…
        var shrunk = StatementCalculator.Shrunk(1000, 800, 100, Population, 30)!.Value;
        Assert.Equal(68.834951, shrunk, 6);
    }

    [Fact]
    public void The_prior_weight_is_the_number_of_typical_answers_added()
    {
        Assert.Equal(90.0, StatementCalculator.Shrunk(10, 9, 0, Population, 0));       // none added: the NPS itself
        Assert.Equal(100.0 * (9 + 500 - 200) / 1010, StatementCalculator.Shrunk(10, 9, 0, Population, 1000)!.Value, 10); // 30.59…
        // The plan's prior weight is the one used: 30 by default, else the plan's.
        Assert.Equal(45.0, StatementCalculator.Figures(Plan(), Partner(10, 9, 0), Population)!.Shrunk);
        Assert.Equal(90.0, StatementCalculator.Figures(Plan(priorWeight: 0), Partner(10, 9, 0), Population)!.Shrunk);
    }

    [Fact]
    public void A_value_exactly_on_a_tier_minimum_reaches_it()
    {
        // Population 100, 30 promoters, 12 detractors (p̄ = 0.3, d̄ = 0.12, neither exact in binary); n = 30, P = 15, D = 0:
        // 100 × (15 + 30 × 0.3 − 0 − 30 × 0.12) / 60 = 100 × 20.4 / 60 = 34 exactly (the shares in doubles give 33.99999…).
        var population = new NpsPopulation(100, 30, 12);
        Assert.Equal(34.0, StatementCalculator.Shrunk(30, 15, 0, population, 30));
        var plan = Plan();
        plan.Tiers = [new NpsTier(34, 5, 0m)];
        Assert.Equal(34.0, StatementCalculator.TierFor(plan, Partner(30, 15, 0), population)?.MinNps);
    }

    [Fact]
    public void Without_a_population_there_is_no_shrunk_NPS_and_under_shrunk_no_tier()
    {
        Assert.Null(StatementCalculator.Shrunk(30, 30, 0, null, 30));
        Assert.Null(StatementCalculator.Shrunk(30, 30, 0, new NpsPopulation(0, 0, 0), 30));
        Assert.Null(StatementCalculator.TierFor(Plan(), Partner(30, 30, 0), null));
        Assert.Equal(50.0, StatementCalculator.TierFor(Plan(TierBases.Point), Partner(30, 30, 0), null)?.MinNps);
        var statement = StatementCalculator.Calculate("2049-Q1", "p", Plan(), Partner(30, 30, 0), new Dictionary<string, int>(), DateTimeOffset.UnixEpoch);
        Assert.Null(statement.Nps!.Shrunk);
        Assert.Contains("kein geglätteter NPS", statement.Explanation[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_tier_is_chosen_on_the_shrunk_value_under_shrunk()
    {
        // Point 60 reaches the tier from 50; shrunk 45 (above) reaches only the one from 15.
        var high = Partner(30, 21, 3);
        Assert.Equal(50.0, StatementCalculator.TierFor(Plan(TierBases.Point), high, Population)?.MinNps);
        Assert.Equal(15.0, StatementCalculator.TierFor(Plan(), high, Population)?.MinNps);
        // Point 10 reaches no tier; shrunk 100 × (12 + 15 − 9 − 6) / 60 = 20 reaches the one from 15.
        var low = Partner(30, 12, 9);
        Assert.Null(StatementCalculator.TierFor(Plan(TierBases.Point), low, Population));
        Assert.Equal(15.0, StatementCalculator.TierFor(Plan(), low, Population)?.MinNps);
        var statement = StatementCalculator.Calculate("2049-Q1", "p", Plan(), low, new Dictionary<string, int> { ["mobile"] = 2 }, DateTimeOffset.UnixEpoch, Population);
        Assert.Equal(20.0, statement.Nps!.Shrunk);
        Assert.Equal(121m, statement.Total); // 2 × 10 € + 5 % + 100 € bonus
        Assert.Contains("geglätteter NPS 20,0 erreicht die Stufe ab 15,0", statement.Explanation[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(29, 30, false)]
    [InlineData(30, 30, true)]
    [InlineData(35, 40, false)]   // minSample 40: n = 35 is not enough, however high the shrunk value
    [InlineData(40, 40, true)]
    public void The_minimum_sample_rule_holds_under_shrunk(int n, int minSample, bool tier) =>
        // All promoters: the shrunk value is far above every tier.
        Assert.Equal(tier, StatementCalculator.TierFor(Plan(minSample: minSample), Partner(n, n, 0), Population) is not null);

    [Theory]
    [InlineData(TierBases.Point)]
    [InlineData(TierBases.CiLow)]
    [InlineData(TierBases.Shrunk)]
    public void Every_statement_records_the_shrunk_NPS_whatever_the_basis(string basis)
    {
        var statement = StatementCalculator.Calculate("2049-Q1", "p", Plan(basis), Partner(10, 9, 0), new Dictionary<string, int>(), DateTimeOffset.UnixEpoch, Population);
        Assert.Equal(45.0, statement.Nps!.Shrunk);
        Assert.Equal(90.0, statement.Nps.Value);
    }

    [Theory]
    [InlineData(TierBases.Point)]
    [InlineData(TierBases.CiLow)]
    [InlineData(TierBases.Shrunk)]
    public void The_what_if_sets_the_basis_value_under_every_basis(string basis)
    {
        var plan = Plan(basis, minSample: 40);
        var at55 = StatementCalculator.WhatIf("2049-Q1", "p", plan, 55, new Dictionary<string, int> { ["mobile"] = 1 }, DateTimeOffset.UnixEpoch);
        Assert.Equal(PartnerPortal.Incentives.StatementStatus.Draft, at55.Status); // API.md: draft|approved, never a third
        Assert.Equal(55.0, at55.WhatIfNps);
        Assert.Equal(PartnerPortal.Incentives.StatementRefusal.Projection, at55.ApprovalRefusal(plan));
        Assert.Equal(50.0, at55.Tier?.MinNps);
        Assert.Equal(311m, at55.Total); // 10 € + 1 € (10 %) + 300 € bonus
        Assert.Equal(40, at55.Nps!.N);  // a sufficient sample under the plan's minimum
        Assert.Equal(15.0, StatementCalculator.WhatIf("2049-Q1", "p", plan, 20, new Dictionary<string, int>(), DateTimeOffset.UnixEpoch).Tier?.MinNps);
        Assert.Null(StatementCalculator.WhatIf("2049-Q1", "p", plan, 14.9, new Dictionary<string, int>(), DateTimeOffset.UnixEpoch).Tier);
    }
}
