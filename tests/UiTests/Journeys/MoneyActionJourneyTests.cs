using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerPortal.TestSupport;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>
/// Issue 18's money actions in Chromium (ADR 0045): back office approves one statement through its confirmation and the
/// rest with "alle freigeben", the list keeping its order; at 390 px (a plain narrow viewport) the back-office lists
/// and the confirmations do not scroll sideways. Its own quarter, 2080-Q2, with three <c>mo-</c> partners.
/// </summary>
public sealed class MoneyActionJourneyTests(UiHost host)
{
    private const string Quarter = "2080-Q2";
    private static readonly string[] Names = ["Freigabe Nord GmbH", "Freigabe Süd GmbH", "Freigabe West GmbH"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Three partners with drafts of <see cref="Quarter"/> (1, 2 and 3 contracts at 250 €), made once.</summary>
    private async Task<string[]> DraftsAsync()
    {
        using var admin = host.Admin();
        var ids = new string[Names.Length];
        for (var i = 0; i < Names.Length; i++)
        {
            ids[i] = PortalTestHost.NewId("mo");
            var saved = await admin.PutAsJsonAsync("/api/v1/partners/" + ids[i], new
            {
                name = Names[i], shops = new[] { new { shopId = PortalTestHost.NewId("mos"), name = "Laden " + i, city = "Kiel" } },
            }, Ct);
            Assert.True(saved.IsSuccessStatusCode, $"partner: {(int)saved.StatusCode}");
        }
        var plan = await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{Quarter}", new { baseRates = new { mobile = 250m, @fixed = 10m } }, Ct);
        Assert.True(plan.IsSuccessStatusCode || plan.StatusCode == System.Net.HttpStatusCode.Conflict, $"plan: {(int)plan.StatusCode}");
        await UiData.PostAsync(admin, "/api/v1/incentives/transactions/batch", new
        {
            items = ids.SelectMany((id, i) => Enumerable.Range(0, i + 1).Select(_ => new
            {
                transactionId = PortalTestHost.NewId("mot"), partnerId = id, category = "mobile", occurredAt = "2080-05-05T10:00:00+02:00",
            })),
        });
        Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/incentives/recalculations", Quarter)).GetProperty("state").GetString());
        return ids;
    }

    [Fact]
    public async Task Back_office_approves_one_statement_with_its_confirmation_then_the_rest_with_alle_freigeben_and_the_lists_fit_390_px()
    {
        var ids = await DraftsAsync();
        await using (var session = await host.OpenAsync())
        {
            var page = session.Page;
            await Portal.SignInAsync(page, UiData.BackOfficeLogin, landsOn: "/uebersicht");
            await page.GotoAsync($"/provision/freigabe?quarter={Quarter}");
            var list = page.GetByTestId("approval-list");
            var order = await list.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.partner)");
            Assert.Equal(ids, order);

            // One: the confirmation names partner, quarter and total; approving keeps the row where it was.
            await list.Locator($"tr[data-partner='{ids[1]}']").GetByRole(AriaRole.Link, new() { Name = "Abrechnung von Freigabe Süd GmbH freigeben" }).ClickAsync();
            var confirm = page.GetByTestId("confirm");
            await Expect(confirm.GetByTestId("confirm-partner")).ToHaveTextAsync("Freigabe Süd GmbH");
            await Expect(confirm).ToContainTextAsync("Q2 2080");
            await Expect(confirm.GetByTestId("confirm-total")).ToHaveTextAsync("500,00 €");
            await Screenshots.SaveAsync(page, "freigabe-bestaetigung");
            await confirm.GetByRole(AriaRole.Button, new() { Name = "500,00 € jetzt freigeben" }).ClickAsync();
            await Expect(page.GetByTestId("approved-notice")).ToHaveTextAsync("Die Abrechnung von Freigabe Süd GmbH ist freigegeben.");
            Assert.Equal(order, await list.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.partner)"));
            await Expect(list.Locator($"tr[data-partner='{ids[1]}']").GetByTestId("row-approved")).ToHaveTextAsync("freigegeben");

            // The rest in one confirmed step: count and sum first.
            await page.GetByTestId("approve-all").ClickAsync();
            var all = page.GetByTestId("confirm-all");
            await Expect(all.GetByTestId("confirm-count")).ToHaveTextAsync("2");
            await Expect(all.GetByTestId("confirm-total")).ToHaveTextAsync("1.000,00 €");
            await all.GetByRole(AriaRole.Button, new() { Name = "2 Abrechnungen über 1.000,00 € freigeben" }).ClickAsync();
            await Expect(page.GetByTestId("approved-notice")).ToContainTextAsync("2 Abrechnungen freigegeben, 0 waren bereits freigegeben.");
            await Expect(list.GetByTestId("row-approved")).ToHaveCountAsync(3);
            Assert.Equal(order, await list.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.partner)"));
            await Expect(page.GetByTestId("approve-all")).ToHaveCountAsync(0);
        }
        using (var admin = host.Admin())
            foreach (var id in ids)
                Assert.Equal("approved", (await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/incentives/statements/{Quarter}/{id}", Ct))
                    .GetProperty("status").GetString());

        // A plain 390 px wide window (no mobile emulation): nothing scrolls sideways.
        await using (var session = await host.OpenAsync(width: 390))
        {
            var narrow = session.Page;
            await Portal.SignInAsync(narrow, UiData.BackOfficeLogin, landsOn: "/uebersicht");
            var current = host.Data.Current.ToString();
            foreach (var path in new[]
                     {
                         $"/provision/freigabe?quarter={Quarter}", $"/provision/freigabe?quarter={current}&all=1",
                         $"/provision/freigabe?quarter={current}&confirm={UiData.ThirdPartner}", $"/uebersicht?quarter={current}", "/protokoll",
                     })
            {
                await narrow.GotoAsync(path);
                await Expect(Portal.MainHeading(narrow)).ToBeVisibleAsync();
                await Portal.AssertFitsAsync(narrow, path);
            }
            await narrow.GotoAsync($"/provision/freigabe?quarter={current}&all=1");
            await Screenshots.SaveAsync(narrow, "freigabe-alle-phone");
        }
    }
}
