using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using PartnerPortal.TestSupport;

namespace PartnerPortal.IntegrationTests.Incentives;

/// <summary>
/// Issue 18's money actions and back-office lists on <c>/provision/freigabe</c> (ADR 0045): sorted, filtered and paged on
/// the server; approving confirmed with partner, quarter and total and carrying the confirmed revision; "alle freigeben"
/// in one confirmed step, skipping open appeals, once under concurrency; the running-quarter guard; the payout CSV and its
/// German-Excel variant. Owns 2078-2080 and 2090 (the API's "alle freigeben", in MoneyActionTests.Api.cs); partner ids <c>mo-</c>.
/// </summary>
public sealed partial class MoneyActionTests(PortalHost host, MoneyActionTests.Data data) : IClassFixture<MoneyActionTests.Data>
{
    private const string ListQuarter = "2078-Q1";     // 55 partners, 2 approved: the list
    private const string ConfirmQuarter = "2078-Q2";  // single approvals through the page
    private const string CsvQuarter = "2078-Q3";      // the exports
    private const string AllQuarter = "2079-Q1";      // "alle freigeben" with an open appeal
    private const string RunningQuarter = "2079-Q2";  // the running-quarter guard (X-Test-Now inside it)
    private const string RaceQuarter = "2080-Q1";     // "alle freigeben" twice at once

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Data(PortalHost host) : IAsyncLifetime
    {
        public string[] ListPartners = [];
        public (string Email, string Password) BackOffice;

        public async ValueTask InitializeAsync()
        {
            BackOffice = await host.CreateUserAsync(Roles.BackOffice, null);
            ListPartners = new string[55];
            for (var i = 0; i < ListPartners.Length; i++) ListPartners[i] = await MoPartnerAsync(host, $"Liste {i:D2}");
            // Partner i sells (i % 7) + 1 contracts: totals from 100,25 € to 701,75 €.
            await StatementsAsync(host, ListQuarter, ListPartners.Select((p, i) => (p, i % 7 + 1)).ToArray());
            using var admin = host.Admin();
            foreach (var p in ListPartners[..2])
                await (await admin.PostAsync($"/api/v1/incentives/statements/{ListQuarter}/{p}/approve", null)).JsonAsync();
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A partner with a <c>mo-</c> id and the given name.</summary>
    private static async Task<string> MoPartnerAsync(PortalHost host, string name)
    {
        var id = PortalHost.NewId("mo");
        using var admin = host.Admin();
        await (await admin.PutAsJsonAsync($"/api/v1/partners/{id}", new
        {
            name, shops = new[] { new { shopId = PortalHost.NewId("mos"), name = "Shop " + name, city = "Köln" } },
        })).EnsureStatus(HttpStatusCode.Created);
        return id;
    }

    /// <summary>The quarter's plan (if not there yet: 100,25 € a mobile contract), the partners' mobile sales, a recalculation.</summary>
    private static async Task StatementsAsync(PortalHost host, string quarter, (string Partner, int Contracts)[] sales)
    {
        using var admin = host.Admin();
        var plan = await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", new { baseRates = new { mobile = 100.25m, @fixed = 10m } });
        Assert.True(plan.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict, $"plan {quarter}: {(int)plan.StatusCode}");
        var q = Quarter.Parse(quarter);
        var at = q.Start.AddDays(20).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var items = sales.SelectMany(s => Enumerable.Range(0, s.Contracts).Select(_ => new
        {
            transactionId = PortalHost.NewId("mot"), partnerId = s.Partner, category = "mobile", occurredAt = at,
        })).ToArray();
        var batch = await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new { items })).JsonAsync();
        Assert.Equal(items.Length, batch.GetProperty("accepted").GetInt32());
        Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/incentives/recalculations", quarter)).GetProperty("state").GetString());
    }

    private async Task<HttpClient> BackOfficeAsync() => (await host.LoginAsync(data.BackOffice.Email, data.BackOffice.Password)).Client;

