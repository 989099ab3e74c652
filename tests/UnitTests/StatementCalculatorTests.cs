using PartnerPortal.Incentives.Plans;
using PartnerPortal.Incentives.Statements;
using PartnerPortal.Scoring.Contracts;

namespace PartnerPortal.UnitTests;

/// <summary>DOMAIN.md "Commission" on hand-computed statements.</summary>
public sealed class StatementCalculatorTests
{
    private static CommissionPlan Plan(string basis = "point", int minSample = 30) => new()
    {
        Id = "2023-Q2",
        BaseRates = new CategoryRates(Mobile: 42.10m, Fixed: 30m),
        Tiers = [new NpsTier(0, 5, 100m), new NpsTier(30, 10, 250m), new NpsTier(50, 15, 400m)],
        MinSample = minSample,
        TierBasis = basis,
        DefaultTargets = new CategoryTargets(Mobile: 4, Fixed: null),
    };

    private static PartnerNps Nps(double nps, int n = 100, double ciLow = -100) => new("p", n, nps, ciLow, 100, n >= 30, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(-0.1, null)]
    [InlineData(0.0, 0.0)]     // exactly on a boundary: that tier applies
    [InlineData(29.99, 0.0)]
    [InlineData(30.0, 30.0)]
    [InlineData(50.0, 50.0)]
    [InlineData(100.0, 50.0)]
    public void The_highest_tier_whose_minimum_is_reached_applies(double nps, double? expectedMinNps) =>
        Assert.Equal(expectedMinNps, StatementCalculator.TierFor(Plan(), Nps(nps))?.MinNps);

    [Fact]
    public void The_ci_low_basis_uses_the_intervals_lower_bound()
    {
        Assert.Equal(50.0, StatementCalculator.TierFor(Plan("point"), Nps(55, ciLow: 31))?.MinNps);
        Assert.Equal(30.0, StatementCalculator.TierFor(Plan("ci-low"), Nps(55, ciLow: 31))?.MinNps);
        Assert.Null(StatementCalculator.TierFor(Plan("ci-low"), Nps(20, ciLow: -3)));
    }

    [Theory]
    [InlineData(29, 30, false)]
    [InlineData(30, 30, true)]
    [InlineData(30, 10, true)]
    [InlineData(29, 10, false)]   // minSample below 30 still needs 30
    [InlineData(49, 50, false)]
    [InlineData(50, 50, true)]
    public void A_tier_needs_n_of_at_least_max_30_and_minSample(int n, int minSample, bool tier) =>
        Assert.Equal(tier, StatementCalculator.TierFor(Plan(minSample: minSample), Nps(60, n)) is not null);

    [Fact]
    public void Base_uplift_and_bonus_lines_are_rounded_to_cents_half_away_from_zero()
    {
        // Mobile: 1 × 42.10 = 42.10; 5 % of 42.10 = 2.105 → 2.11. Fixed: 3 × 30 = 90; 5 % = 4.50. Bonus 100.
        var s = StatementCalculator.Calculate("2023-Q2", "p", Plan(), Nps(10), new Dictionary<string, int> { ["mobile"] = 1, ["fixed"] = 3 }, DateTimeOffset.UnixEpoch);
        Assert.Equal(0.0, s.Tier!.MinNps);
        Assert.Equal(
            [("base", "mobile", 42.10m), ("uplift", "mobile", 2.11m), ("base", "fixed", 90m), ("uplift", "fixed", 4.50m), ("bonus", null, 100m)],
            s.Lines.Select(l => (l.Kind, l.Category, l.Amount)));
        Assert.Equal(238.71m, s.Total);
        Assert.Equal(0.25m, s.Attainment["mobile"]); // 1 of a target of 4
        Assert.False(s.Attainment.ContainsKey("fixed"));
    }

