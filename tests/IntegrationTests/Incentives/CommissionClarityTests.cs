using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Surveys;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Incentives;

/// <summary>Provision clarity (issue 18): the distance to the next tier also in promoters at today's n, and the what-if
/// answer right under its input with its difference to the current statement. Year 2077; partner ids start with <c>sh-</c>.</summary>
public sealed class CommissionClarityTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<JsonElement> RunJobAsync(HttpClient client, string url, string quarter) => Jobs.RunAsync(client, url, new { quarter }, Ct);

    [Fact]
    public async Task The_ladder_names_the_promoters_to_the_next_tier_and_the_what_if_sits_under_its_input_with_the_difference()
    {
        const string quarter = "2077-Q1";
        var partner = PortalHost.NewId("sh-p");
        var shop = PortalHost.NewId("sh-s");
        using var admin = host.Admin();
        await CommentSearchTests.PutPartnerAsync(admin, partner, "Klarheit GmbH", (shop, "Filiale Mitte", "Köln"));
        // 40 touchpoint answers: 24 promoters, 10 passives, 6 detractors → NPS 45.0. The next tier (50) needs k promoters with
        // (18 + k) / (40 + k) ≥ 0.5: k = 4 (22/44), as 3 give 21/43 = 48.8 %.
        var scores = Enumerable.Repeat(10, 24).Concat(Enumerable.Repeat(7, 10)).Concat(Enumerable.Repeat(2, 6)).ToArray();
        await PostBatchAsync(admin, scores.Select((s, i) => (object)Response($"{partner}-{i}", partner, shop, respondedAt: "2077-02-01T10:00:00+01:00", touchpoint: s)));
        Assert.Equal("succeeded", (await RunJobAsync(admin, "/api/v1/scoring/recalculations", quarter)).GetProperty("state").GetString());
        await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", new
        {
            baseRates = new { mobile = 40m, @fixed = 20m },
            tiers = new[] { new { minNps = 0, upliftPercent = 5m, qualityBonusEur = 100m }, new { minNps = 30, upliftPercent = 10m, qualityBonusEur = 250m }, new { minNps = 50, upliftPercent = 15m, qualityBonusEur = 400m } },
            minSample = 30,
            tierBasis = "point",
        }, Ct)).EnsureStatus(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new
        {
            items = new[] { new { transactionId = PortalHost.NewId("t"), partnerId = partner, category = "mobile", occurredAt = "2077-01-10T10:00:00+01:00" } },
        }, Ct)).JsonAsync();
        Assert.Equal("succeeded", (await RunJobAsync(admin, "/api/v1/incentives/recalculations", quarter)).GetProperty("state").GetString());

        var (email, password) = await host.CreateUserAsync(Roles.Partner, partner);
        var (browser, _) = await host.LoginAsync(email, password);
        using var _b = browser;
        var page = await browser.GetStringAsync($"/provision?quarter={quarter}", Ct);
        Assert.Contains("noch 5,0 Punkte · etwa 4 weitere Promotoren", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"what-if-result\"", page, StringComparison.Ordinal);

        // Statement: 40 + 10 % + 250 = 294,00 €; what-if 55: 40 + 15 % + 400 = 446,00 €, 152,00 € more.
        var whatIf = await browser.GetStringAsync($"/provision?quarter={quarter}&whatIf=55", Ct);
        var result = whatIf.IndexOf("data-testid=\"what-if-result\"", StringComparison.Ordinal);
        Assert.True(result > 0, "no what-if result");
        Assert.True(result < whatIf.IndexOf("data-testid=\"statement\"", StringComparison.Ordinal), "the what-if result is below the statement");
        Assert.True(result - whatIf.IndexOf("id=\"whatif\"", StringComparison.Ordinal) < 1500, "the what-if result is not next to its input");
        Assert.Contains("data-testid=\"what-if-total\">446,00 €<", whatIf, StringComparison.Ordinal);
        Assert.Contains("152,00 € mehr als die aktuelle Abrechnung mit 294,00 €", whatIf, StringComparison.Ordinal);
    }
}