    /// <summary>A back-office browser whose every request, the login too, says "now" is <paramref name="now"/> (so its
    /// session is not expired in that time).</summary>
    private async Task<HttpClient> BackOfficeAtAsync(DateTimeOffset now)
    {
        var client = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(RequestClock.Header, RequestClock.Format(now));
        var token = await PortalHost.AntiforgeryTokenAsync(client, "/");
        await (await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = data.BackOffice.Email, ["Password"] = data.BackOffice.Password,
        }), Ct)).EnsureStatus(HttpStatusCode.Redirect);
        return client;
    }

    private async Task<JsonElement> StatementAsync(string quarter, string partnerId)
    {
        using var admin = host.Admin();
        return await (await admin.GetAsync($"/api/v1/incentives/statements/{quarter}/{partnerId}", Ct)).JsonAsync();
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string token, IEnumerable<KeyValuePair<string, string>> fields,
        DateTimeOffset? now = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Prepend(new("__RequestVerificationToken", token))),
        };
        request.Headers.Accept.ParseAdd("text/html");
        if (now is { } at) request.Headers.Add(RequestClock.Header, RequestClock.Format(at));
        return client.SendAsync(request, Ct);
    }

    private static async Task<string> PageAsync(HttpClient client, string url, DateTimeOffset? now = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (now is { } at) request.Headers.Add(RequestClock.Header, RequestClock.Format(at));
        var answer = await client.SendAsync(request, Ct);
        await answer.EnsureStatus(HttpStatusCode.OK);
        return await answer.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>The partner ids of the list's rows, in order.</summary>
    private static string[] RowPartners(string html) => RowPattern().Matches(html).Select(m => m.Groups[1].Value).ToArray();

    /// <summary>The totals of the list's rows (the fourth cell), in order.</summary>
    private static decimal[] RowTotals(string html) => RowTotalPattern().Matches(html)
        .Select(m => decimal.Parse(m.Groups[1].Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.GetCultureInfo("de-DE"))).ToArray();

    private static string Row(string html, string partnerId)
    {
        var row = html[html.IndexOf($"data-partner=\"{partnerId}\"", StringComparison.Ordinal)..];
        return row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
    }

    [GeneratedRegex("<tr data-partner=\"([^\"]+)\"")]
    private static partial Regex RowPattern();

    [GeneratedRegex("<tr data-partner=\"[^\"]+\">(?:(?!</tr>).)*?<td class=\"num\"[^>]*>[^<]*</td>(?:(?!</tr>).)*?<td class=\"num\"[^>]*>([0-9.,]+) €</td>", RegexOptions.Singleline)]
    private static partial Regex RowTotalPattern();

    [Fact]
    public async Task The_list_sorts_both_ways_filters_by_status_and_pages_beyond_fifty_rows_keeping_its_filters()
    {
        using var browser = await BackOfficeAsync();
        var list = $"/provision/freigabe?quarter={ListQuarter}";

        // By partner name by default, 50 a page; the next page's link keeps quarter, sort and direction.
        var first = await PageAsync(browser, list);
        var firstRows = RowPartners(first);
        Assert.Equal(50, firstRows.Length);
        Assert.Equal(data.ListPartners[..50], firstRows);
        Assert.Contains("Seite 1 von 2 (55 Einträge)", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"/provision/freigabe?quarter={ListQuarter}&amp;sort=partner&amp;dir=asc&amp;page=2\"", first, StringComparison.Ordinal);
        var second = await PageAsync(browser, $"{list}&sort=partner&dir=asc&page=2");
        Assert.Equal(data.ListPartners[50..], RowPartners(second));

        // Descending by name: the other way round.
        var descending = RowPartners(await PageAsync(browser, $"{list}&sort=partner&dir=desc"));
        Assert.Equal(data.ListPartners.Reverse().Take(50), descending);

        // By total, both ways.
        var byTotal = RowTotals(await PageAsync(browser, $"{list}&sort=total&dir=desc"));
        Assert.Equal(50, byTotal.Length);
        Assert.Equal(byTotal.OrderDescending(), byTotal);
        Assert.Equal(701.75m, byTotal[0]);
        var byTotalUp = RowTotals(await PageAsync(browser, $"{list}&sort=total&dir=asc"));
        Assert.Equal(byTotalUp.Order(), byTotalUp);
        Assert.Equal(100.25m, byTotalUp[0]);

        // Filtered by status; the sort links keep the filter.
        var approved = await PageAsync(browser, $"{list}&status=approved");
        Assert.Equal(data.ListPartners[..2], RowPartners(approved));
        Assert.Contains($"href=\"/provision/freigabe?quarter={ListQuarter}&amp;status=approved&amp;sort=total&amp;dir=asc&amp;page=1\"", approved, StringComparison.Ordinal);
        Assert.Equal(53, RowPartners(await PageAsync(browser, $"{list}&status=draft&page=2"))
            .Concat(RowPartners(await PageAsync(browser, $"{list}&status=draft"))).Count());
        Assert.DoesNotContain("data-testid=\"pager\"", approved, StringComparison.Ordinal);

        // Each partner's statement is linked; bad parameters are a 400 naming them.
        Assert.Contains($"href=\"/provision?partnerId={data.ListPartners[3]}&amp;quarter={ListQuarter}\"", first, StringComparison.Ordinal);
        foreach (var bad in new[] { "sort=name", "dir=up", "page=0", "page=x", "status=open" })
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync($"{list}&{bad}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Freigeben_asks_for_a_confirmation_and_a_post_without_the_confirmed_revision_changes_nothing()
    {
        var partners = new[] { await MoPartnerAsync(host, "Bestätigung A"), await MoPartnerAsync(host, "Bestätigung B"), await MoPartnerAsync(host, "Bestätigung C") };
        await StatementsAsync(host, ConfirmQuarter, [(partners[0], 1), (partners[1], 3), (partners[2], 2)]);
        using var browser = await BackOfficeAsync();
        var list = $"/provision/freigabe?quarter={ConfirmQuarter}&sort=partner&dir=asc&page=1";
        var before = await PageAsync(browser, list);
        // No form posts from the list itself: the button opens the confirmation.
        Assert.DoesNotContain($"action=\"/provision/freigabe/{ConfirmQuarter}/{partners[1]}\"", before, StringComparison.Ordinal);
        Assert.Contains($"href=\"/provision/freigabe?quarter={ConfirmQuarter}&amp;sort=partner&amp;dir=asc&amp;page=1&amp;confirm={partners[1]}#bestaetigen\"",
            Row(before, partners[1]), StringComparison.Ordinal);

        var confirm = await PageAsync(browser, $"{list}&confirm={partners[1]}");
        var section = confirm[confirm.IndexOf("data-testid=\"confirm\"", StringComparison.Ordinal)..];
        Assert.Contains("Bestätigung B", section, StringComparison.Ordinal);
        Assert.Contains("Q2 2078", section, StringComparison.Ordinal);
        Assert.Contains("300,75 €", section, StringComparison.Ordinal);
        Assert.Contains("name=\"revision\" value=\"1\"", section, StringComparison.Ordinal);
        Assert.Contains($"action=\"/provision/freigabe/{ConfirmQuarter}/{partners[1]}\"", section, StringComparison.Ordinal);
        Assert.DoesNotContain("beforeQuarterEnd", section, StringComparison.Ordinal);   // an ended (here: not running) quarter needs no box
        var token = await PortalHost.AntiforgeryTokenAsync(browser, $"{list}&confirm={partners[1]}");
        var post = $"/provision/freigabe/{ConfirmQuarter}/{partners[1]}";

        // Without the confirmed revision, or with a garbled one: 400, nothing approved.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(browser, post, token, [])).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(browser, post, token, [new("revision", "eins")])).StatusCode);
        Assert.Equal("draft", (await StatementAsync(ConfirmQuarter, partners[1])).GetProperty("status").GetString());

        // The statement changes meanwhile (a recalculation: revision 2): the confirmation of revision 1 is refused 409.
        Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/incentives/recalculations", ConfirmQuarter)).GetProperty("state").GetString());
        var stale = await PostFormAsync(browser, post, token, [new("revision", "1")]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("neu berechnet", await stale.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("draft", (await StatementAsync(ConfirmQuarter, partners[1])).GetProperty("status").GetString());
        Assert.Equal(0L, await ApprovalAuditsAsync(ConfirmQuarter, partners[1]));

        // Revision 2 confirmed: approved; back on the list in the same order and page, the row in place saying "freigegeben".
        var approved = await PostFormAsync(browser, post, token,
            [new("revision", "2"), new("sort", "partner"), new("dir", "asc"), new("page", "1")]);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal($"/provision/freigabe?quarter={ConfirmQuarter}&sort=partner&dir=asc&page=1&approved={partners[1]}", approved.Headers.Location!.OriginalString);
        var after = await PageAsync(browser, approved.Headers.Location.OriginalString);
        Assert.Equal(RowPartners(before), RowPartners(after));
        Assert.Contains("data-testid=\"row-approved\"", Row(after, partners[1]), StringComparison.Ordinal);
        Assert.Contains("Die Abrechnung von Bestätigung B ist freigegeben.", after, StringComparison.Ordinal);
        Assert.Equal("approved", (await StatementAsync(ConfirmQuarter, partners[1])).GetProperty("status").GetString());
        Assert.Equal(1L, await ApprovalAuditsAsync(ConfirmQuarter, partners[1]));
    }

    private Task<long> ApprovalAuditsAsync(string quarter, string partnerId) => host.ScalarAsync<long>(
        "select count(*) from audit.mt_doc_auditentry where strpos(data::text, $1) > 0 and strpos(data::text, 'statement.approved') > 0",
        $"statement {quarter}/{partnerId}\"");

    [Fact]
    public async Task The_running_quarter_is_approved_only_when_back_office_says_so_on_the_page_and_in_the_API()
    {
        var partners = new[] { await MoPartnerAsync(host, "Laufend A"), await MoPartnerAsync(host, "Laufend B"), await MoPartnerAsync(host, "Laufend C") };
        await StatementsAsync(host, RunningQuarter, [(partners[0], 1), (partners[1], 1), (partners[2], 1)]);
        var inside = new DateTimeOffset(2079, 5, 15, 12, 0, 0, TimeSpan.FromHours(2));
        var after = new DateTimeOffset(2079, 7, 1, 0, 30, 0, TimeSpan.FromHours(2));  // half an hour after the quarter's end, Berlin time
        using var admin = host.Admin();
        HttpRequestMessage Approve(string partner, object? body, DateTimeOffset now)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incentives/statements/{RunningQuarter}/{partner}/approve");
            if (body is not null) request.Content = JsonContent.Create(body);
            request.Headers.Add(RequestClock.Header, RequestClock.Format(now));
            return request;
        }

        // API: no body (an old client) inside the quarter → 409; a stale revision → 409; the flag → approved.
        var refused = await (await admin.SendAsync(Approve(partners[0], null, inside), Ct)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("beforeQuarterEnd", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await admin.SendAsync(Approve(partners[0], new { beforeQuarterEnd = false }, inside), Ct)).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.SendAsync(Approve(partners[0], new { beforeQuarterEnd = true, revision = 7 }, inside), Ct)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("draft", (await StatementAsync(RunningQuarter, partners[0])).GetProperty("status").GetString());
        var approved = await (await admin.SendAsync(Approve(partners[0], new { beforeQuarterEnd = true, revision = 1 }, inside), Ct)).JsonAsync();
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        // Once the quarter has ended, an old client's body-less approval works as before.
        Assert.Equal("approved", (await (await admin.SendAsync(Approve(partners[1], null, after), Ct)).JsonAsync()).GetProperty("status").GetString());

        // The page: the confirmation shows the box; without it 409, nothing approved; with it approved.
        using var browser = await BackOfficeAtAsync(inside);
        var list = $"/provision/freigabe?quarter={RunningQuarter}";
        var confirm = await PageAsync(browser, $"{list}&confirm={partners[2]}");
        Assert.Contains("name=\"beforeQuarterEnd\"", confirm, StringComparison.Ordinal);
        var token = await PortalHost.AntiforgeryTokenAsync(browser, list);
        var post = $"/provision/freigabe/{RunningQuarter}/{partners[2]}";
        var page = await PostFormAsync(browser, post, token, [new("revision", "1")]);
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("Das Quartal läuft noch", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var all = await PostFormAsync(browser, $"/provision/freigabe/{RunningQuarter}", token, [new("statement", $"{partners[2]}:1")]);
        Assert.Equal(HttpStatusCode.Conflict, all.StatusCode);
        Assert.Equal("draft", (await StatementAsync(RunningQuarter, partners[2])).GetProperty("status").GetString());
        var ok = await PostFormAsync(browser, post, token, [new("revision", "1"), new("beforeQuarterEnd", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("approved", (await StatementAsync(RunningQuarter, partners[2])).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Alle_freigeben_confirms_count_and_sum_skips_and_lists_open_appeals_and_approves_the_rest_once_each()
    {
        var partners = new[] { await MoPartnerAsync(host, "Alle A"), await MoPartnerAsync(host, "Alle B"), await MoPartnerAsync(host, "Alle C") };
        var (appealing, responses, key) = await Surveys.AppealTests.PartnerAsync(host, "2079-02-10T10:00:00+01:00");
        await StatementsAsync(host, AllQuarter, [(partners[0], 1), (partners[1], 2), (partners[2], 4), (appealing, 1)]);
        using (var client = host.WithKey(key)) await Surveys.AppealTests.FileAsync(client, responses[0]);
        using var browser = await BackOfficeAsync();
        var list = $"/provision/freigabe?quarter={AllQuarter}";

        var page = await PageAsync(browser, list);
        Assert.Contains($"href=\"/provision/freigabe?quarter={AllQuarter}&amp;sort=partner&amp;dir=asc&amp;page=1&amp;all=1#bestaetigen\"", page, StringComparison.Ordinal);
        var confirm = await PageAsync(browser, $"{list}&all=1");
        var section = confirm[confirm.IndexOf("data-testid=\"confirm-all\"", StringComparison.Ordinal)..];
        Assert.Contains("data-testid=\"confirm-count\">3<", section, StringComparison.Ordinal);
        Assert.Contains("701,75 €", section, StringComparison.Ordinal);                     // 7 contracts at 100,25 €
        Assert.Contains($"Partner {appealing}", section[..section.IndexOf("</section>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{appealing}:", section, StringComparison.Ordinal);
        foreach (var p in partners) Assert.Contains($"name=\"statement\" value=\"{p}:1\"", section, StringComparison.Ordinal);
        var token = await PortalHost.AntiforgeryTokenAsync(browser, list);
        var post = $"/provision/freigabe/{AllQuarter}";

        // Nothing confirmed, or garbage: 400, nothing approved.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(browser, post, token, [])).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(browser, post, token, [new("statement", partners[0])])).StatusCode);
        // A stale revision among them: 409, none approved (all or nothing on an out-of-date confirmation).
        var stale = await PostFormAsync(browser, post, token, [new("statement", $"{partners[0]}:1"), new("statement", $"{partners[1]}:2")]);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        foreach (var p in partners) Assert.Equal("draft", (await StatementAsync(AllQuarter, p)).GetProperty("status").GetString());

        // The confirmation as shown, with the appealing partner slipped in: it is skipped and named, the others approved.
        var fields = partners.Select(p => new KeyValuePair<string, string>("statement", $"{p}:1")).Append(new("statement", $"{appealing}:1")).ToArray();
        var done = await PostFormAsync(browser, post, token, fields);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.EndsWith("&done=3&already=0", done.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var after = await PageAsync(browser, done.Headers.Location.OriginalString);
        Assert.Contains("3 Abrechnungen freigegeben, 0 waren bereits freigegeben.", after, StringComparison.Ordinal);
        Assert.Contains($"Wegen offener Einsprüche übersprungen: <span translate=\"no\">Partner {appealing}</span>", after, StringComparison.Ordinal);
        foreach (var p in partners)
        {
            Assert.Equal("approved", (await StatementAsync(AllQuarter, p)).GetProperty("status").GetString());
            Assert.Equal(1L, await ApprovalAuditsAsync(AllQuarter, p));
        }
        Assert.Equal("draft", (await StatementAsync(AllQuarter, appealing)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Alle_freigeben_twice_at_once_approves_each_statement_once()
    {
        using var browser = await BackOfficeAsync();
        using var other = await BackOfficeAsync();
        var token = await PortalHost.AntiforgeryTokenAsync(browser, $"/provision/freigabe?quarter={RaceQuarter}");
        var otherToken = await PortalHost.AntiforgeryTokenAsync(other, $"/provision/freigabe?quarter={RaceQuarter}");
        for (var trial = 0; trial < 20; trial++)
        {
            // Fresh drafts each trial (the quarter's earlier ones are approved and stay so).
            var partners = new[] { await MoPartnerAsync(host, $"Rennen {trial} A"), await MoPartnerAsync(host, $"Rennen {trial} B") };
            await StatementsAsync(host, RaceQuarter, [(partners[0], 1), (partners[1], 2)]);
            var fields = partners.Select(p => new KeyValuePair<string, string>("statement", $"{p}:1")).ToArray();
            var answers = await Task.WhenAll(
                PostFormAsync(browser, $"/provision/freigabe/{RaceQuarter}", token, fields),
                PostFormAsync(other, $"/provision/freigabe/{RaceQuarter}", otherToken, fields));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
            var counts = answers.Select(a => Regex.Match(a.Headers.Location!.OriginalString, "done=(\\d+)&already=(\\d+)"))
                .Select(m => (Done: int.Parse(m.Groups[1].Value), Already: int.Parse(m.Groups[2].Value))).OrderBy(c => c.Done).ToArray();
            Assert.Equal(new[] { (0, 2), (2, 0) }, counts);
            foreach (var p in partners)
            {
                Assert.Equal("approved", (await StatementAsync(RaceQuarter, p)).GetProperty("status").GetString());
                Assert.Equal(1L, await ApprovalAuditsAsync(RaceQuarter, p));
            }
        }
    }

    [Fact]
    public async Task The_payout_CSV_keeps_its_bytes_and_the_Excel_variant_has_a_BOM_semicolons_decimal_commas_and_quoted_names()
    {
        var quoted = await MoPartnerAsync(host, "Müller; \"Mobil\" GmbH");
        var plain = await MoPartnerAsync(host, "=Formel Shop");
        await StatementsAsync(host, CsvQuarter, [(quoted, 2), (plain, 1)]);
        using var admin = host.Admin();

        var machine = await admin.GetAsync($"/api/v1/incentives/statements/{CsvQuarter}.csv", Ct);
        await machine.EnsureStatus(HttpStatusCode.OK);
        var bytes = await machine.Content.ReadAsByteArrayAsync(Ct);
        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("quarter,partnerId,revision,status,approvedAt,kind,category,count,amountEur\n", text, StringComparison.Ordinal);
        Assert.Contains($"\n{CsvQuarter},{quoted},1,draft,,base,mobile,2,200.50\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Müller", text, StringComparison.Ordinal);

        var excel = await admin.GetAsync($"/api/v1/incentives/statements/{CsvQuarter}.csv?format=excel-de", Ct);
        await excel.EnsureStatus(HttpStatusCode.OK);
        Assert.Equal("text/csv", excel.Content.Headers.ContentType!.MediaType);
        var excelBytes = await excel.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, excelBytes[..3]);
        var excelText = Encoding.UTF8.GetString(excelBytes[3..]);
        Assert.StartsWith("Quartal;Partner-ID;Partner;Revision;Status;Freigegeben am;Position;Kategorie;Anzahl;Betrag (EUR)\n", excelText, StringComparison.Ordinal);
        Assert.Contains($"\n{CsvQuarter};{quoted};\"Müller; \"\"Mobil\"\" GmbH\";1;Entwurf;;Grundprovision;Mobilfunk;2;200,50\n", excelText, StringComparison.Ordinal);
        Assert.Contains($"\n{CsvQuarter};{plain};'=Formel Shop;1;Entwurf;;Grundprovision;Mobilfunk;1;100,25\n", excelText, StringComparison.Ordinal);

        await (await admin.GetAsync($"/api/v1/incentives/statements/{CsvQuarter}.csv?format=xlsx", Ct)).ProblemAsync(HttpStatusCode.BadRequest);

        // Both are linked from Freigabe and open with the back-office login.
        using var browser = await BackOfficeAsync();
        var page = await PageAsync(browser, $"/provision/freigabe?quarter={CsvQuarter}");
        Assert.Contains($"href=\"/api/v1/incentives/statements/{CsvQuarter}.csv\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/incentives/statements/{CsvQuarter}.csv?format=excel-de\"", page, StringComparison.Ordinal);
        Assert.Equal(excelBytes, await browser.GetByteArrayAsync($"/api/v1/incentives/statements/{CsvQuarter}.csv?format=excel-de", Ct));
    }
}
