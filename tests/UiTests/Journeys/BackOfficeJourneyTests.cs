using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.TestSupport;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>Journey 2: back office compares channels and partners, approves a statement, and recalculates the score
/// cards from the jobs dashboard.</summary>
public sealed class BackOfficeJourneyTests(UiHost host)
{
    [Fact]
    public async Task Back_office_compares_approves_a_statement_triggers_the_recalculation_and_sees_the_new_figures()
    {
        var current = host.Data.Current.ToString();
        // New answers for Handy & Co. Wagner in the current quarter: score cards change only when they are recalculated.
        const int newAnswers = 12;
        using (var admin = host.Admin())
            await UiData.PostAsync(admin, "/api/v1/surveys/responses/batch", new
            {
                items = Enumerable.Range(0, newAnswers).Select(_ => UiData.Promoter(PortalTestHost.NewId("ui-new"), host.Data.Current, UiData.ThirdPartner, "s-1003-1")),
            });

        await using var session = await host.OpenAsync();
        var page = session.Page;
        await Portal.SignInAsync(page, UiData.BackOfficeLogin, landsOn: "/uebersicht");
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("Bernd Backoffice · Backoffice");

        // Compare channels and partners, first for the previous quarter.
        var previous = host.Data.Previous.ToString();
        await page.GetByLabel("Quartal", new() { Exact = true }).SelectOptionAsync(previous);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync($"Vergleich · {GermanFormat.Quarter(previous)}");
        var channels = page.GetByTestId("channels");
        foreach (var channel in new[] { "Fachhandel (Partner)", "Eigene Shops", "Hotline", "Online", "Alle Kontaktpunkte" })
            await Expect(channels.GetByRole(AriaRole.Row, new() { Name = channel })).ToBeVisibleAsync();
        await Expect(channels.GetByRole(AriaRole.Row, new() { Name = "Eigene Shops" }).Locator("td").First).ToHaveTextAsync("46,0");
        var partners = page.GetByTestId("partners");
        await Expect(partners.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Mobilfunk Müller GmbH"); // the best NPS first
        await Expect(partners.GetByRole(AriaRole.Row, new() { Name = "TelePunkt Schmidt e.K." })).ToContainTextAsync("ausreichend");

        await page.GetByLabel("Quartal", new() { Exact = true }).SelectOptionAsync(current);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync($"Vergleich · {GermanFormat.Quarter(current)}");
        var wagnerCount = partners.GetByRole(AriaRole.Row, new() { Name = "Handy & Co. Wagner OHG" }).Locator("td").Nth(2);
        var before = int.Parse(await wagnerCount.InnerTextAsync(), NumberStyles.AllowThousands, GermanFormat.Culture);
        await Screenshots.SaveAsync(page, "vergleich");

        // Approve TelePunkt Schmidt's draft statement from the approval list.
        await Portal.NavigateAsync(page, "Freigabe");
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync($"Freigabe der Abrechnungen · {GermanFormat.Quarter(current)}");
        var row = page.GetByTestId("approval-list").Locator($"tr[data-partner='{UiData.OtherPartner}']");
        await Expect(row).ToContainTextAsync("Entwurf");
        await Expect(row.Locator("td.num").Nth(1)).ToHaveTextAsync(Portal.GermanMoney());
        // "Freigeben" asks first, naming partner, quarter and total; the running quarter only with the box ticked (ADR 0045).
        await row.GetByRole(AriaRole.Link, new() { Name = "Abrechnung von TelePunkt Schmidt e.K. freigeben" }).ClickAsync();
        var confirm = page.GetByTestId("confirm");
        await Expect(confirm.GetByTestId("confirm-partner")).ToHaveTextAsync("TelePunkt Schmidt e.K.");
        await Expect(confirm).ToContainTextAsync(GermanFormat.Quarter(current));
        await Expect(confirm.GetByTestId("confirm-total")).ToHaveTextAsync(Portal.GermanMoney());
        await confirm.GetByLabel("Das Quartal läuft noch. Ich gebe trotzdem vor dem Quartalsende frei.").CheckAsync();
        await confirm.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("jetzt freigeben$") }).ClickAsync();
        await Expect(page.GetByTestId("approved-notice")).ToHaveTextAsync("Die Abrechnung von TelePunkt Schmidt e.K. ist freigegeben.");
        await Expect(row).ToContainTextAsync("freigegeben");
        await Expect(row).ToContainTextAsync("Bernd Backoffice");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        using (var admin = host.Admin())
        {
            var statement = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/incentives/statements/{current}/{UiData.OtherPartner}", TestContext.Current.CancellationToken);
            Assert.Equal("approved", statement.GetProperty("status").GetString());
        }
        await Screenshots.SaveAsync(page, "freigabe");

