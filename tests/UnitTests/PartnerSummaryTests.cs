using PartnerPortal.Scoring.Scorecards;

namespace PartnerPortal.UnitTests;

/// <summary>DOMAIN.md "Benchmarks" and the quarter-on-quarter change label.</summary>
public sealed class PartnerSummaryTests
{
    private static ScoreCard Card(string partner, int n, int promoters, int detractors) =>
        ScoreCard.From("2023-Q2", "touchpoint", "all", "partner", partner, null, null, n, promoters, n - promoters - detractors, detractors, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Percentile_rank_is_the_share_of_other_sufficient_partners_strictly_lower()
    {
        var own = Card("a", 40, 20, 10);                        // 25
        var cards = new[]
        {
            own,
            Card("b", 40, 10, 20),                              // −25: lower
            Card("c", 40, 20, 10),                              // 25: equal, not lower
            Card("d", 40, 30, 0),                               // 75: higher
            Card("e", 10, 0, 10),                               // insufficient: not counted
        };
        Assert.Equal(33.3, PartnerSummary.PercentileRank(own, cards)); // 1 of 3
    }

    [Fact]
    public void Percentile_rank_is_null_for_an_insufficient_sample_or_without_qualifying_others()
    {
        Assert.Null(PartnerSummary.PercentileRank(Card("a", 29, 20, 0), [Card("b", 40, 10, 10)]));
        Assert.Null(PartnerSummary.PercentileRank(Card("a", 40, 20, 0), [Card("a", 40, 20, 0), Card("b", 29, 10, 10)]));
    }

    [Fact]
    public void A_change_is_up_or_down_only_when_significant()
    {
        var high = Card("a", 40, 20, 10);
        var low = Card("a", 40, 5, 25);
        Assert.Equal("up", PartnerSummary.Change(high, low));
        Assert.Equal("down", PartnerSummary.Change(low, high));
        Assert.Equal("none", PartnerSummary.Change(Card("b", 35, 10, 15), Card("b", 35, 8, 14)));
        Assert.Null(PartnerSummary.Change(high, null));
        Assert.Null(PartnerSummary.Change(null, high));
    }
}
