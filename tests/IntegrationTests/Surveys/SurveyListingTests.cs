using System.Net;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Surveys;

public sealed class SurveyListingTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Partner, string Other)> SeedAsync()
    {
        var (partner, shops) = await host.CreatePartnerAsync();
        var (other, otherShops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var batch = await PostBatchAsync(admin,
        [
            Response($"{partner}-q1-a", partner, shops[0], respondedAt: "2023-03-31T21:59:59Z", touchpoint: 3, comment: "Lange Wartezeit"),
            Response($"{partner}-q2-a", partner, shops[0], respondedAt: "2023-03-31T22:00:00Z", touchpoint: 10, comment: "Top"),
            Response($"{partner}-q2-b", partner, shops[0], respondedAt: "2023-05-01T12:00:00+02:00", touchpoint: 6, brand: null),
            Response($"{partner}-q2-c", partner, null, respondedAt: "2023-06-30T21:59:00Z", touchpoint: null, brand: 4, product: null),
            Response($"{other}-q2-a", other, otherShops[0], respondedAt: "2023-05-02T12:00:00+02:00", touchpoint: 0, comment: "Fremd"),
        ]);
        Assert.Equal(5, batch.GetProperty("accepted").GetInt32());
        return (partner, other);
    }

    private static string[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("responseId").GetString()!).ToArray();

    [Fact]
    public async Task Filters_apply_and_results_come_newest_first()
    {
        var (p, _) = await SeedAsync();
        using var admin = host.Admin();
        async Task<string[]> List(string query) => Ids(await (await admin.GetAsync($"/api/v1/surveys/responses?partnerId={p}{query}", Ct)).JsonAsync());

        Assert.Equal([$"{p}-q2-c", $"{p}-q2-b", $"{p}-q2-a", $"{p}-q1-a"], await List(""));
        Assert.Equal([$"{p}-q2-c", $"{p}-q2-b", $"{p}-q2-a"], await List("&quarter=2023-Q2"));
        Assert.Equal([$"{p}-q1-a"], await List("&quarter=2023-Q1"));
        Assert.Equal([$"{p}-q2-b", $"{p}-q1-a"], await List("&dimension=touchpoint&maxScore=6"));
        Assert.Equal([$"{p}-q2-c"], await List("&dimension=brand&maxScore=6"));
        Assert.Equal([$"{p}-q2-b", $"{p}-q2-a", $"{p}-q1-a"], await List("&dimension=touchpoint"));
        Assert.Equal([$"{p}-q2-c", $"{p}-q2-b", $"{p}-q1-a"], await List("&maxScore=6"));
        Assert.Empty(await List("&channel=hotline"));
    }

    [Fact]
    public async Task Cursor_paging_walks_every_item_once()
    {
        var (p, _) = await SeedAsync();
        using var admin = host.Admin();
        var seen = new List<string>();
        string? next = null;
        do
        {
            var page = await (await admin.GetAsync($"/api/v1/surveys/responses?partnerId={p}&limit=3" + (next is null ? "" : "&after=" + next), Ct)).JsonAsync();
            seen.AddRange(Ids(page));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        while (next is not null);
        Assert.Equal([$"{p}-q2-c", $"{p}-q2-b", $"{p}-q2-a", $"{p}-q1-a"], seen);
    }

    [Fact]
    public async Task A_partner_sees_only_its_own_responses_with_a_key_or_a_login()
    {
        var (p, other) = await SeedAsync();
        using var key = host.WithKey(await host.CreateKeyAsync([Scopes.SurveysRead], p));
        var own = Ids(await (await key.GetAsync("/api/v1/surveys/responses?limit=1000", Ct)).JsonAsync());
        Assert.NotEmpty(own);
        Assert.All(own, id => Assert.StartsWith(p, id, StringComparison.Ordinal));
        await (await key.GetAsync($"/api/v1/surveys/responses?partnerId={other}", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await key.GetAsync($"/api/v1/surveys/responses/{other}-q2-a", Ct)).ProblemAsync(HttpStatusCode.NotFound);

        var (email, password) = await host.CreateUserAsync(Roles.Partner, p);
        var (browser, _) = await host.LoginAsync(email, password);
        using var _b = browser;
        var viaCookie = Ids(await (await browser.GetAsync("/api/v1/surveys/responses?limit=1000", Ct)).JsonAsync());
        Assert.Equal(own, viaCookie);
    }

    [Theory]
    [InlineData("quarter=2023-5", "quarter")]
    [InlineData("channel=shop", "channel")]
    [InlineData("dimension=mood", "dimension")]
    [InlineData("maxScore=11", "maxScore")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    public async Task Invalid_filters_are_400_with_the_field(string query, string field)
    {
        using var admin = host.Admin();
        var problem = await (await admin.GetAsync("/api/v1/surveys/responses?" + query, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors(field));
    }

    [Fact]
    public async Task The_Kundenstimmen_page_shows_the_partners_comments_only_and_filters_detractors()
    {
        var (p, _) = await SeedAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, p);
        var (browser, _) = await host.LoginAsync(email, password);
        using var _b = browser;

        var all = await browser.GetStringAsync("/kundenstimmen", Ct);
        Assert.Contains("Lange Wartezeit", all, StringComparison.Ordinal);
        Assert.Contains("Top", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Fremd", all, StringComparison.Ordinal);
        Assert.Contains("01.04.2023, 00:00 Uhr", all, StringComparison.Ordinal); // 2023-03-31T22:00Z in Berlin time

        var detractors = await browser.GetStringAsync("/kundenstimmen?dimension=touchpoint&detractors=true", Ct);
        Assert.Contains("Lange Wartezeit", detractors, StringComparison.Ordinal);
        Assert.DoesNotContain(">Top<", detractors, StringComparison.Ordinal);

        var q2 = await browser.GetStringAsync("/kundenstimmen?quarter=2023-Q2", Ct);
        Assert.DoesNotContain("Lange Wartezeit", q2, StringComparison.Ordinal);
    }
}