        // The training programme: progress to the target and topic mix as SVG, open bookings to confirm (demo data).
        await Portal.NavigateAsync(page, "Schulungen");
        await Portal.WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == "/schulungen/programm");
        await Expect(page.GetByTestId("programme-chart")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("open-bookings").GetByRole(AriaRole.Button, new() { Name = "Bestätigen" }).First).ToBeVisibleAsync();
        // Demo data delivered 2.400,00 €; other journeys of this run (partner, coaching money) may have delivered more days
        // for the same partner and year before this one, so the total is at least that, in German money format.
        var total = page.GetByTestId("costs").GetByRole(AriaRole.Row, new() { Name = "Gesamt" });
        await Expect(total).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^Gesamt\s*\d{1,3}(\.\d{3})*,\d{2} €$"));
        var amount = decimal.Parse((await total.Locator("td").InnerTextAsync()).Replace(" €", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.GetCultureInfo("de-DE"));
        Assert.True(amount >= 2400m, $"training costs {amount} below the demo data's 2.400,00 €");
        await Screenshots.SaveAsync(page, "schulungsprogramm");
        await page.GoBackAsync();

        // The list links to the partner's statement.
        await row.GetByRole(AriaRole.Link, new() { Name = "TelePunkt Schmidt e.K." }).ClickAsync();
        await Expect(Portal.MainHeading(page)).ToHaveTextAsync($"Provision · TelePunkt Schmidt e.K. · {GermanFormat.Quarter(current)}");
        await Expect(page.GetByTestId("statement")).ToContainTextAsync("freigegeben");

        // The jobs dashboard: trigger scoring:recalculate now and watch it succeed.
        await Portal.NavigateAsync(page, "Jobs");
        await Portal.WaitForAddressAsync(page, "**/hangfire");
        await page.GotoAsync("/hangfire/recurring");
        var job = page.Locator("tr.js-jobs-list-row", new() { HasText = "scoring:recalculate" });
        await job.Locator("input.js-jobs-list-checkbox").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Trigger now" }).ClickAsync();
        var lastJob = job.Locator("a[href*='/jobs/details/']");
        await Expect(lastJob).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "jobs");
        await lastJob.ClickAsync();
        await Portal.WaitForAddressAsync(page, "**/hangfire/jobs/details/*");
        await Portal.ReloadUntilVisibleAsync(page, page.Locator(".state-card-title", new() { HasText = "Succeeded" }).First, TimeSpan.FromSeconds(120));
        await Expect(page.Locator(".job-snippet-code, .page-header").First).ToContainTextAsync("ScoringRecalculation");

        // The trigger is in the audit log, under the back-office user who clicked it.
        await page.GotoAsync("/protokoll?action=recalculation.started");
        await Expect(page.GetByTestId("audit").GetByRole(AriaRole.Row).Filter(new() { HasText = "from the jobs dashboard" }).First)
            .ToContainTextAsync("ScoringRecalculation.RunRecurringAsync");

        // The comparison shows the new answers.
        await page.GotoAsync($"/uebersicht?quarter={current}");
        await Expect(wagnerCount).ToHaveTextAsync((before + newAnswers).ToString(CultureInfo.InvariantCulture));
    }
}
