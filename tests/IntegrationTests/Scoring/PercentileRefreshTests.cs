using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Scoring;

/// <summary>The percentile rank is served from a cache of the quarter's partner NPS; a recalculation must show at once.
/// Owns the quarter 2039-Q1.</summary>
public sealed class PercentileRefreshTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> PartnerWithAnswersAsync(HttpClient admin, int touchpoint)
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        var items = Enumerable.Range(0, 30).Select(i =>
            (object)Response($"{partnerId}-r{i}", partnerId, shops[0], respondedAt: "2039-02-10T10:00:00+01:00", touchpoint: touchpoint));
        Assert.All(Statuses(await PostBatchAsync(admin, items)), s => Assert.Equal("accepted", s));
        return partnerId;
    }

    private async Task<double> RankAsync(HttpClient admin, string partnerId) =>
        (await (await admin.GetAsync($"/api/v1/scoring/partners/{partnerId}/summary?quarter=2039-Q1", Ct)).JsonAsync())
        .GetProperty("percentileRank").GetDouble();

    [Fact]
    public async Task A_recalculation_changes_the_rank_on_the_next_request()
    {
        using var admin = host.Admin();
        var a = await PartnerWithAnswersAsync(admin, touchpoint: 8);  // NPS 0
        await PartnerWithAnswersAsync(admin, touchpoint: 0);          // NPS −100
        await ScoringTests.RecalculateAsync(host, "2039-Q1");
        Assert.Equal(100.0, await RankAsync(admin, a));
        Assert.Equal(100.0, await RankAsync(admin, a)); // from the cache

        await PartnerWithAnswersAsync(admin, touchpoint: 10);         // NPS 100: now one of the two others is lower
        Assert.Equal(100.0, await RankAsync(admin, a));               // not recalculated yet: the cards are unchanged
        await ScoringTests.RecalculateAsync(host, "2039-Q1");
        Assert.Equal(50.0, await RankAsync(admin, a));
    }
}