    [Fact]
    public void Without_a_tier_there_is_no_uplift_and_no_bonus()
    {
        var s = StatementCalculator.Calculate("2023-Q2", "p", Plan(), Nps(80, n: 29), new Dictionary<string, int> { ["mobile"] = 2 }, DateTimeOffset.UnixEpoch);
        Assert.Null(s.Tier);
        Assert.Equal(["base", "base"], s.Lines.Select(l => l.Kind));
        Assert.Equal(84.20m, s.Total);
        Assert.Contains("Stichprobe", s.Explanation[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80, 100)] // a tier with uplift and bonus
    [InlineData(80, 29)]  // sample too small
    [InlineData(-90, 100)] // no tier reached
    public void The_explanation_has_an_English_sentence_for_every_German_one_and_no_German_in_it(double nps, int n)
    {
        var s = StatementCalculator.Calculate("2023-Q2", "p", Plan(), Nps(nps, n), new Dictionary<string, int> { ["mobile"] = 2, ["fixed"] = 3 },
            DateTimeOffset.UnixEpoch);
        Assert.Equal(s.Explanation.Count, s.ExplanationEnglish.Count);
        foreach (var german in new[] { "Geschäftsvorfälle", "Stichprobe", "Stufe", "Qualität", "Mobilfunk", "Festnetz", "Kontaktpunkt", "erreicht", " von " })
            Assert.DoesNotContain(s.ExplanationEnglish, e => e.Contains(german, StringComparison.Ordinal));
        Assert.Contains("transactions", s.ExplanationEnglish[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_bonus_does_not_depend_on_volume()
    {
        var s = StatementCalculator.Calculate("2023-Q2", "p", Plan(), Nps(60), new Dictionary<string, int>(), DateTimeOffset.UnixEpoch);
        Assert.Equal(400m, s.Total);
        Assert.Equal(400m, Assert.Single(s.Lines, l => l.Kind == "bonus").Amount);
    }
}

/// <summary>DOMAIN.md: clawbacks land in the cancellation's quarter, or in the next draft when that one is approved.</summary>
public sealed class ClawbackTests
{
    private static readonly DateTimeOffset Approved = new(2023, 7, 10, 0, 0, 0, TimeSpan.Zero);

    private static PartnerPortal.Incentives.Statement Statement(string quarter, string status, decimal? uplift = 10, params string[] clawedBack) => new()
    {
        Quarter = quarter, PartnerId = "p", Status = status == "approved" ? PartnerPortal.Incentives.StatementStatus.Approved : PartnerPortal.Incentives.StatementStatus.Draft, CalculatedAt = Approved,
        Tier = uplift is { } u ? new NpsTier(30, u, 0) : null, ClawedBack = [.. clawedBack],
    };

    private static PartnerPortal.Incentives.Sales.Cancellation Cancel(string id, string quarter, string category = "mobile", string source = "2023-Q2", int daysAfterApproval = 5) => new()
    {
        Id = id, PartnerId = "p", Category = category, Quarter = quarter, TransactionQuarter = source, ReceivedAt = Approved.AddDays(daysAfterApproval),
    };

    private static readonly Dictionary<string, CommissionPlan> Plans = new()
    {
        ["2023-Q2"] = new CommissionPlan { Id = "2023-Q2", BaseRates = new CategoryRates(42.10m, 30m) },
    };

    [Fact]
    public void A_cancellation_after_approval_is_clawed_back_at_the_source_rate_and_uplift()
    {
        var history = new Dictionary<string, PartnerPortal.Incentives.Statement> { ["2023-Q2"] = Statement("2023-Q2", "approved") };
        var (lines, ids, _) = Clawbacks.For("2023-Q3", [Cancel("t1", "2023-Q3"), Cancel("t2", "2023-Q3"), Cancel("t3", "2023-Q3", "fixed")], history, Plans);
        Assert.Equal([("mobile", 2, -92.62m), ("fixed", 1, -33.00m)], lines.Select(l => (l.Category!, l.Count!.Value, l.Amount)).OrderByDescending(l => l.Item1));
        Assert.Equal(["t1", "t2", "t3"], ids.Order());
    }

    [Fact]
    public void Nothing_is_clawed_back_that_was_not_counted_or_whose_source_is_a_draft_or_that_was_taken_already()
    {
        var approved = new Dictionary<string, PartnerPortal.Incentives.Statement> { ["2023-Q2"] = Statement("2023-Q2", "approved") };
        Assert.Empty(Clawbacks.For("2023-Q3", [Cancel("t1", "2023-Q3", daysAfterApproval: -1)], approved, Plans).Lines);
        var draft = new Dictionary<string, PartnerPortal.Incentives.Statement> { ["2023-Q2"] = Statement("2023-Q2", "draft") };
        Assert.Empty(Clawbacks.For("2023-Q3", [Cancel("t1", "2023-Q3")], draft, Plans).Lines);
        var taken = new Dictionary<string, PartnerPortal.Incentives.Statement>
        {
            ["2023-Q2"] = Statement("2023-Q2", "approved"), ["2023-Q3"] = Statement("2023-Q3", "approved", 10, "t1"),
        };
        Assert.Empty(Clawbacks.For("2023-Q4", [Cancel("t1", "2023-Q3")], taken, Plans).Lines);
    }

    [Fact]
    public void When_the_cancellation_quarter_is_approved_the_next_draft_takes_it_and_no_other()
    {
        var history = new Dictionary<string, PartnerPortal.Incentives.Statement>
        {
            ["2023-Q2"] = Statement("2023-Q2", "approved"), ["2023-Q3"] = Statement("2023-Q3", "approved"),
        };
        Assert.Single(Clawbacks.For("2023-Q4", [Cancel("t1", "2023-Q3")], history, Plans).Lines);
        history["2023-Q3"] = Statement("2023-Q3", "draft");
        Assert.Empty(Clawbacks.For("2023-Q4", [Cancel("t1", "2023-Q3")], history, Plans).Lines); // Q3's own draft takes it
        Assert.Empty(Clawbacks.For("2023-Q2", [Cancel("t1", "2023-Q3")], history, Plans).Lines); // never before the cancellation
    }

    [Fact]
    public void Without_an_uplift_in_the_source_statement_only_the_base_is_taken_back()
    {
        var history = new Dictionary<string, PartnerPortal.Incentives.Statement> { ["2023-Q2"] = Statement("2023-Q2", "approved", uplift: null) };
        Assert.Equal(-42.10m, Assert.Single(Clawbacks.For("2023-Q3", [Cancel("t1", "2023-Q3")], history, Plans).Lines).Amount);
    }

    [Fact]
    public void A_clawback_uses_the_rates_the_approved_source_statement_recorded_and_the_plan_only_for_statements_without()
    {
        var recorded = Statement("2023-Q2", "approved", uplift: 10);
        recorded.BaseRates = new CategoryRates(20m, 5m); // what the statement was calculated with; the plan says 42.10 / 30 now
        var history = new Dictionary<string, PartnerPortal.Incentives.Statement> { ["2023-Q2"] = recorded };
        var (lines, _, explanation) = Clawbacks.For("2023-Q3", [Cancel("t1", "2023-Q3"), Cancel("t2", "2023-Q3", "fixed")], history, Plans);
        Assert.Equal([("mobile", -22.00m), ("fixed", -5.50m)], lines.Select(l => (l.Category!, l.Amount)).OrderByDescending(l => l.Item1));
        Assert.Contains(explanation, e => e.German.Contains("× 20,00 € × (1 + 10 %)", StringComparison.Ordinal));
        Assert.Contains(explanation, e => e.English.StartsWith("Clawback mobile from 2023-Q2: 1 cancelled transactions × 20,00 €", StringComparison.Ordinal));
        // The same statement recorded under no plan at all still claws back (the plan is only the stand-in for old statements).
        Assert.Equal(2, Clawbacks.For("2023-Q3", [Cancel("t1", "2023-Q3"), Cancel("t2", "2023-Q3", "fixed")], history, new Dictionary<string, CommissionPlan>()).Lines.Count);
    }

    [Fact]
    public void A_statement_records_the_plan_version_and_rates_it_was_calculated_under()
    {
        var plan = new CommissionPlan { Id = "2023-Q2", BaseRates = new CategoryRates(42.10m, 30m), Version = 7 };
        var statement = StatementCalculator.Calculate("2023-Q2", "p", plan, null, new Dictionary<string, int> { ["mobile"] = 1 }, DateTimeOffset.UnixEpoch);
        Assert.Equal(7, statement.PlanVersion);
        Assert.Equal(plan.BaseRates, statement.BaseRates);
    }

    [Theory]
    [InlineData("10", true)]
    [InlineData("10.5", true)]
    [InlineData("10.50", true)]
    [InlineData("-0.01", true)]
    [InlineData("1e2", true)]
    [InlineData("0.001", false)]
    [InlineData("10.005", false)]
    [InlineData("10.500", true)]
    [InlineData("0.000", false)]
    [InlineData("1e-28", false)]
    [InlineData("1e-30", false)]
    public void Money_has_at_most_two_decimals_as_written(string written, bool cents) =>
        Assert.Equal(cents, PartnerPortal.SharedKernel.Money.HasAtMostTwoDecimals(
            decimal.Parse(written, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)));
}
