using System.Globalization;
using Microsoft.Playwright;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>
/// WKZ honesty in the browser (issue 18, ADR 0046), at 1280 px and on a plain 390 px viewport: the demo partner prices a
/// coaching before requesting it, and its row shows what WKZ holds for it and the expected invoice; back office confirms
/// it and delivers it through the confirm step that names partner, date, days, the WKZ charge and the invoice.
/// Demo programme: 1.200,00 € a day, partner share 50 %.
/// </summary>
public sealed class CoachingMoneyJourneyTests(UiHost host)
{
    public static TheoryData<int, string, string, string> Viewports => new()
    {
        { 1280, "Müller Köln Zentrum", "1", "1.0" },
        { 390, "Müller Bonn", "1,5", "1.5" },
    };

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task A_partner_prices_and_requests_a_coaching_and_back_office_delivers_it_through_the_confirm_step(int width, string shop, string daysLabel,
        string days)
    {
        var participants = width == 390 ? "9" : "7";
        var today = DateOnly.FromDateTime(SharedKernel.BerlinTime.ToLocal(DateTimeOffset.UtcNow));
        var share = decimal.Parse(days, CultureInfo.InvariantCulture) * 1200m * 0.5m;

        // The partner: "Preis berechnen" prices the form's values, nothing is sent yet.
        string bookingId, earmark, invoice;
        await using (var session = await host.OpenAsync(width: width))
        {
            var page = session.Page;
            await Portal.SignInAsync(page, UiData.PartnerLogin, landsOn: "/uebersicht");
            await page.GotoAsync("/schulungen");
            await page.GetByLabel("Standort").SelectOptionAsync(new SelectOptionValue { Label = shop });
            await page.GetByLabel("Datum").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByLabel("Tage").SelectOptionAsync(new SelectOptionValue { Label = daysLabel });
            await page.GetByLabel("Teilnehmende").FillAsync(participants);
            await page.GetByLabel("Anteil aus WKZ").SelectOptionAsync(new SelectOptionValue { Label = "100 %" });
            await page.GetByTestId("preview-button").ClickAsync();
            await Portal.WaitForAddressAsync(page, "**/schulungen/vorschau");
            var preview = page.GetByTestId("preview");
            await Expect(preview.GetByTestId("preview-total")).ToHaveTextAsync(Money(2 * share));
            // The days in words, one day singular: "1 Tag × Tagessatz 1.200,00 €", "1,5 Tage × Tagessatz 1.200,00 €".
            await Expect(preview.GetByTestId("preview-table").Locator("tbody th").First).ToHaveTextAsync($"{(daysLabel == "1" ? "1 Tag" : daysLabel + " Tage")} × Tagessatz 1.200,00 €");
            await Expect(preview.GetByTestId("preview-partner")).ToHaveTextAsync(Money(share));
            earmark = (await preview.GetByTestId("preview-earmark").TextContentAsync())!.Trim();
            invoice = (await preview.GetByTestId("preview-invoice").TextContentAsync())!.Trim();
            Assert.Equal(share, Parse(earmark) + Parse(invoice)); // what WKZ cannot hold is the expected invoice
            await Portal.AssertFitsAsync(page, "/schulungen/vorschau");
            await Screenshots.SaveAsync(page, $"schulungen-preis-{width}");

            // The form kept what was typed: requesting it books exactly what was priced.
            await page.GetByRole(AriaRole.Button, new() { Name = "Coaching anfragen" }).ClickAsync();
            await Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Ihre Coaching-Anfrage ist eingegangen.");
            using (var admin = host.Admin())
            {
                var bookings = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(admin,
                    $"/api/v1/training/coaching-bookings?partnerId={UiData.Partner}&status=requested", TestContext.Current.CancellationToken);
                var booked = bookings.GetProperty("items").EnumerateArray().Single(b => b.GetProperty("participants").GetInt32().ToString(CultureInfo.InvariantCulture) == participants
                    && b.GetProperty("date").GetString() == today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                bookingId = booked.GetProperty("bookingId").GetString()!;
                Assert.Equal(Parse(earmark), booked.GetProperty("earmarkEur").GetDecimal());
                Assert.Equal(Parse(invoice), booked.GetProperty("expectedInvoiceEur").GetDecimal());
            }
            var row = page.Locator($"tr[data-booking='{bookingId}']");
            await Expect(row.GetByTestId("booking-wkz")).ToHaveTextAsync(earmark);
            await Expect(row.GetByTestId("booking-invoice")).ToHaveTextAsync(invoice);
            await Portal.AssertFitsAsync(page, "/schulungen");
            // Each row's figures and action in view, on a phone a card per booking (not beyond the table's sideways scroll).
            await Portal.AssertReachableAsync(page, row.GetByTestId("booking-invoice"), "The booking's invoice");
            await Portal.AssertReachableAsync(page, row.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("stornieren") }), "The booking's cancel link");
        }

