using Microsoft.Playwright;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>German by default, English on request; usable with the keyboard alone.</summary>
public sealed class LanguageAndAccessTests(UiHost host)
{
    [Fact]
    public async Task The_portal_is_German_and_switches_to_English_and_back_keeping_German_numbers()
    {
        await using var session = await host.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync("Sign in");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByLabel("E-mail address").FillAsync(UiData.PartnerLogin.Email);
        await page.GetByLabel("Password").FillAsync(UiData.PartnerLogin.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Portal.WaitForAddressAsync(page, "**/uebersicht");

        var quarter = GermanFormat.Quarter(host.Data.Current.ToString());
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync($"Overview · {quarter}");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        foreach (var entry in new[] { "Overview", "Customer comments", "Commission" })
            await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = entry })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nps-touchpoint").Locator(".big-number")).ToHaveTextAsync("46,4"); // figures stay German
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Commission" }).ClickAsync();
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync($"Commission · {quarter}");
        await Expect(page.GetByTestId("statement").GetByTestId("total")).ToHaveTextAsync(UiData.StatementTotal);

        // Back to German, on the same page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Deutsch" }).ClickAsync();
        await Portal.WaitForAddressAsync(page, "**/provision");
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync($"Provision · {quarter}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_partner_signs_in_and_moves_around_with_the_keyboard_alone_and_sees_where_the_focus_is()
    {
        await using var session = await host.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        // The first Tab reaches the skip link, which shows itself.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Zum Inhalt springen" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        Assert.NotEqual("none", await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));

        await page.GetByLabel("E-Mail-Adresse").FocusAsync();
        await page.Keyboard.TypeAsync(UiData.PartnerLogin.Email);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Passwort")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(UiData.PartnerLogin.Password);
        await page.Keyboard.PressAsync("Enter");
        await Portal.WaitForAddressAsync(page, "**/uebersicht");

        // Tab through the header to the navigation's "Kundenstimmen" and open it with Enter; the focus ring is visible.
        var link = page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = "Kundenstimmen" });
        for (var i = 0; i < 10 && !await link.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
            await page.Keyboard.PressAsync("Tab");
        await Expect(link).ToBeFocusedAsync();
        Assert.Equal("solid", await link.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        await Portal.WaitForAddressAsync(page, "**/kundenstimmen");
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync("Kundenstimmen");

        // Every form field on the main pages has a label.
        foreach (var path in new[] { "/uebersicht", "/kundenstimmen", "/provision" })
        {
            await page.GotoAsync(path);
            var unlabelled = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.outerHTML)");
            Assert.Empty(unlabelled);
        }
    }
}
