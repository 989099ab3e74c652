using Microsoft.Playwright;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>Journey 3: a partner stays inside its own partner, whatever it types into the address bar or posts.</summary>
public sealed class IsolationJourneyTests(UiHost host)
{
    [Fact]
    public async Task A_partner_gets_403_for_back_office_pages_and_other_partners_and_a_form_without_token_is_refused()
    {
        await using var session = await host.OpenAsync();
        var page = session.Page;
        var quarter = host.Data.Current.ToString();
        await Portal.SignInAsync(page, UiData.PartnerLogin, landsOn: "/uebersicht");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" });
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Provision" })).ToBeVisibleAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Freigabe" })).ToHaveCountAsync(0);
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Jobs" })).ToHaveCountAsync(0);

        // Back-office pages and the dashboard, typed into the address bar.
        foreach (var path in new[] { $"/provision/freigabe?quarter={quarter}", "/hangfire", "/hangfire/recurring" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
        }
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync("Kein Zugriff"); // a page, not a bare status
        await Screenshots.SaveAsync(page, "kein-zugriff");

        // Another partner, by editing the URL of a page or of the API.
        foreach (var path in new[]
                 {
                     $"/provision?partnerId={UiData.OtherPartner}&quarter={quarter}",
                     $"/api/v1/incentives/statements/{quarter}/{UiData.OtherPartner}",
                     $"/api/v1/scoring/partners/{UiData.OtherPartner}/summary?quarter={quarter}",
                 })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            Assert.DoesNotContain("TelePunkt", await page.ContentAsync(), StringComparison.Ordinal);
        }
        // Its own partner id in the URL is fine.
        Assert.Equal(200, (await page.GotoAsync($"/provision?partnerId={UiData.Partner}&quarter={quarter}"))!.Status);
        await Expect(page.GetByTestId("statement").GetByTestId("total")).ToHaveTextAsync(UiData.StatementTotal);

        // A form posted without its antiforgery token (as from another site) is refused and changes nothing.
        await page.GotoAsync("/uebersicht");
        await page.Locator("form[action='/logout'] input[name='__RequestVerificationToken']").EvaluateAsync("input => input.remove()");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync(), r => r.Url.EndsWith("/logout", StringComparison.Ordinal));
        Assert.Equal(400, refused.Status);
        var still = await page.GotoAsync("/uebersicht");
        Assert.Equal(200, still!.Status);
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("Petra Partner · Mobilfunk Müller GmbH");

        // The login form too: without the token nobody is signed in.
        await using var stranger = await host.OpenAsync();
        await stranger.Page.GotoAsync("/");
        await stranger.Page.Locator("form[action='/login'] input[name='__RequestVerificationToken']").EvaluateAsync("input => input.remove()");
        await stranger.Page.GetByLabel("E-Mail-Adresse").FillAsync(UiData.PartnerLogin.Email);
        await stranger.Page.GetByLabel("Passwort").FillAsync(UiData.PartnerLogin.Password);
        var login = await stranger.Page.RunAndWaitForResponseAsync(
            () => stranger.Page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync(), r => r.Url.EndsWith("/login", StringComparison.Ordinal));
        Assert.Equal(400, login.Status);
        Assert.DoesNotContain(await stranger.Context.CookiesAsync(), c => c.Name == "PartnerPortal.Login");
    }
}
