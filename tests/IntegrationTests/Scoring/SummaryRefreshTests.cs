using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Scoring;

/// <summary>The summary is served from a cache valid while the stamps of its five quarters are unchanged; a recalculation
/// of any of them must show at once. Owns the year 2040 and the quarter 2039-Q4 (the one before 2040-Q1).</summary>
public sealed class SummaryRefreshTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AnswersAsync(HttpClient admin, string partnerId, string shopId, string tag, string respondedAt, int touchpoint, int count = 30)
    {
        var items = Enumerable.Range(0, count).Select(i =>
            (object)Response($"{partnerId}-{tag}-r{i}", partnerId, shopId, respondedAt: respondedAt, touchpoint: touchpoint));
        Assert.All(Statuses(await PostBatchAsync(admin, items)), s => Assert.Equal("accepted", s));
    }

    private async Task<JsonElement> SummaryAsync(HttpClient client, string partnerId) =>
        await (await client.GetAsync($"/api/v1/scoring/partners/{partnerId}/summary?quarter=2040-Q4", Ct)).JsonAsync();

    private static JsonElement Trend(JsonElement summary, int i) => summary.GetProperty("trend")[i];

    [Fact]
    public async Task A_recalculation_of_any_of_the_five_quarters_changes_the_summary_on_the_next_request()
    {
        using var admin = host.Admin();
        var (a, aShops) = await host.CreatePartnerAsync();
        await AnswersAsync(admin, a, aShops[0], "q1", "2040-02-10T10:00:00+01:00", touchpoint: 0);  // NPS −100
        await AnswersAsync(admin, a, aShops[0], "q2", "2040-05-10T10:00:00+02:00", touchpoint: 0);  // NPS −100
        await AnswersAsync(admin, a, aShops[0], "q4", "2040-11-10T10:00:00+01:00", touchpoint: 10); // NPS 100
        foreach (var quarter in new[] { "2040-Q1", "2040-Q2", "2040-Q4" }) await ScoringTests.RecalculateAsync(host, quarter);

        for (var i = 0; i < 2; i++) // built, then from the cache
        {
            var summary = await SummaryAsync(admin, a);
            Assert.Equal(a, summary.GetProperty("partnerId").GetString());
            Assert.Equal(100.0, summary.GetProperty("dimensions").GetProperty("touchpoint").GetProperty("nps").GetDouble());
            Assert.Equal("2040-Q1", Trend(summary, 0).GetProperty("quarter").GetString());
            Assert.Equal(-100.0, Trend(summary, 0).GetProperty("nps").GetDouble());
            Assert.Equal(30, Trend(summary, 0).GetProperty("n").GetInt32());
            Assert.Equal(JsonValueKind.Null, Trend(summary, 0).GetProperty("change").ValueKind); // no 2039-Q4 card
            Assert.Equal("none", Trend(summary, 1).GetProperty("change").GetString());
        }

        // The quarter before the oldest trend quarter: only the oldest point's change depends on it.
        await AnswersAsync(admin, a, aShops[0], "q0", "2039-11-10T10:00:00+01:00", touchpoint: 10);
        Assert.Equal(JsonValueKind.Null, Trend(await SummaryAsync(admin, a), 0).GetProperty("change").ValueKind); // not recalculated yet
        await ScoringTests.RecalculateAsync(host, "2039-Q4");
        Assert.Equal("down", Trend(await SummaryAsync(admin, a), 0).GetProperty("change").GetString());

        // The oldest trend quarter: its figures and the next point's change.
        await AnswersAsync(admin, a, aShops[0], "q1b", "2040-02-11T10:00:00+01:00", touchpoint: 10);
        Assert.Equal(30, Trend(await SummaryAsync(admin, a), 0).GetProperty("n").GetInt32()); // not recalculated yet
        await ScoringTests.RecalculateAsync(host, "2040-Q1");
        var after = await SummaryAsync(admin, a);
        Assert.Equal(60, Trend(after, 0).GetProperty("n").GetInt32());
        Assert.Equal(0.0, Trend(after, 0).GetProperty("nps").GetDouble());
        Assert.Equal("down", Trend(after, 1).GetProperty("change").GetString());
        Assert.Equal(100.0, after.GetProperty("dimensions").GetProperty("touchpoint").GetProperty("nps").GetDouble());

        // The summary's own quarter: figures and percentile rank.
        var (b, bShops) = await host.CreatePartnerAsync();
        await AnswersAsync(admin, b, bShops[0], "q4", "2040-11-10T10:00:00+01:00", touchpoint: 0);
        Assert.Equal(JsonValueKind.Null, (await SummaryAsync(admin, a)).GetProperty("percentileRank").ValueKind); // alone in 2040-Q4
        await ScoringTests.RecalculateAsync(host, "2040-Q4");
        Assert.Equal(100.0, (await SummaryAsync(admin, a)).GetProperty("percentileRank").GetDouble());

        // Another partner's summary of the same quarter is its own, not A's.
        var other = await SummaryAsync(admin, b);
        Assert.Equal(b, other.GetProperty("partnerId").GetString());
        Assert.Equal(-100.0, other.GetProperty("dimensions").GetProperty("touchpoint").GetProperty("nps").GetDouble());
        Assert.Equal(0.0, other.GetProperty("percentileRank").GetDouble());
        Assert.Equal(JsonValueKind.Null, Trend(other, 0).GetProperty("nps").ValueKind);
    }

    [Fact]
    public async Task An_unknown_partner_is_404_also_once_the_quarters_are_cached()
    {
        using var admin = host.Admin();
        var (a, _) = await host.CreatePartnerAsync();
        await (await admin.GetAsync($"/api/v1/scoring/partners/{a}/summary?quarter=2040-Q4", Ct)).EnsureStatus(System.Net.HttpStatusCode.OK);
        await (await admin.GetAsync($"/api/v1/scoring/partners/{PortalHost.NewId("p")}/summary?quarter=2040-Q4", Ct))
            .ProblemAsync(System.Net.HttpStatusCode.NotFound);
    }
}
