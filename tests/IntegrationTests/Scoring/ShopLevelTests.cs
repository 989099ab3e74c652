using System.Net;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Surveys;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Scoring;

/// <summary>Shop level and clarity on the Übersicht (issue 18): every shop of the partner with its NPS, interval, n and
/// sample, linked to a shop page with its figures, named comparisons and comments; when the figures were calculated and
/// that a running quarter is incomplete. Years 2076 (and its previous quarter 2075-Q4); partner ids start with <c>sh-</c>.</summary>
public sealed class ShopLevelTests(PortalHost host) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Quarter = "2076-Q1";
    private const string Before = "2075-Q4";

    private string _a = "", _b = "", _big = "", _small = "", _empty = "", _bShop = "";
    private HttpClient _user = null!;

    /// <summary>A: shop "Filiale Groß" with 40 touchpoint scores in 2076-Q1 (NPS 25) and 40 in 2075-Q4 (NPS −50, a
    /// significant rise), shop "Filiale Klein" with 5 (too small), shop "Filiale Leer" with none. B: one shop.</summary>
    public async ValueTask InitializeAsync()
    {
        _a = PortalHost.NewId("sh-a");
        _b = PortalHost.NewId("sh-b");
        (_big, _small, _empty, _bShop) = (PortalHost.NewId("sh-s"), PortalHost.NewId("sh-s"), PortalHost.NewId("sh-s"), PortalHost.NewId("sh-s"));
        using var admin = host.Admin();
        await CommentSearchTests.PutPartnerAsync(admin, _a, "Sonnenschein Shops", (_big, "Filiale Groß", "Köln"), (_small, "Filiale Klein", "Köln"),
            (_empty, "Filiale Leer", "Bonn"));
        await CommentSearchTests.PutPartnerAsync(admin, _b, "Fremdfirma", (_bShop, "Filiale Fremd", "Bonn"));
        var items = new List<object>();
        // 2076-Q1 at the big shop: 20 promoters, 10 passives, 10 detractors → NPS 25.
        for (var i = 0; i < 40; i++)
            items.Add(Response($"{_a}-q1-{i}", _a, _big, respondedAt: $"2076-02-{1 + i % 28:00}T10:{i:00}:00+01:00",
                touchpoint: i < 20 ? 10 : i < 30 ? 8 : 2, comment: i == 0 ? "Sehr gute Beratung" : null));
        // 2075-Q4 at the big shop: 5 promoters, 10 passives, 25 detractors → NPS −50.
        for (var i = 0; i < 40; i++)
            items.Add(Response($"{_a}-q4-{i}", _a, _big, respondedAt: $"2075-11-{1 + i % 28:00}T10:{i:00}:00+01:00",
                touchpoint: i < 5 ? 10 : i < 15 ? 8 : 2));
        for (var i = 0; i < 5; i++)
            items.Add(Response($"{_a}-small-{i}", _a, _small, respondedAt: $"2076-03-0{1 + i}T10:00:00+01:00", touchpoint: 9));
        items.Add(Response($"{_b}-1", _b, _bShop, respondedAt: "2076-03-01T10:00:00+01:00", touchpoint: 0));
        Assert.Equal(items.Count, (await PostBatchAsync(admin, items)).GetProperty("accepted").GetInt32());
        foreach (var quarter in new[] { Quarter, Before })
            Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/scoring/recalculations", quarter)).GetProperty("state").GetString());
        var (email, password) = await host.CreateUserAsync(Roles.Partner, _a);
        (_user, _) = await host.LoginAsync(email, password);
    }

    public ValueTask DisposeAsync()
    {
        _user?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Row(string html, string shopId)
    {
        var start = html.IndexOf($"data-shop=\"{shopId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {shopId}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task The_overview_lists_every_shop_worst_first_with_its_figures_sample_and_link()
    {
        var html = await _user.GetStringAsync($"/uebersicht?quarter={Quarter}", Ct);
        var big = Row(html, _big);
        Assert.Contains("Filiale Groß", big, StringComparison.Ordinal);
        Assert.Contains($"href=\"/uebersicht/standorte/{_a}/{_big}?quarter={Quarter}\"", big, StringComparison.Ordinal);
        Assert.Contains(">25,0<", big, StringComparison.Ordinal);
        Assert.Contains(">40<", big, StringComparison.Ordinal);
        Assert.Contains("ausreichend", big, StringComparison.Ordinal);
        var small = Row(html, _small);
        Assert.Contains("zu klein (unter 30 Antworten)", small, StringComparison.Ordinal);
        Assert.Contains(">5<", small, StringComparison.Ordinal);
        Assert.Contains("keine Antworten", Row(html, _empty), StringComparison.Ordinal);
        // Sufficient samples first, then small ones, then shops without responses.
        Assert.True(html.IndexOf(_big, StringComparison.Ordinal) < html.IndexOf(_small, StringComparison.Ordinal));
        Assert.True(html.IndexOf(_small, StringComparison.Ordinal) < html.IndexOf($"data-shop=\"{_empty}\"", StringComparison.Ordinal));
        Assert.DoesNotContain(_bShop, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Filiale Fremd", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_says_when_it_was_calculated_what_each_change_compares_and_that_a_running_quarter_is_incomplete()
    {
        var past = await _user.GetStringAsync($"/uebersicht?quarter={Quarter}", Ct);
        Assert.Matches(@"Berechnet am \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr\.", past);
        Assert.Contains("Q1 2076:</strong> ▲ signifikant gestiegen", past, StringComparison.Ordinal); // the partner: NPS −50 → 33,3
        Assert.Contains("gegenüber Q4 2075", past, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"running-quarter\"", past, StringComparison.Ordinal);

        // The running quarter (A has no responses in it; the session's cookie would not survive a faked "now").
        var running = await _user.GetStringAsync($"/uebersicht?quarter={PartnerPortal.SharedKernel.Quarter.Of(DateTimeOffset.UtcNow)}", Ct);
        Assert.Contains("data-testid=\"running-quarter\"", running, StringComparison.Ordinal);
        Assert.Contains("Das Quartal läuft noch", running, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shop_page_shows_its_figures_its_named_significant_change_and_links_its_comments()
    {
        var html = await _user.GetStringAsync($"/uebersicht/standorte/{_a}/{_big}?quarter={Quarter}", Ct);
        Assert.Contains("Filiale Groß", html, StringComparison.Ordinal);
        Assert.Contains(">25,0<", html, StringComparison.Ordinal);
        Assert.Contains("Q1 2076:</strong> ▲ signifikant gestiegen", html, StringComparison.Ordinal);
        Assert.Contains("gegenüber Q4 2075", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/kundenstimmen?shop={_big}&amp;quarter={Quarter}\"", html, StringComparison.Ordinal);
        var comments = await _user.GetStringAsync($"/kundenstimmen?shop={_big}&quarter={Quarter}", Ct);
        Assert.Contains("Sehr gute Beratung", comments, StringComparison.Ordinal);

        var small = await _user.GetStringAsync($"/uebersicht/standorte/{_a}/{_small}?quarter={Quarter}", Ct);
        Assert.Contains("Stichprobe zu klein (unter 30 Antworten)", small, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_cannot_open_another_partners_shop_and_back_office_can()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _user.GetAsync($"/uebersicht/standorte/{_b}/{_bShop}?quarter={Quarter}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _user.GetAsync($"/uebersicht/standorte/{_a}/{_bShop}?quarter={Quarter}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _user.GetAsync($"/uebersicht/standorte/{_a}/sh-none?quarter={Quarter}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _user.GetAsync($"/uebersicht/standorte/{_a}/{_big}?quarter=2076-Q7", Ct)).StatusCode);

        var (email, password) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (office, _) = await host.LoginAsync(email, password);
        using var _o = office;
        var html = await office.GetStringAsync($"/uebersicht/standorte/{_b}/{_bShop}?quarter={Quarter}", Ct);
        Assert.Contains("Filiale Fremd", html, StringComparison.Ordinal);
        Assert.Contains($"/kundenstimmen?partner={_b}&amp;shop={_bShop}", html, StringComparison.Ordinal);
    }
}
