using PartnerPortal.Scoring.Scorecards;

namespace PartnerPortal.UnitTests;

/// <summary>DOMAIN.md "Net Promoter Score", against figures worked out by hand (n' = n + 3, p' = (P + 0.75)/n', …).</summary>
public sealed class NpsMathTests
{
    [Theory]
    //          n   P   D    nps        adj        se         ciLow       ciHigh     moe95
    [InlineData(40, 20, 10, 25.0, 23.255814, 12.561244, -1.364224, 47.875852, 24.620038)]
    [InlineData(100, 50, 20, 30.0, 29.126214, 7.691510, 14.050853, 44.201574, 15.075360)]
    [InlineData(35, 10, 15, -14.285714, -13.157895, 13.377666, -39.378120, 13.062331, 26.220225)]
    [InlineData(1, 1, 0, 100.0, 25.0, 37.5, -48.5, 98.5, 73.5)]
    public void Computes_the_NPS_and_the_adjusted_Wald_interval(int n, int promoters, int detractors,
        double nps, double adjusted, double se, double ciLow, double ciHigh, double moe95)
    {
        var f = NpsMath.Compute(n, promoters, detractors);
        Assert.Equal(nps, f.Nps, 1e-5);
        Assert.Equal(adjusted, f.Adjusted, 1e-5);
        Assert.Equal(se, f.StandardError, 1e-5);
        Assert.Equal(ciLow, f.CiLow, 1e-5);
        Assert.Equal(ciHigh, f.CiHigh, 1e-5);
        Assert.Equal(moe95, f.Moe95, 1e-5);
    }

    [Fact]
    public void The_interval_is_clamped_to_minus_100_and_100()
    {
        var allDetractors = NpsMath.Compute(5, 0, 5); // adj − 1.96·se = −107.5
        Assert.Equal(-100, allDetractors.CiLow);
        Assert.Equal(-17.490626, allDetractors.CiHigh, 1e-5);
        var allPromoters = NpsMath.Compute(5, 5, 0);
        Assert.Equal(100, allPromoters.CiHigh);
    }

    [Theory]
    [InlineData(0.25, 0.3)]
    [InlineData(-0.25, -0.3)]
    [InlineData(12.45, 12.5)]
    [InlineData(-12.45, -12.5)]
    [InlineData(45.454545, 45.5)]
    [InlineData(12.44999, 12.4)]
    [InlineData(-14.285714, -14.3)]
    public void Figures_round_to_one_decimal_half_away_from_zero(double value, double expected) =>
        Assert.Equal(expected, NpsMath.Round1(value));

    [Fact]
    public void An_NPS_of_exactly_x_25_from_data_rounds_away_from_zero()
    {
        Assert.Equal(0.3, NpsMath.Round1(NpsMath.Compute(400, 101, 100).Nps)); // 0.25
        Assert.Equal(-0.3, NpsMath.Round1(NpsMath.Compute(400, 100, 101).Nps));
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    public void Thirty_responses_make_a_sufficient_sample(int n, bool sufficient) => Assert.Equal(sufficient, NpsMath.IsSufficient(n));

    [Fact]
    public void Significance_uses_the_adjusted_values_and_their_standard_errors()
    {
        var q2 = NpsMath.Compute(40, 20, 10);
        var q1 = NpsMath.Compute(40, 5, 25);
        Assert.True(NpsMath.Significant(q2, q1)); // z = 4.19
        Assert.False(NpsMath.Significant(NpsMath.Compute(35, 10, 15), NpsMath.Compute(35, 8, 14))); // z = 0.14

        // At the threshold: |adj1 − adj2| / √(se1² + se2²) = 1.96 exactly is significant.
        var a = new NpsFigures(0, 19.6, 10, 0, 0, 0);
        var b = new NpsFigures(0, 0, 0, 0, 0, 0);
        Assert.True(NpsMath.Significant(a, b));
        Assert.False(NpsMath.Significant(a with { Adjusted = 19.59 }, b));
    }
}
