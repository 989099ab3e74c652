using System.Net;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Scoring;

/// <summary>ADR 0030 for scores: a quarter outside 2000-Q1 to 2100-Q4 is 400, on the API and on the Übersicht, never 500
/// (the summary's trend reaches four quarters back: from 1900-Q1 into a year that cannot be built).</summary>
public sealed class QuarterRangeTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("1900-Q1")]
    [InlineData("1999-Q4")]
    [InlineData("2101-Q1")]
    public async Task A_quarter_outside_the_range_is_400_for_the_summary_the_score_cards_and_the_overview(string quarter)
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var summary = await admin.GetAsync($"/api/v1/scoring/partners/{partnerId}/summary?quarter={quarter}", Ct);
        Assert.Contains("2000-Q1 to 2100-Q4", (await summary.ProblemAsync(HttpStatusCode.BadRequest)).Errors("quarter")[0], StringComparison.Ordinal);
        var cards = await admin.GetAsync($"/api/v1/scoring/scorecards?quarter={quarter}", Ct);
        Assert.NotEmpty((await cards.ProblemAsync(HttpStatusCode.BadRequest)).Errors("quarter"));

        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var (browser, _) = await host.LoginAsync(email, password);
        using var _b = browser;
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"/uebersicht?quarter={quarter}", Ct)).StatusCode);
        var first = await browser.GetAsync("/uebersicht?quarter=2000-Q1", Ct); // its trend reaches into 1999
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await first.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Q1 2000", page, StringComparison.Ordinal);
        Assert.Contains("Q4 1999", page, StringComparison.Ordinal);
    }
}
