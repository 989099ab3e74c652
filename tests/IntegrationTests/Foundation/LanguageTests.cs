using System.Net;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Foundation;

/// <summary>German by default; <c>/sprache/en</c> sets the cookie <c>lang=en</c> and the frame and headings turn English.</summary>
public sealed class LanguageTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_switch_sets_the_cookie_and_goes_back_to_a_local_page_only()
    {
        using var client = host.Anonymous();
        var answer = await client.GetAsync("/sprache/en?returnUrl=%2Fuebersicht%3Fquarter%3D2023-Q2", Ct);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/uebersicht?quarter=2023-Q2", answer.Headers.Location!.OriginalString);
        Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lang=en;", StringComparison.Ordinal));

        foreach (var evil in new[] { "https%3A%2F%2Fevil.example", "%2F%2Fevil.example", "%2F%5Cevil.example" })
            Assert.Equal("/", (await client.GetAsync($"/sprache/de?returnUrl={evil}", Ct)).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sprache/fr", Ct)).StatusCode);
    }

    [Fact]
    public async Task Pages_are_German_without_the_cookie_and_English_with_it()
    {
        using var client = host.Anonymous();
        var german = await client.GetStringAsync("/", Ct);
        Assert.Contains("<html lang=\"de\">", german, StringComparison.Ordinal);
        Assert.Contains("<h1>Anmelden</h1>", german, StringComparison.Ordinal);
        Assert.Contains("href=\"/sprache/en?returnUrl=%2F\"", german, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", "lang=en");
        var english = await (await client.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("<h1>Sign in</h1>", english, StringComparison.Ordinal);
        Assert.Contains(">E-mail address</label>", english, StringComparison.Ordinal);
        Assert.Contains(">Deutsch</a>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_gets_a_403_page_and_a_tool_gets_problem_details()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var (browser, _) = await host.LoginAsync(email, password);
        using var _b = browser;
        using var page = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        page.Headers.Add("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        var html = await browser.SendAsync(page, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Kein Zugriff</h1>", await html.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var api = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/incentives/statements/2023-Q2/{PortalHost.NewId("p")}");
        api.Headers.Add("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        await (await browser.SendAsync(api, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
