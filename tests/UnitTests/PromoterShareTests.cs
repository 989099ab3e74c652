using PartnerPortal.Surveys.Trust;

namespace PartnerPortal.UnitTests;

/// <summary>DOMAIN.md promoter-share: z = (p − p0) / √(p0 (1 − p0) / n) ≥ 3.09 with n ≥ 30, and where z has no value.</summary>
public sealed class PromoterShareTests
{
    [Fact]
    public void Z_follows_the_formula_and_flags_from_3_09_with_30_scores()
    {
        // p = 20/30, p0 = 36/92: z = 3.0904 (the integration tests' 2048-Q2 partner X).
        var share = PromoterShare.Of(30, 20, 92, 36);
        var p0 = 36.0 / 92;
        Assert.Equal((20.0 / 30 - p0) / Math.Sqrt(p0 * (1 - p0) / 30), share.Z!.Value, 12);
        Assert.True(share.Flagged);
        Assert.False(PromoterShare.Of(29, 20, 93, 36).Flagged); // a higher z, 29 scores
        Assert.False(PromoterShare.Of(30, 23, 66, 32).Flagged); // z = 3.0886
    }

    [Fact]
    public void Without_a_value_for_z_only_a_share_above_a_baseline_of_zero_is_flagged()
    {
        Assert.Equal(new PromoterShare(30, 0.1, 0, null, true), PromoterShare.Of(30, 3, 50, 0));    // nobody else has promoters
        Assert.Equal(new PromoterShare(29, 3 / 29.0, 0, null, false), PromoterShare.Of(29, 3, 50, 0)); // … but 29 scores are too few
        Assert.Equal(new PromoterShare(30, 0, 0, null, false), PromoterShare.Of(30, 0, 50, 0));    // no promoters anywhere
        Assert.Equal(new PromoterShare(30, 1, 1, null, false), PromoterShare.Of(30, 30, 50, 50));  // everybody promotes
        Assert.Equal(new PromoterShare(40, 1, null, null, false), PromoterShare.Of(40, 40, 0, 0)); // the only partner
        Assert.Equal(new PromoterShare(0, null, 0.5, null, false), PromoterShare.Of(0, 0, 50, 25)); // no touchpoint scores
    }
}
