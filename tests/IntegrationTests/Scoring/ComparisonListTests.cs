using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Surveys;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Scoring;

/// <summary>
/// Back office's comparison on <c>/uebersicht</c> as a list (issue 18, ADR 0045): filtered ("NPS &lt; 0 with a sufficient
/// sample"), sorted both ways and paged on the server, links keeping the filters, each partner linked, the sample rule
/// stated where "zu klein" shows, and the CSV export. Owns 2081-Q1; partner ids <c>mo-</c>.
/// </summary>
public sealed partial class ComparisonListTests(PortalHost host, ComparisonListTests.Data data) : IClassFixture<ComparisonListTests.Data>
{
    private const string Quarter = "2081-Q1";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>52 partners "Vergleich 00".."Vergleich 51": 00 has 30 detractors (NPS -100), 01 30 promoters (+100), 02 15 and 15
    /// (-50), all sufficient; the others one answer each (too small).</summary>
    public sealed class Data(PortalHost host) : IAsyncLifetime
    {
        public string[] Partners = [];
        public (string Email, string Password) BackOffice;

        public async ValueTask InitializeAsync()
        {
            Partners = new string[52];
            var responses = new List<object>();
            using var admin = host.Admin();
            for (var i = 0; i < Partners.Length; i++)
            {
                var id = PortalHost.NewId("mo");
                var shop = PortalHost.NewId("mos");
                await (await admin.PutAsJsonAsync($"/api/v1/partners/{id}", new
                {
                    name = $"Vergleich {i:D2}", shops = new[] { new { shopId = shop, name = $"Laden {i:D2}", city = "Bonn" } },
                })).EnsureStatus(HttpStatusCode.Created);
                Partners[i] = id;
                int[] scores = i switch
                {
                    0 => [.. Enumerable.Repeat(0, 30)],
                    1 => [.. Enumerable.Repeat(10, 30)],
                    2 => [.. Enumerable.Repeat(0, 15), .. Enumerable.Repeat(8, 15)],
                    _ => [i % 11],
                };
                responses.AddRange(scores.Select(s => (object)SurveyData.Response(PortalHost.NewId("mor"), id, shop, "2081-02-10T10:00:00+01:00", touchpoint: s)));
            }
            var batch = await SurveyData.PostBatchAsync(admin, responses);
            Assert.Equal(responses.Count, batch.GetProperty("accepted").GetInt32());
            Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/scoring/recalculations", Quarter)).GetProperty("state").GetString());
            BackOffice = await host.CreateUserAsync(Roles.BackOffice, null);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [GeneratedRegex("<tr data-partner=\"([^\"]+)\"")]
    private static partial Regex RowPattern();

    private static string[] Rows(string html) => RowPattern().Matches(html).Select(m => m.Groups[1].Value).ToArray();

    [GeneratedRegex("<th scope=\"col\"[^>]*><a href=\"[^\"]*\">([^<]*)</a></th>")]
    private static partial Regex SortHeadingPattern();

    /// <summary>The partner list's sortable headings as shown.</summary>
    private static string[] SortHeadings(string html) => SortHeadingPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();

    [Fact]
    public async Task Back_office_filters_NPS_below_zero_with_a_sufficient_sample_sorts_both_ways_and_pages_keeping_the_filters()
    {
        var (browser, _) = await host.LoginAsync(data.BackOffice.Email, data.BackOffice.Password);
        using var _b = browser;
        var all = await browser.GetStringAsync($"/uebersicht?quarter={Quarter}", Ct);
        var firstPage = Rows(all);
        Assert.Equal(50, firstPage.Length);
        Assert.Equal(data.Partners[1], firstPage[0]);                           // the best NPS first
        Assert.Contains("Seite 1 von 2 (52 Einträge)", all, StringComparison.Ordinal);
        Assert.Contains($"href=\"/uebersicht?quarter={Quarter}&amp;sort=nps&amp;dir=desc&amp;page=2\"", all, StringComparison.Ordinal);
        Assert.Equal(2, Rows(await browser.GetStringAsync($"/uebersicht?quarter={Quarter}&sort=nps&dir=desc&page=2", Ct)).Length);
        // Each heading names its column, the sorted one with its direction (Razor once took "NPS@Arrow(…)" for a mail address).
        Assert.Equal(["Partner", "NPS ↓", "Intervall", "n"], SortHeadings(all));
        Assert.Equal(["Partner", "NPS", "Intervall", "n ↑"], SortHeadings(await browser.GetStringAsync($"/uebersicht?quarter={Quarter}&sort=n&dir=asc", Ct)));

        // The question of the issue: who is below 0 with a sufficient sample? Worst last by default, worst first ascending.
        var negative = await browser.GetStringAsync($"/uebersicht?quarter={Quarter}&sample=sufficient&npsBelow=0", Ct);
        Assert.Equal([data.Partners[2], data.Partners[0]], Rows(negative));
        var ascending = await browser.GetStringAsync($"/uebersicht?quarter={Quarter}&sample=sufficient&npsBelow=0&sort=nps&dir=asc", Ct);
        Assert.Equal([data.Partners[0], data.Partners[2]], Rows(ascending));
        // The sort links keep the filters; the partner is linked to its statement.
        Assert.Contains($"href=\"/uebersicht?quarter={Quarter}&amp;sample=sufficient&amp;npsBelow=0&amp;sort=partner&amp;dir=asc&amp;page=1\"", negative, StringComparison.Ordinal);
        Assert.Contains($"href=\"/provision?partnerId={data.Partners[2]}&amp;quarter={Quarter}\"", negative, StringComparison.Ordinal);
        Assert.Contains($"href=\"/uebersicht.csv?quarter={Quarter}&amp;sample=sufficient&amp;npsBelow=0\"", negative, StringComparison.Ordinal);

        // By name, both ways.
        Assert.Equal(data.Partners[..50], Rows(await browser.GetStringAsync($"/uebersicht?quarter={Quarter}&sort=partner&dir=asc", Ct)));
        Assert.Equal(data.Partners.Reverse().Take(50), Rows(await browser.GetStringAsync($"/uebersicht?quarter={Quarter}&sort=partner&dir=desc", Ct)));

        // Too small: the rule is stated where the badge shows.
        var small = await browser.GetStringAsync($"/uebersicht?quarter={Quarter}&sample=insufficient", Ct);
        Assert.Equal(49, Rows(small).Length);
        Assert.Contains("title=\"„zu klein“: weniger als 30 Antworten im Quartal.", small, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sample-rule\">„zu klein“: weniger als 30 Antworten im Quartal.", small, StringComparison.Ordinal);

        foreach (var bad in new[] { "sample=few", "npsBelow=abc", "npsBelow=500", "sort=shop", "dir=sideways", "page=-1" })
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"/uebersicht?quarter={Quarter}&{bad}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_comparison_exports_the_filtered_rows_as_German_Excel_CSV_for_back_office_only()
    {
        var (browser, _) = await host.LoginAsync(data.BackOffice.Email, data.BackOffice.Password);
        using var _b = browser;
        var answer = await browser.GetAsync($"/uebersicht.csv?quarter={Quarter}&sample=sufficient&npsBelow=0", Ct);
        await answer.EnsureStatus(HttpStatusCode.OK);
        Assert.Equal("text/csv", answer.Content.Headers.ContentType!.MediaType);
        var bytes = await answer.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Quartal;Partner-ID;Partner;NPS;Intervall von;Intervall bis;n;Stichprobe", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{Quarter};{data.Partners[2]};Vergleich 02;-50,0;", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(";30;ausreichend", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{Quarter};{data.Partners[0]};Vergleich 00;-100,0;", lines[2], StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"/uebersicht.csv?quarter={Quarter}&npsBelow=x", Ct)).StatusCode);
        var (email, password) = await host.CreateUserAsync(Roles.Partner, data.Partners[0]);
        var (partner, _) = await host.LoginAsync(email, password);
        using var _p = partner;
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/uebersicht.csv?quarter={Quarter}", Ct)).StatusCode);
    }
}
