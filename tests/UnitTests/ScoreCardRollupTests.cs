using PartnerPortal.Scoring.Scorecards;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.UnitTests;

/// <summary>Every card is the sum of its groups; partner and shop cards count channel partner-shop only.</summary>
public sealed class ScoreCardRollupTests
{
    private static Dictionary<string, ScoreCard> Roll(params GroupCounts[] groups)
    {
        var rollup = new ScoreCardRollup();
        foreach (var g in groups) rollup.Add(g);
        return rollup.Cards("2023-Q2", DateTimeOffset.UnixEpoch).ToDictionary(c => c.Id);
    }

    [Fact]
    public void Groups_sum_into_segment_all_channel_partner_and_shop_cards()
    {
        var cards = Roll(
            new GroupCounts("touchpoint", "private", "partner-shop", "p1", "s1", 10, 6, 2, 2),
            new GroupCounts("touchpoint", "business", "partner-shop", "p1", "s2", 5, 1, 1, 3),
            new GroupCounts("touchpoint", "private", "partner-shop", "p1", null, 3, 3, 0, 0),
            new GroupCounts("touchpoint", "private", "own-shop", null, null, 7, 7, 0, 0),
            new GroupCounts("touchpoint", "private", "hotline", "p1", null, 4, 0, 0, 4)); // a partner id outside partner-shop

        var partnerAll = cards[ScoreCard.IdOf("2023-Q2", "touchpoint", "all", "partner", "p1", null, null)];
        Assert.Equal((18, 10, 3, 5), (partnerAll.N, partnerAll.Promoters, partnerAll.Passives, partnerAll.Detractors));
        var partnerPrivate = cards[ScoreCard.IdOf("2023-Q2", "touchpoint", "private", "partner", "p1", null, null)];
        Assert.Equal(13, partnerPrivate.N);
        Assert.Equal(10, cards[ScoreCard.IdOf("2023-Q2", "touchpoint", "all", "shop", "p1", "s1", null)].N);
        Assert.Equal(5, cards[ScoreCard.IdOf("2023-Q2", "touchpoint", "business", "shop", "p1", "s2", null)].N);
        Assert.Equal(18, cards[ScoreCard.IdOf("2023-Q2", "touchpoint", "all", "channel", null, null, "partner-shop")].N);
        Assert.Equal(7, cards[ScoreCard.IdOf("2023-Q2", "touchpoint", "all", "channel", null, null, "own-shop")].N);
        Assert.Equal(4, cards[ScoreCard.IdOf("2023-Q2", "touchpoint", "private", "channel", null, null, "hotline")].N);
        var all = cards[ScoreCard.IdOf("2023-Q2", "touchpoint", "all", "all", null, null, null)];
        Assert.Equal(29, all.N);
        Assert.Equal(24, cards[ScoreCard.IdOf("2023-Q2", "touchpoint", "private", "all", null, null, null)].N);
        Assert.DoesNotContain(cards.Values, c => c.Scope == "shop" && c.ShopId is null);
    }

    [Fact]
    public void Dimensions_are_kept_apart_and_figures_are_computed()
    {
        var cards = Roll(
            new GroupCounts("brand", "private", "online", null, null, 40, 20, 10, 10),
            new GroupCounts("product", "private", "online", null, null, 1, 1, 0, 0));
        var brand = cards[ScoreCard.IdOf("2023-Q2", "brand", "all", "all", null, null, null)];
        Assert.Equal(25.0, brand.Nps);
        Assert.Equal(-1.364224, brand.CiLow, 1e-5);
        Assert.True(brand.SufficientSample);
        Assert.False(cards[ScoreCard.IdOf("2023-Q2", "product", "all", "all", null, null, null)].SufficientSample);
    }
}
