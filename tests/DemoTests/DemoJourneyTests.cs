using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.DemoTests;

/// <summary>
/// Both demo logins walk the showcase a newcomer sees after `dotnet run`, at 1280 px and at a plain 390-px viewport:
/// every page shows real figures, nothing scrolls sideways, no raw code (shop ids, `user:…`, event names) is where a
/// person reads. The README's screenshots come from here (UPDATE_SCREENSHOTS=1).
/// </summary>
public sealed partial class DemoJourneyTests(DemoHost host)
{
    public static readonly string[] PartnerPages = ["/uebersicht", "/kundenstimmen", "/einsprueche", "/provision", "/schulungen", "/rueckmeldungen", "/einstellungen"];

    public static readonly string[] BackOfficePages =
    [
        "/uebersicht", "/kundenstimmen", "/einsprueche", "/auffaelligkeiten", "/provision/freigabe", "/schulungen/programm", "/protokoll",
        "/rueckmeldungen", "/postausgang", "/einstellungen",
    ];

    /// <summary>What the showcase must really show on some pages, beyond a heading (role, path): the data a newcomer is
    /// meant to see, so an empty page cannot pass.</summary>
    private static readonly Dictionary<(string Role, string Path), Func<IPage, Task>> Shows = new()
    {
        // Mobilfunk Müller's shops, each with its figure.
        [("partner", "/uebersicht")] = async page =>
            Assert.True(await page.GetByTestId("shops").Locator("tbody tr").CountAsync() >= 2, "/uebersicht: fewer than two shops in the shop table"),
        // A result count of the comments, and a number in it.
        [("partner", "/kundenstimmen")] = page => Expect(page.GetByTestId("comment-count")).ToHaveTextAsync(new Regex(@"[1-9]\d* Kommentar")),
        [("backoffice", "/kundenstimmen")] = page => Expect(page.GetByTestId("comment-count")).ToHaveTextAsync(new Regex(@"[1-9]\d* Kommentar")),
        // The showcase stores detractor responses: the partner has cases to work, back office sees every partner's figures.
        // The partners have worked most of them: a closed-loop rate above nothing, and back office's root-cause chart.
        [("partner", "/rueckmeldungen")] = async page =>
        {
            await Expect(page.GetByTestId("followups").Locator("tbody tr").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("followup-rate").Locator(".big-number")).ToHaveTextAsync(new Regex(@"^[1-9]\d*,\d %$"));
            // Each case's way to close it in view (on a phone a card per case).
            await AllReachableAsync(page, page.GetByTestId("followups").GetByTestId("close-open"));
        },
        [("backoffice", "/rueckmeldungen")] = async page =>
        {
            await Expect(page.GetByTestId("followup-partners").Locator("tbody tr").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("followup-rate").Locator(".big-number")).ToHaveTextAsync(new Regex(@"^[1-9]\d*,\d %$"));
            Assert.True(await page.GetByTestId("root-cause-chart").Locator("tbody tr").CountAsync() >= 3, "/rueckmeldungen: no root-cause chart");
            // The cases arrived through the year and some of the last week's are still open (ADR 0056): overdue ones to chase.
            await Expect(page.GetByTestId("overdue-cases").Locator("tbody tr").First).ToContainTextAsync("überfällig");
        },
        // Coaching to act on: every open booking's action and every open coaching's cancel link in view without scrolling a
        // table sideways (at 1280 px the columns fit the card; on a phone each booking is a card).
        [("backoffice", "/schulungen/programm")] = page => AllReachableAsync(page, page.GetByTestId("open-bookings").Locator("td.actions button")),
        [("partner", "/schulungen")] = page => AllReachableAsync(page, page.GetByTestId("bookings").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("stornieren") })),
        // Flagged responses, each with its quarantine form in view.
        [("backoffice", "/auffaelligkeiten")] = page => AllReachableAsync(page, page.GetByTestId("flagged-responses").Locator("form.inline button")),
        // Statements to approve, each with its approval link in view (on a phone a card per statement, the sort links above).
        [("backoffice", "/provision/freigabe")] = async page =>
        {
            await Expect(page.GetByTestId("approval-list").Locator("tbody tr").First).ToBeVisibleAsync();
            await AllReachableAsync(page, page.GetByTestId("approval-list").GetByTestId("approve"));
            await AllReachableAsync(page, page.GetByTestId("approval-list").Locator("thead a.sort"));
        },
    };

    [Fact]
    public void Every_check_of_what_a_page_shows_is_on_a_walked_page() =>
        Assert.All(Shows.Keys, k => Assert.Contains(k.Path, k.Role == "partner" ? PartnerPages : BackOfficePages));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_partner_sees_real_figures_on_every_page(bool phone)
    {
        var page = await host.OpenAsync(phone);
        await Portal.SignInAsync(page, DemoHost.PartnerLogin, landsOn: "/uebersicht");
        await Expect(page.GetByTestId("nps-touchpoint").Locator(".big-number")).ToHaveTextAsync(Portal.GermanScore());
        foreach (var path in PartnerPages) await VisitAsync(page, path, "partner", phone);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Back_office_sees_real_figures_on_every_page(bool phone)
    {
        var page = await host.OpenAsync(phone);
        await Portal.SignInAsync(page, DemoHost.BackOfficeLogin, landsOn: "/uebersicht");
        foreach (var path in BackOfficePages) await VisitAsync(page, path, "backoffice", phone);
        await page.Context.CloseAsync();
    }

    /// <summary>At least one of <paramref name="targets"/>, and each in view (<see cref="Portal.AssertReachableAsync"/>).</summary>
    private static async Task AllReachableAsync(IPage page, ILocator targets)
    {
        var all = await targets.AllAsync();
        Assert.NotEmpty(all);
        foreach (var target in all) await Portal.AssertReachableAsync(page, target, $"{page.Url}: {await target.InnerTextAsync()}");
    }

    /// <summary>Opens the page and checks what holds on every page of the showcase; saves its screenshot.</summary>
    private static async Task VisitAsync(IPage page, string path, string role, bool phone)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response!.Ok, $"{path}: {response.Status}");
        await Expect(Portal.MainHeading(page)).ToBeVisibleAsync();
        if (Shows.TryGetValue((role, path), out var shows)) await shows(page);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Keine Antworten");
        await Portal.AssertFitsAsync(page, path);
        await Portal.AssertTablesFitAsync(page, path);
        var text = await page.Locator("main").InnerTextAsync();
        var codes = RawCode().Matches(Email().Replace(text, " ")).Select(m => m.Value).Distinct().ToList();
        Assert.True(codes.Count == 0, $"{path} shows raw codes: {string.Join(", ", codes)}");
        var razor = RazorCode().Matches(text).Select(m => m.Value).Distinct().ToList();
        Assert.True(razor.Count == 0, $"{path} shows Razor code as text: {string.Join(", ", razor)}");
        await Screenshots.SaveAsync(page, $"demo-{role}{path.Replace('/', '-').TrimEnd('-')}{(phone ? "-phone" : "")}");
    }

    /// <summary>What a person should never have to read: shop ids, actor ids (<c>user:98ee…</c>, <c>key:…</c>,
    /// <c>demo:…</c>), dotted event names (<c>recalculation.started</c>).</summary>
    [GeneratedRegex(@"\bs-\d{4}-\d+\b|\b(user|key|demo|apikey):[\w-]+|\b[a-z]+(-[a-z]+)*\.(started|succeeded|failed|approved|decided|filed|created|changed|updated|cancelled|confirmed|delivered|released|quarantined|recorded|set|put|posted)\b")]
    private static partial Regex RawCode();

    /// <summary>Razor code written out as text: after a letter, <c>NPS@Arrow("nps")</c> reads to Razor as a mail address,
    /// so it is printed, not called (the comparison's headings did that).</summary>
    [GeneratedRegex(@"@\(|@[A-Za-z_]\w*\(")]
    private static partial Regex RazorCode();

    [GeneratedRegex(@"\S+@\S+")]
    private static partial Regex Email();
}