        // Back office: confirm, then deliver through the confirm step, which names partner, date, days and the money.
        await using (var session = await host.OpenAsync(width: width))
        {
            var page = session.Page;
            await Portal.SignInAsync(page, UiData.BackOfficeLogin, landsOn: "/uebersicht");
            await page.GotoAsync("/schulungen/programm");
            var row = page.Locator($"tr[data-booking='{bookingId}']");
            await Portal.AssertReachableAsync(page, row.GetByTestId("expected-invoice"), "The open booking's expected invoice");
            await Portal.AssertReachableAsync(page, row.GetByRole(AriaRole.Button, new() { Name = "Bestätigen" }), "The open booking's confirm button");
            await row.GetByRole(AriaRole.Button, new() { Name = "Bestätigen" }).ClickAsync();
            await Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Die Buchung ist bestätigt.");
            await Expect(row.GetByTestId("earmark")).ToHaveTextAsync(earmark);
            await Expect(row.GetByTestId("expected-invoice")).ToHaveTextAsync(invoice);
            await Portal.AssertFitsAsync(page, "/schulungen/programm");

            await Portal.AssertReachableAsync(page, row.GetByRole(AriaRole.Button, new() { Name = "Durchgeführt …" }), "The confirmed booking's deliver button");
            await row.GetByRole(AriaRole.Button, new() { Name = "Durchgeführt …" }).ClickAsync();
            await Portal.WaitForAddressAsync(page, "**/durchfuehren**");
            var step = page.GetByTestId("confirm");
            await Expect(step.GetByTestId("confirm-partner")).ToHaveTextAsync("Mobilfunk Müller GmbH");
            await Expect(step.GetByTestId("confirm-date")).ToHaveTextAsync(today.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
            await Expect(step.GetByTestId("confirm-days")).ToHaveTextAsync(daysLabel);
            var wkz = Parse((await step.GetByTestId("confirm-wkz").TextContentAsync())!);
            await Expect(step.GetByTestId("confirm-invoice")).ToHaveTextAsync(Money(share - wkz));
            Assert.True(wkz >= Parse(earmark), "WKZ pays at least what it held for the booking");
            await Portal.AssertFitsAsync(page, "delivery confirm step");
            await Screenshots.SaveAsync(page, $"schulungen-durchfuehren-{width}");
            await step.GetByTestId("confirm-button").ClickAsync();
            await Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Das Coaching ist als durchgeführt erfasst und abgerechnet.");
            await Expect(page.Locator($"tr[data-booking='{bookingId}']")).ToHaveCountAsync(0); // no longer open
        }
    }

    private static string Money(decimal amount) => GermanFormat.Money(amount);

    private static decimal Parse(string money) =>
        decimal.Parse(money.Replace("€", "", StringComparison.Ordinal).Replace('\u00a0', ' ').Trim(), NumberStyles.Number, CultureInfo.GetCultureInfo("de-DE"));
}
