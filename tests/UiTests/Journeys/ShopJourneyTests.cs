using Microsoft.Playwright;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>Issue 18, the partner side: from the Übersicht into a shop (its figures, named comparisons, its comments),
/// a word search in Kundenstimmen with its count; and the same pages in a plain 390 px wide browser without sideways
/// scrolling.</summary>
public sealed class ShopJourneyTests(UiHost host)
{
    [Fact]
    public async Task A_partner_drills_into_a_shop_reads_its_comments_and_searches_the_comments()
    {
        await using var session = await host.OpenAsync();
        var page = session.Page;
        await Portal.SignInAsync(page, UiData.PartnerLogin, landsOn: "/uebersicht");

        var shops = page.GetByTestId("shops");
        await Expect(shops.GetByRole(AriaRole.Link, new() { Name = "Müller Köln Zentrum" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("as-of")).ToContainTextAsync("Berechnet am");
        await Expect(page.GetByTestId("trend-changes")).ToContainTextAsync("gegenüber");
        await shops.GetByRole(AriaRole.Link, new() { Name = "Müller Bonn" }).ClickAsync();
        await Portal.WaitForAddressAsync(page, "**/uebersicht/standorte/p-1001/s-1001-2*");
        await Expect(page.GetByTestId("shop-heading")).ToContainTextAsync("Müller Bonn");
        await Expect(page.GetByTestId("shop-nps-touchpoint").Locator(".big-number")).ToHaveTextAsync(Portal.GermanScore());
        await Expect(page.GetByTestId("trend-changes")).ToContainTextAsync("gegenüber");
        await Screenshots.SaveAsync(page, "standort");

        await page.GetByTestId("shop-comments").ClickAsync();
        await Portal.WaitForAddressAsync(page, "**/kundenstimmen?*shop=s-1001-2*");
        await Expect(page.GetByLabel("Standort")).ToHaveValueAsync("s-1001-2");
        foreach (var name in await page.GetByTestId("shop-name").AllAsync())
            await Expect(name).ToHaveTextAsync("Müller Bonn");

        await Portal.NavigateAsync(page, "Kundenstimmen");
        await page.GetByLabel("Suche im Kommentar").FillAsync("wartezeit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await Portal.WaitForAddressAsync(page, "**/kundenstimmen?*q=wartezeit*");
        var comments = page.GetByTestId("comments");
        await Expect(comments.GetByText(UiData.DetractorComment)).ToBeVisibleAsync();
        await Expect(comments.GetByText(UiData.PromoterComment)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("comment-count")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ Kommentare?"));
        await Expect(page.GetByTestId("shop-name").First).Not.ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^s-"));
        await Expect(page.GetByTestId("export-excel")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "kundenstimmen-suche");
    }

    [Fact]
    public async Task In_a_plain_390_px_browser_the_shop_pages_fit_the_screen()
    {
        await using var session = await host.OpenAsync(width: 390);
        var page = session.Page;
        await Portal.SignInAsync(page, UiData.PartnerLogin, landsOn: "/uebersicht");
        await Expect(page.GetByTestId("shops")).ToBeVisibleAsync();
        foreach (var path in new[] { "/uebersicht", "/uebersicht/standorte/p-1001/s-1001-1", "/kundenstimmen?q=wartezeit", "/kundenstimmen?shop=s-1001-2", "/provision?whatIf=60" })
        {
            await page.GotoAsync(path);
            await Portal.AssertFitsAsync(page, path);
        }
        await page.GotoAsync("/uebersicht/standorte/p-1001/s-1001-1");
        await Screenshots.SaveAsync(page, "standort-phone");
    }
}
