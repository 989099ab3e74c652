using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PartnerPortal.TestSupport;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>Journey: a partner appeals a customer comment from Kundenstimmen and follows it in "Meine Einsprüche"; back
/// office accepts it in the inbox; the partner then sees the comment marked as excluded.</summary>
public sealed class AppealJourneyTests(UiHost host)
{
    private const string Comment = "Ich war nie in diesem Laden, das muss eine Verwechslung sein.";

    [Fact]
    public async Task A_partner_appeals_a_comment_back_office_accepts_it_and_the_partner_sees_it_excluded()
    {
        // A new answer for Mobilfunk Müller with brand and product scores only (no touchpoint score, not a detractor), so that no
        // figure the other journeys read moves: it is excluded again before the quarter is recalculated with it.
        var responseId = PortalTestHost.NewId("ui-appeal");
        var now = DateTimeOffset.UtcNow;
        var respondedAt = now.AddMinutes(-10) > host.Data.Current.Start ? now.AddMinutes(-10) : now;
        using (var admin = host.Admin())
            await UiData.PostAsync(admin, "/api/v1/surveys/responses/batch", new
            {
                items = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["responseId"] = responseId, ["respondedAt"] = respondedAt.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
                        ["segment"] = "private", ["channel"] = "partner-shop", ["partnerId"] = UiData.Partner, ["shopId"] = "s-1001-1",
                        ["scores"] = new Dictionary<string, object?> { ["brand"] = 9, ["product"] = 9 }, ["comment"] = Comment,
                    },
                },
            });

        await using var partnerSession = await host.OpenAsync();
        var partner = partnerSession.Page;
        await Portal.SignInAsync(partner, UiData.PartnerLogin, landsOn: "/uebersicht");

        // Kundenstimmen: the comment has an "Einspruch einlegen" link; the form asks for a reason and a text.
        await Portal.NavigateAsync(partner, "Kundenstimmen");
        var item = partner.GetByTestId("comments").Locator($"li[data-response='{responseId}']");
        await Expect(item).ToContainTextAsync(Comment);
        await item.GetByRole(AriaRole.Link, new() { Name = "Einspruch einlegen" }).ClickAsync();
        await Expect(Portal.MainHeading(partner)).ToHaveTextAsync("Einspruch einlegen");
        await Expect(partner.GetByTestId("appeal-response")).ToContainTextAsync(Comment);
        await Expect(partner.GetByTestId("appeal-deadline")).ToContainTextAsync("Einspruchsfrist bis");
        await partner.GetByLabel("Grund", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Nicht unser Kunde" });
        await partner.GetByLabel("Begründung", new() { Exact = true }).FillAsync("Kein Vertrag unter diesem Namen in unseren Filialen.");
        await Screenshots.SaveAsync(partner, "einspruch");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Einspruch einlegen" }).ClickAsync();

        // Meine Einsprüche: open, with its deadline.
        await Portal.WaitForAddressAsync(partner, "**/einsprueche?meldung=eingelegt");
        await Expect(Portal.MainHeading(partner)).ToHaveTextAsync("Meine Einsprüche");
        await Expect(partner.GetByTestId("outcome")).ToContainTextAsync("Ihr Einspruch ist eingegangen");
        var mine = partner.GetByTestId("my-appeals").Locator($"tr[data-response='{responseId}']");
        await Expect(mine).ToContainTextAsync(Comment);
        await Expect(mine.GetByTestId("appeal-status")).ToHaveTextAsync("offen");
        await Expect(mine).ToContainTextAsync("Nicht unser Kunde");

        // Back office: the inbox, filtered to the partner; accept.
        await using var backOfficeSession = await host.OpenAsync();
        var backOffice = backOfficeSession.Page;
        await Portal.SignInAsync(backOffice, UiData.BackOfficeLogin, landsOn: "/uebersicht");
        await Portal.NavigateAsync(backOffice, "Einsprüche");
        await Expect(Portal.MainHeading(backOffice)).ToHaveTextAsync("Einspruchs-Eingang");
        await backOffice.GetByLabel("Partner", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Mobilfunk Müller GmbH" });
        await backOffice.GetByRole(AriaRole.Button, new() { Name = "Anzeigen" }).ClickAsync();
        await Portal.WaitForAddressAsync(backOffice, $"**/einsprueche?*partnerId={UiData.Partner}*");
        var appeal = backOffice.GetByTestId("appeal-inbox").Locator($"li[data-response='{responseId}']");
        await Expect(appeal).ToContainTextAsync("Kein Vertrag unter diesem Namen in unseren Filialen.");
        await Screenshots.SaveAsync(backOffice, "einspruch-eingang");
        var acceptedAt = DateTimeOffset.UtcNow;
        await appeal.GetByRole(AriaRole.Button, new() { Name = "Annehmen" }).ClickAsync();
        await Portal.WaitForAddressAsync(backOffice, "**/einsprueche?meldung=angenommen");
        await Expect(backOffice.GetByTestId("outcome")).ToContainTextAsync("Der Einspruch ist angenommen");
        await Expect(backOffice.GetByTestId("appeal-inbox").Locator($"li[data-response='{responseId}']")).ToHaveCountAsync(0);

        // The partner: accepted, and the comment is marked as excluded.
        await partner.ReloadAsync();
        await Expect(partner.GetByTestId("my-appeals").Locator($"tr[data-response='{responseId}']").GetByTestId("appeal-status")).ToHaveTextAsync("angenommen");
        await Portal.NavigateAsync(partner, "Kundenstimmen");
        await Expect(item.GetByTestId("excluded")).ToHaveTextAsync("ausgeschlossen");
        await Expect(item.GetByTestId("appeal-status")).ToHaveTextAsync("angenommen");
        await Expect(item.GetByRole(AriaRole.Link, new() { Name = "Einspruch einlegen" })).ToHaveCountAsync(0);

        // Accepting recalculated the quarter (a job): wait for it, so that the next journey starts from settled figures.
        await WaitForRecalculationAsync(acceptedAt);
    }

    private async Task WaitForRecalculationAsync(DateTimeOffset since)
    {
        using var admin = host.Admin();
        var url = $"/api/v1/scoring/scorecards?quarter={host.Data.Current}&scope=partner&partnerId={UiData.Partner}&dimension=brand&segment=all";
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var cards = await admin.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken);
            if (cards.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("calculatedAt").GetDateTimeOffset() >= since)) return;
            Assert.True(DateTime.UtcNow < deadline, "The quarter was not recalculated after the appeal was accepted.");
            await Task.Delay(250, TestContext.Current.CancellationToken); // polling the public API, as a client would
        }
    }
}
