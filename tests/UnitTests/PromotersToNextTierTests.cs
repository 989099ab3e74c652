using PartnerPortal.Incentives.Statements;

namespace PartnerPortal.UnitTests;

/// <summary>"etwa N weitere Promotoren" (issue 18): the least k with 100 × (s + k) / (n + k) ≥ t, checked against the
/// definition by brute force and on hand-computed cases.</summary>
public sealed class PromotersToNextTierTests
{
    [Theory]
    // n = 40, 12 promoters, 8 detractors: NPS 10. To 20: (4 + k) / (40 + k) ≥ 0.2 ⇔ 0.8k ≥ 4 ⇔ k = 5 (9/45 = 20 % exactly).
    [InlineData(40, 4, 20.0, 5)]
    // Already there, or above.
    [InlineData(40, 8, 20.0, 0)]
    [InlineData(40, 10, 20.0, 0)]
    // NPS −25 (n 100) to 0: k = 25 (0/125).
    [InlineData(100, -25, 0.0, 25)]
    // To 12.5 from 10 at n 100: (10 + k) / (100 + k) ≥ 0.125 ⇔ 0.875k ≥ 2.5 ⇔ k ≥ 2.857 → 3.
    [InlineData(100, 10, 12.5, 3)]
    // A decimal minimum exactly reached: n 30, s 0 → 15.7: k = ⌈471 / 84.3⌉ = ⌈5.587⌉ = 6.
    [InlineData(30, 0, 15.7, 6)]
    // No scores yet: one promoter is an NPS of 100.
    [InlineData(0, 0, 50.0, 1)]
    public void Hand_computed(int n, int net, double threshold, int expected) =>
        Assert.Equal(expected, PromotersToNextTier.Needed(n, net, threshold));

    [Fact]
    public void A_minimum_of_100_is_out_of_reach_with_any_passive_or_detractor_and_above_100_always()
    {
        Assert.Null(PromotersToNextTier.Needed(10, 9, 100));
        Assert.Equal(0, PromotersToNextTier.Needed(10, 10, 100));
        Assert.Null(PromotersToNextTier.Needed(10, 10, 100.1));
    }

    [Fact]
    public void It_is_the_smallest_k_that_reaches_the_minimum_by_the_definition()
    {
        foreach (var n in new[] { 1, 7, 30, 31, 99, 250 })
            for (var net = -n; net <= n; net += Math.Max(1, n / 9))
                foreach (var t in new[] { -50.0, 0.0, 10.0, 15.7, 33.3, 50.0, 75.5, 99.9 })
                {
                    var k = PromotersToNextTier.Needed(n, net, t);
                    Assert.NotNull(k);
                    Assert.True(Reaches(n, net, k!.Value, t), $"n {n}, s {net}, t {t}: k {k} does not reach it");
                    Assert.True(k == 0 || !Reaches(n, net, k.Value - 1, t), $"n {n}, s {net}, t {t}: k {k - 1} reaches it already");
                }
    }

    [Fact]
    public void Impossible_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PromotersToNextTier.Needed(-1, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => PromotersToNextTier.Needed(5, 6, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => PromotersToNextTier.Needed(5, -6, 10));
    }

    /// <summary>The definition, in exact decimals.</summary>
    private static bool Reaches(int n, int net, int k, double t) => 100m * (net + k) >= (decimal)t * (n + k);
}
