using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.SharedKernel;
using PartnerPortal.TestSupport;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>Journey (issue 20): a detractor arrives, the partner sees it on "Rückmeldungen" (also through the mail's
/// <c>?fall=…#fall-…</c> link), takes it over, closes it with cause, action and note, and the closed-loop rate moves; back office
/// sees another partner's case that is overdue. Two partners of its own (and a login for the first), so no figure the
/// other journeys read moves; at 1280 px and at a plain 390-px viewport, where nothing may scroll sideways.</summary>
public sealed class FollowUpJourneyTests(UiHost host)
{
    private const string Comment = "Niemand konnte mir sagen, wann mein neues Gerät geliefert wird.";
    private const string LateComment = "Nach dem Tarifwechsel stimmt meine Rechnung nicht mehr.";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_detractor_arrives_the_partner_works_and_closes_it_the_rate_moves_and_back_office_sees_an_overdue_one(bool phone)
    {
        var ct = TestContext.Current.CancellationToken;
        var (partnerId, shops) = await host.CreatePartnerAsync(prefix: "ui-fu");
        var (otherId, otherShops) = await host.CreatePartnerAsync(prefix: "ui-fu");
        var login = await host.CreateUserAsync(Roles.Partner, partnerId);
        string otherName;
        using (var admin = host.Admin())
            otherName = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/partners/{otherId}", ct)).GetProperty("name").GetString()!;

        // The detractor of the partner, just now; the other partner's a week ago (stored then: X-Test-Now), so overdue.
        var now = DateTimeOffset.UtcNow;
        var caseId = PortalTestHost.NewId("ui-fu-case");
        var lateId = PortalTestHost.NewId("ui-fu-late");
        var stored = now.AddDays(-7);
        var lateQuarter = Quarter.Of(stored.AddMinutes(-10)).ToString();
        using (var admin = host.Admin())
            await UiData.PostAsync(admin, "/api/v1/surveys/responses/batch",
                new { items = new[] { Detractor(caseId, partnerId, shops[0], now.AddMinutes(-10) > Quarter.Of(now).Start ? now.AddMinutes(-10) : now, 3, Comment) } });
        using (var past = host.Admin())
        {
            past.DefaultRequestHeaders.Add(RequestClock.Header, RequestClock.Format(stored));
            await UiData.PostAsync(past, "/api/v1/surveys/responses/batch",
                new { items = new[] { Detractor(lateId, otherId, otherShops[0], stored.AddMinutes(-10), 5, LateComment) } });
        }
        // Stored "a week ago" only now: behind the mark of FollowUps' detractor copy, which had copied that week already. As
        // after a hand repair (ADR 0064), the mark goes back (first: a copier running now finishes before) and the copy is
        // emptied, in one transaction; the next copy takes every detractor in again.
        await host.ScalarAsync<int>("update followups.detractor_copy_mark set copied_before = '-infinity' where id = 1; delete from followups.detractor_copy; select 1");

        await using (var session = await host.OpenAsync(phone))
        {
            var page = session.Page;
            await Portal.SignInAsync(page, login, landsOn: "/uebersicht");
            // The overview's tile leads to the cases.
            var tile = page.GetByTestId("followup-tile");
            await Expect(tile).ToContainTextAsync("1 offen");
            await tile.Locator("a[href='/rueckmeldungen']").ClickAsync();
            await Portal.WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == "/rueckmeldungen");
            await Expect(Portal.MainHeading(page)).ToHaveTextAsync("Rückmeldungen");
            await Expect(page.GetByTestId("followup-rate").Locator(".big-number")).ToHaveTextAsync("0,0 %");
            await Expect(page.GetByTestId("followup-open").Locator(".big-number")).ToHaveTextAsync("1");
            var rows = page.GetByTestId("followups").Locator("tbody tr");
            await Expect(rows).ToHaveCountAsync(1); // its own case only: not the other partner's
            var row = page.Locator($"tr[data-case='{caseId}']");
            await Expect(row).ToContainTextAsync(Comment);
            await Expect(row.Locator(".score.detractor")).ToHaveTextAsync("3");
            await Expect(row.GetByTestId("case-status")).ToHaveTextAsync("offen");
            await Expect(page.GetByTestId("overdue")).ToHaveCountAsync(0);
            await Portal.AssertFitsAsync(page, page.Url);
            if (!phone) await Screenshots.SaveAsync(page, "rueckmeldungen");
            // The close form is folded until asked for: the list stays a list (on a phone, short cards).
            await Expect(row.GetByLabel("Notiz")).ToBeHiddenAsync();
            if (phone)
            {
                var folded = (await row.BoundingBoxAsync())!;
                Assert.True(folded.Height <= 0.4 * page.ViewportSize!.Height, $"The folded case is {folded.Height:0} px tall.");
            }
            await row.GetByTestId("close-open").ClickAsync();
            await Expect(row.GetByLabel("Notiz")).ToBeVisibleAsync();

            // The mail's link lands on the case's row, its form unfolded.
            await page.GotoAsync($"/rueckmeldungen?fall={caseId}#fall-{caseId}");
            await Expect(page.Locator(":target")).ToHaveAttributeAsync("data-case", caseId);
            await Expect(page.Locator($"#fall-{caseId}")).ToBeInViewportAsync();
            await Expect(row.GetByLabel("Notiz")).ToBeVisibleAsync();

            // Take it over: back on the case, its form unfolded. Closing without a cause is refused and changes nothing.
            await row.GetByTestId("start").ClickAsync();
            await Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Der Fall ist in Bearbeitung.");
            await Expect(row.GetByTestId("case-status")).ToHaveTextAsync("in Bearbeitung");
            await Expect(row.GetByTestId("start")).ToHaveCountAsync(0);
            await Expect(row.GetByLabel("Notiz")).ToBeVisibleAsync();
            if (phone) await AssertCardAsync(page, row);
            await row.GetByLabel("Notiz").FillAsync("Kunde angerufen, Liefertermin genannt.");
            await row.GetByTestId("close").ClickAsync();
            await Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Der Fall konnte nicht abgeschlossen werden.");
            await Expect(row.Locator(".field-error")).Not.ToHaveCountAsync(0);
            await Expect(row.GetByLabel("Ursache")).ToBeVisibleAsync(); // unfolded again, beside its errors
            await Expect(row.GetByTestId("case-status")).ToHaveTextAsync("in Bearbeitung");
            await Portal.AssertFitsAsync(page, page.Url);

            // Closed with cause, action and note (the note was kept): the rate moves from 0 to 100 %.
            await row.GetByLabel("Ursache").SelectOptionAsync(new SelectOptionValue { Label = "Beratung" });
            await row.GetByLabel("Maßnahme").SelectOptionAsync(new SelectOptionValue { Label = "zurückgerufen" });
            await Expect(row.GetByLabel("Notiz")).ToHaveValueAsync("Kunde angerufen, Liefertermin genannt.");
            await row.GetByTestId("close").ClickAsync();
            await Portal.WaitForAddressAsync(page, "**/rueckmeldungen?meldung=abgeschlossen");
            await Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Der Fall ist abgeschlossen.");
            await Expect(page.GetByText("Keine offenen Fälle.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("followup-rate").Locator(".big-number")).ToHaveTextAsync("100,0 %");
            await Expect(page.GetByTestId("followup-open").Locator(".big-number")).ToHaveTextAsync("0");
            await Portal.AssertFitsAsync(page, page.Url);
        }
        using (var admin = host.Admin())
        {
            var closed = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/followups?partnerId={partnerId}", ct);
            var item = Assert.Single(closed.GetProperty("items").EnumerateArray());
            Assert.Equal("closed", item.GetProperty("status").GetString());
            Assert.Equal("advice", item.GetProperty("rootCause").GetString());
        }

        // Back office: the other partner's case is overdue; the partner's closed one counts as in time.
        await using (var session = await host.OpenAsync(phone))
        {
            var page = session.Page;
            await Portal.SignInAsync(page, UiData.BackOfficeLogin, landsOn: "/uebersicht");
            await page.GotoAsync($"/rueckmeldungen?quarter={lateQuarter}&sort=ueberfaellig");
            await Expect(Portal.MainHeading(page)).ToHaveTextAsync("Rückmeldungen aller Partner");
            var late = page.GetByTestId("overdue-cases").Locator($"tr[data-case='{lateId}']");
            await Expect(late).ToContainTextAsync(otherName);
            await Expect(late).ToContainTextAsync("überfällig");
            await Expect(late).ToContainTextAsync(LateComment);
            await Expect(page.GetByTestId("followup-partners").Locator($"tr[data-partner='{otherId}']").Locator("td").Nth(5)).ToHaveTextAsync("1");
            await Portal.AssertFitsAsync(page, page.Url);
            await Portal.AssertTablesFitAsync(page, page.Url); // the overdue cases and the partners' rates too
            if (!phone) await Screenshots.SaveAsync(page, "rueckmeldungen-backoffice");

            var current = Quarter.Of(DateTimeOffset.UtcNow).ToString();
            await page.GotoAsync($"/rueckmeldungen?quarter={current}");
            var own = page.GetByTestId("followup-partners").Locator($"tr[data-partner='{partnerId}']");
            await Expect(own.GetByTestId("partner-rate")).ToHaveTextAsync("100,0 %");
            await Expect(page.GetByTestId("overdue-cases").Locator($"tr[data-case='{caseId}']")).ToHaveCountAsync(0);
            await Portal.AssertFitsAsync(page, page.Url);
        }
    }

    /// <summary>On a phone a case is a card: the comment and the unfolded close form span (almost) the viewport's width, not
    /// a column beyond the table's sideways scroll, and the card is less tall than a screen.</summary>
    private static async Task AssertCardAsync(IPage page, ILocator row)
    {
        var width = page.ViewportSize!.Width;
        foreach (var (name, part) in new[] { ("comment", row.Locator("td").Nth(2)), ("note", row.GetByLabel("Notiz")), ("close button", row.GetByTestId("close")) })
            await Portal.AssertReachableAsync(page, part, $"The case's {name}");
        var comment = (await row.Locator("td").Nth(2).BoundingBoxAsync())!;
        Assert.True(comment.Width >= width * 0.75, $"The case's comment is {comment.Width:0} px wide on a {width}-px viewport.");
        var card = (await row.BoundingBoxAsync())!;
        Assert.True(card.Height <= page.ViewportSize.Height, $"The case's card is {card.Height:0} px tall.");
    }

    private static Dictionary<string, object?> Detractor(string id, string partnerId, string shopId, DateTimeOffset respondedAt, int touchpoint, string comment) => new()
    {
        ["responseId"] = id,
        ["respondedAt"] = respondedAt.ToOffset(TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
        ["segment"] = "private",
        ["channel"] = "partner-shop",
        ["partnerId"] = partnerId,
        ["shopId"] = shopId,
        ["scores"] = new Dictionary<string, object?> { ["brand"] = 4, ["product"] = 5, ["touchpoint"] = touchpoint },
        ["comment"] = comment,
    };
}
