using Microsoft.Playwright;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>Journey 1: a partner signs in, reads its NPS, its customers' complaints and its commission, and signs out.</summary>
public sealed class PartnerJourneyTests(UiHost host)
{
    [Fact]
    public async Task A_partner_reads_the_overview_comments_and_commission_tries_a_what_if_and_signs_out()
    {
        await using var session = await host.OpenAsync();
        var page = session.Page;
        var quarter = GermanFormat.Quarter(host.Data.Current.ToString());

        await page.GotoAsync("/");
        await Screenshots.SaveAsync(page, "login");
        await Portal.SignInAsync(page, UiData.PartnerLogin, landsOn: "/uebersicht");

        // Übersicht: three figures with interval bars, the benchmarks and the trend chart, all in German format.
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync($"Übersicht · {quarter}");
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("Petra Partner · Mobilfunk Müller GmbH");
        var touchpoint = page.GetByTestId("nps-touchpoint");
        await Expect(touchpoint.Locator(".big-number")).ToHaveTextAsync("46,4");
        foreach (var dimension in new[] { "brand", "product", "touchpoint" })
        {
            await Expect(page.GetByTestId($"nps-{dimension}").Locator(".big-number")).ToHaveTextAsync(Portal.GermanScore());
            await Expect(page.GetByTestId($"nps-{dimension}").Locator("svg.interval")).ToBeVisibleAsync();
        }
        await Expect(touchpoint.Locator("svg.interval line.benchmark")).ToHaveCountAsync(2);
        var benchmarks = page.GetByRole(AriaRole.Region, new() { Name = "Vergleich Kontaktpunkt-NPS" });
        await Expect(benchmarks.GetByRole(AriaRole.Row, new() { Name = "Eigene Shops des Netzbetreibers" })).ToContainTextAsync("50,0");
        await Expect(page.GetByTestId("percentile")).ToContainTextAsync("über dem von 100,0 % der Partner");
        var trend = page.Locator("svg.trend");
        await Expect(trend).ToBeVisibleAsync();
        await Expect(trend.Locator("circle.nps-dot")).ToHaveCountAsync(4);
        await Screenshots.SaveAsync(page, "uebersicht");

        // Kundenstimmen, only the detractors.
        await Portal.NavigateAsync(page, "Kundenstimmen");
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync("Kundenstimmen");
        var comments = page.GetByTestId("comments");
        await Expect(comments.GetByText(UiData.PromoterComment)).ToBeVisibleAsync();
        await page.GetByLabel("Nur Kritiker (0–6)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await page.WaitForURLAsync("**/kundenstimmen?*detractors=true*");
        await Expect(page.GetByLabel("Nur Kritiker (0–6)")).ToBeCheckedAsync();
        await Expect(comments.GetByText(UiData.DetractorComment)).ToBeVisibleAsync();
        await Expect(comments.GetByText(UiData.PromoterComment)).ToHaveCountAsync(0);
        await Expect(comments.Locator(".comment")).ToHaveCountAsync(2);
        foreach (var comment in await comments.Locator(".comment").AllAsync())
            await Expect(comment.Locator(".score.detractor").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "kundenstimmen");

        // Provision: the statement of the quarter, then a what-if at NPS 60 (the next tier).
        await Portal.NavigateAsync(page, "Provision");
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync($"Provision · {quarter}");
        var statement = page.GetByTestId("statement");
        await Expect(statement.GetByTestId("total")).ToHaveTextAsync(UiData.StatementTotal);
        await Expect(statement).ToContainTextAsync("Entwurf");
        await Expect(page.GetByTestId("tier-ladder").Locator("tr.current")).ToContainTextAsync("Ihre Stufe");
        await Expect(page.GetByTestId("tier-ladder")).ToContainTextAsync("noch 3,6 Punkte");
        await page.GetByLabel("Was wäre, wenn mein NPS … wäre?").FillAsync(UiData.WhatIfNps);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        var whatIf = page.GetByTestId("what-if");
        await Expect(whatIf.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Was wäre, wenn Ihr NPS 60,0 betrüge?");
        await Expect(whatIf.GetByTestId("total")).ToHaveTextAsync(UiData.WhatIfTotal);
        await Expect(statement.GetByTestId("total")).ToHaveTextAsync(UiData.StatementTotal); // the statement itself is unchanged
        await Screenshots.SaveAsync(page, "provision");

        // TODO(Training, issue #7 journey 1): book a coaching day on /schulungen paying half from WKZ, and see the WKZ
        // balance drop. The Training module (bookings, WKZ ledger, the /schulungen page) is being written in parallel;
        // once it is there, this step goes here: Portal.NavigateAsync(page, "Schulungen"), read the WKZ balance, book a
        // Vor-Ort-Coaching with 50 % from WKZ, have back office confirm and deliver it through the API, and expect the
        // balance to have dropped by half the partner's share.

        await Portal.SignOutAsync(page);
        var response = await page.GotoAsync("/uebersicht");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.Equal(200, response!.Status);
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync("Anmelden");
    }

    [Fact]
    public async Task On_a_phone_the_overview_fits_the_screen()
    {
        await using var session = await host.OpenAsync(phone: true);
        var page = session.Page;
        await Portal.SignInAsync(page, UiData.PartnerLogin, landsOn: "/uebersicht");
        await Expect(page.GetByTestId("nps-touchpoint").Locator(".big-number")).ToHaveTextAsync("46,4");
        foreach (var path in new[] { "/uebersicht", "/kundenstimmen", "/provision" })
        {
            await page.GotoAsync(path);
            // Nothing wider than the 390 px screen: no sideways scrolling of the page.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways");
        }
        await page.GotoAsync("/uebersicht");
        await Screenshots.SaveAsync(page, "uebersicht-phone");
    }
}
