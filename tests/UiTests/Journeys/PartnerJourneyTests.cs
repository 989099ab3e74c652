using Microsoft.Playwright;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>Journey 1: a partner signs in, reads its NPS, its customers' complaints and its commission, books a coaching day
/// paying half from WKZ, and signs out.</summary>
public sealed class PartnerJourneyTests(UiHost host)
{
    [Fact]
    public async Task A_partner_reads_the_overview_comments_and_commission_tries_a_what_if_books_coaching_from_WKZ_and_signs_out()
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
        await Portal.WaitForAddressAsync(page, "**/kundenstimmen?*detractors=true*");
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

        // Schulungen: book a coaching day paying half of the partner's share from WKZ; the available WKZ drops at once
        // (earmarked), and the balance itself when back office records the coaching as delivered.
        // Demo data: programme of this year at 1.200,00 € a day, partner share 50 %; 5.000,00 € WKZ, 600,00 € already charged.
        // Other journeys of this host book and deliver coachings of the same partner (CoachingMoneyJourneyTests), so the
        // account is read first and the journey asserts what its own booking changes.
        var (balance, reserved, available) = await WkzAsync();
        Assert.Equal(balance - reserved, available);
        Assert.True(balance <= 4400m, "at most the demo budget after its first charge");
        await Portal.NavigateAsync(page, "Schulungen");
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync("Schulungen");
        await Expect(page.GetByTestId("wkz-available")).ToHaveTextAsync(GermanFormat.Money(available));
        var today = DateOnly.FromDateTime(SharedKernel.BerlinTime.ToLocal(DateTimeOffset.UtcNow));
        await page.GetByLabel("Standort").SelectOptionAsync(new SelectOptionValue { Label = "Müller Bonn" });
        await page.GetByLabel("Datum").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Thema").SelectOptionAsync(new SelectOptionValue { Label = "Verkaufsgespräch" });
        await page.GetByLabel("Tage").SelectOptionAsync(new SelectOptionValue { Label = "1" });
        await page.GetByLabel("Teilnehmende").FillAsync("6");
        await page.GetByLabel("Anteil aus WKZ").SelectOptionAsync(new SelectOptionValue { Label = "50 %" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Coaching anfragen" }).ClickAsync();
        await Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Ihre Coaching-Anfrage ist eingegangen.");
        await Expect(page.GetByTestId("wkz-available")).ToHaveTextAsync(GermanFormat.Money(available - 300m)); // 1 day × 1.200 € × 50 % × 50 % earmarked
        await Expect(page.GetByTestId("wkz-reserved")).ToHaveTextAsync(GermanFormat.Money(reserved + 300m));
        await Expect(page.GetByTestId("bookings").GetByRole(AriaRole.Row).Filter(new() { HasText = "angefragt" }).Filter(new() { HasText = "Müller Bonn" }).Filter(new() { HasText = "Verkaufsgespräch" }))
            .ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "schulungen");

        using (var admin = host.Admin())
        {
            var bookings = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(admin,
                "/api/v1/training/coaching-bookings?partnerId=p-1001&status=requested", TestContext.Current.CancellationToken);
            var booked = bookings.GetProperty("items").EnumerateArray().Single(b => b.GetProperty("shopId").GetString() == "s-1001-2" && b.GetProperty("wkzPercent").GetDecimal() == 50);
            foreach (var action in new[] { "confirm", "deliver" })
                (await admin.PostAsync($"/api/v1/training/coaching-bookings/{booked.GetProperty("bookingId").GetString()}/{action}",
                    System.Net.Http.Json.JsonContent.Create(new { }), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }
        await page.ReloadAsync();
        await Expect(page.GetByTestId("wkz-balance")).ToHaveTextAsync(GermanFormat.Money(balance - 300m));
        Assert.Equal((balance - 300m, reserved, available - 300m), await WkzAsync()); // the earmark became the charge
        await Expect(page.GetByTestId("ledger").GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("-300,00 €");

        await Portal.SignOutAsync(page);
        var response = await page.GotoAsync("/uebersicht");
        await Portal.WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == "/");
        Assert.Equal(200, response!.Status);
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync("Anmelden");
    }

    /// <summary>The demo partner's WKZ account as the API answers it: balance, reserved (earmarked) and available.</summary>
    private async Task<(decimal Balance, decimal Reserved, decimal Available)> WkzAsync()
    {
        using var admin = host.Admin();
        var wkz = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(admin,
            $"/api/v1/training/partners/{UiData.Partner}/wkz", TestContext.Current.CancellationToken);
        return (wkz.GetProperty("balanceEur").GetDecimal(), wkz.GetProperty("reservedEur").GetDecimal(), wkz.GetProperty("availableEur").GetDecimal());
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
            await Portal.AssertFitsAsync(page, path);
        }
        await page.GotoAsync("/uebersicht");
        await Screenshots.SaveAsync(page, "uebersicht-phone");
    }
}
