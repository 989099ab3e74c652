using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PartnerPortal.TestSupport;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>Journey: back office opens "Auffälligkeiten", finds a burst of answers at one of Handy &amp; Co. Wagner's shops
/// and quarantines one of them with a note. The answers are of 2025-Q1, a quarter no other journey touches (a past one: the overviews open on the latest quarter with score cards, and the quarantine recalculates this one).</summary>
public sealed class IntegrityJourneyTests(UiHost host)
{
    private const string Quarter = "2025-Q1";

    [Fact]
    public async Task Back_office_opens_Auffaelligkeiten_sees_a_burst_and_quarantines_one_response()
    {
        // Five answers for one shop within four minutes, then the check of the quarter (as the nightly job would run it).
        var ids = Enumerable.Range(0, 5).Select(_ => PortalTestHost.NewId("ui-burst")).ToArray();
        using (var admin = host.Admin())
        {
            await UiData.PostAsync(admin, "/api/v1/surveys/responses/batch", new
            {
                items = ids.Select((id, i) => new
                {
                    responseId = id, respondedAt = $"2025-02-10T10:0{i}:00+01:00", segment = "private", channel = "partner-shop",
                    partnerId = UiData.ThirdPartner, shopId = "s-1003-1", scores = new { touchpoint = 10 },
                    comment = "Super Beratung, gerne wieder!",
                }),
            });
        }
        var job = await host.RunJobAsync("/api/v1/surveys/integrity/recalculations", Quarter);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());

        await using var session = await host.OpenAsync();
        var page = session.Page;
        await Portal.SignInAsync(page, UiData.BackOfficeLogin, landsOn: "/uebersicht");
        await Portal.NavigateAsync(page, "Auffälligkeiten");
        await Portal.WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == "/auffaelligkeiten");

        // The quarter list offers the checked quarter.
        await page.GetByLabel("Quartal", new() { Exact = true }).SelectOptionAsync(Quarter);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync("Auffälligkeiten · Q1 2025");
        await Expect(page.GetByTestId("integrity-as-of")).ToContainTextAsync("Stand der Prüfung");
        var wagner = page.GetByTestId("integrity-partners").Locator($"tr[data-partner='{UiData.ThirdPartner}']");
        await Expect(wagner.Locator("td.num").Nth(3)).ToHaveTextAsync("5"); // the burst column

        // The partner's flagged answers, each marked as part of a burst.
        await wagner.GetByRole(AriaRole.Link, new() { Name = "Handy & Co. Wagner OHG" }).ClickAsync();
        var rows = page.GetByTestId("flagged-responses").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(5);
        foreach (var id in ids)
            await Expect(page.Locator($"tr[data-response='{id}']")).ToContainTextAsync("Häufung am Standort");
        await Screenshots.SaveAsync(page, "auffaelligkeiten");

        // Quarantine the third answer with a note.
        var target = page.Locator($"tr[data-response='{ids[2]}']");
        await target.GetByLabel($"Notiz zur Quarantäne von Antwort {ids[2]}").FillAsync("Fünf Antworten in vier Minuten an einem Standort");
        await target.GetByRole(AriaRole.Button, new() { Name = $"Antwort {ids[2]} in Quarantäne nehmen" }).ClickAsync();
        await Expect(page.GetByTestId("integrity-notice")).ToContainTextAsync($"Antwort {ids[2]} ist in Quarantäne");
        await Expect(page.Locator($"tr[data-response='{ids[2]}']").GetByTestId("quarantined")).ToHaveTextAsync("in Quarantäne");
        await Expect(page.Locator($"tr[data-response='{ids[1]}']").GetByRole(AriaRole.Button)).ToHaveCountAsync(1);

        using (var admin = host.Admin())
        {
            var response = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/responses/{ids[2]}", TestContext.Current.CancellationToken);
            Assert.Equal("integrity", response.GetProperty("excluded").GetProperty("reason").GetString());
        }
    }
}
