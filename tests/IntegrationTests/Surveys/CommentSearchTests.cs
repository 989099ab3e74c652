using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using PartnerPortal.Surveys.Listing;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Surveys;

/// <summary>Kundenstimmen (issue 18): shop names, shop and partner filters, full-text search, count, paging both ways,
/// CSV export with the same filters, and partner isolation for all of it. Year 2075; partner ids start with <c>sh-</c>.</summary>
public sealed partial class CommentSearchTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Seeded(string A, string AShop1, string AShop2, string B, string BShop, string Tag, HttpClient AUser);

    /// <summary>Partner A: 30 praising comments at its first shop, 3 about waiting at its second (and one response without
    /// a comment); partner B: one about waiting with a secret word. Every comment carries a tag unique to the test.</summary>
    private async Task<Seeded> SeedAsync()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..8];
        var a = PortalHost.NewId("sh-a");
        var b = PortalHost.NewId("sh-b");
        string aShop1 = PortalHost.NewId("sh-s"), aShop2 = PortalHost.NewId("sh-s"), bShop = PortalHost.NewId("sh-s");
        using var admin = host.Admin();
        await PutPartnerAsync(admin, a, "Mobilfunk Sonnenschein", (aShop1, "Filiale Ehrenfeld", "Köln"), (aShop2, "Filiale Nippes", "Köln"));
        await PutPartnerAsync(admin, b, "Fremdfirma", (bShop, "Filiale Geheim", "Bonn"));
        var items = new List<object>();
        for (var i = 0; i < 30; i++)
            items.Add(Response($"{a}-p{i:00}", a, aShop1, respondedAt: $"2075-02-{1 + i % 27:00}T{8 + i % 10:00}:{i:00}:00+01:00", touchpoint: 10,
                comment: $"Freundliche Beratung {tag} Nummer {i}"));
        for (var i = 0; i < 3; i++)
            items.Add(Response($"{a}-w{i}", a, aShop2, respondedAt: $"2075-03-0{1 + i}T12:00:00+01:00", touchpoint: 3, comment: $"Lange Wartezeit {tag}"));
        items.Add(Response($"{a}-x", a, aShop2, respondedAt: "2075-03-05T12:00:00+01:00", touchpoint: 3, comment: null));
        items.Add(Response($"{b}-w", b, bShop, respondedAt: "2075-03-01T12:00:00+01:00", touchpoint: 2, comment: $"Lange Wartezeit {tag} Geheimnis"));
        var batch = await PostBatchAsync(admin, items);
        Assert.Equal(items.Count, batch.GetProperty("accepted").GetInt32());
        var (email, password) = await host.CreateUserAsync(Roles.Partner, a);
        var (user, _) = await host.LoginAsync(email, password);
        return new Seeded(a, aShop1, aShop2, b, bShop, tag, user);
    }

    internal static async Task PutPartnerAsync(HttpClient admin, string partnerId, string name, params (string Id, string Name, string City)[] shops) =>
        await (await admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}",
            new { name, shops = shops.Select(s => new { shopId = s.Id, name = s.Name, city = s.City }) }, Ct)).EnsureStatus(HttpStatusCode.Created);

    private static string[] ResponseIds(string html) => ResponseAttribute().Matches(html).Select(m => m.Groups[1].Value).ToArray();

    private static int Total(string html) => int.Parse(TotalAttribute().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string? Link(string html, string testId) =>
        Regex.Match(html, $"href=\"([^\"]+)\" data-testid=\"{testId}\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [Fact]
    public async Task Comments_show_shop_names_not_ids_and_the_count()
    {
        var s = await SeedAsync();
        using var _u = s.AUser;
        var html = await s.AUser.GetStringAsync($"/kundenstimmen?quarter=2075-Q1&q={s.Tag}", Ct);
        Assert.Equal(33, Total(html));
        Assert.Contains("33 Kommentare", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"shop-name\">Filiale Ehrenfeld (Köln)</span>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"shop-name\">Filiale Nippes (Köln)</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain($">{s.AShop1}<", html, StringComparison.Ordinal);
        Assert.DoesNotContain($">{s.AShop2}<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Geheimnis", html, StringComparison.Ordinal);
        // The shop picker offers the partner's own shops by name.
        Assert.Contains($"<option value=\"{s.AShop2}\">Filiale Nippes (Köln)</option>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_by_shop_and_searches_words_by_prefix_and_stem()
    {
        var s = await SeedAsync();
        using var _u = s.AUser;
        async Task<string[]> Ids(string query) => ResponseIds(await s.AUser.GetStringAsync($"/kundenstimmen?quarter=2075-Q1&{query}", Ct));

        Assert.Equal([$"{s.A}-w2", $"{s.A}-w1", $"{s.A}-w0"], await Ids($"shop={s.AShop2}&q={s.Tag}"));
        Assert.Equal([$"{s.A}-w2", $"{s.A}-w1", $"{s.A}-w0"], await Ids($"q=wartezeit+{s.Tag}"));
        Assert.Equal(3, (await Ids($"q=WARTE+{s.Tag}")).Length); // a word's beginning is enough, in any case
        Assert.Equal(25, (await Ids($"q=freundlich+{s.Tag}")).Length); // "Freundliche" by its German stem; 25 a page
        Assert.Equal(30, Total(await s.AUser.GetStringAsync($"/kundenstimmen?q=freundlich+{s.Tag}", Ct)));
        Assert.Empty(await Ids($"q=Geheimnis+{s.Tag}")); // B's word: A finds nothing
        Assert.Empty(await Ids($"shop={s.AShop1}&q=wartezeit+{s.Tag}"));
        Assert.Equal(3, (await Ids($"shop={s.AShop2}&dimension=touchpoint&detractors=true")).Length);
    }

    [Fact]
    public async Task Pages_go_back_and_forth_over_every_match_once()
    {
        var s = await SeedAsync();
        using var _u = s.AUser;
        var first = await s.AUser.GetStringAsync($"/kundenstimmen?q={s.Tag}", Ct);
        Assert.Null(Link(first, "newer"));
        var firstIds = ResponseIds(first);
        Assert.Equal(25, firstIds.Length);
        var second = await s.AUser.GetStringAsync(Link(first, "older")!, Ct);
        var secondIds = ResponseIds(second);
        Assert.Equal(8, secondIds.Length);
        Assert.Null(Link(second, "older"));
        Assert.Equal(33, Total(second));
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.Equal(33, firstIds.Concat(secondIds).Distinct().Count());
        var back = await s.AUser.GetStringAsync(Link(second, "newer")!, Ct);
        Assert.Equal(firstIds, ResponseIds(back));
        Assert.Null(Link(back, "newer"));
        Assert.NotNull(Link(back, "older"));
    }

    [Fact]
    public async Task A_partner_cannot_filter_onto_another_partners_shop_or_partner_on_the_page_or_in_the_export()
    {
        var s = await SeedAsync();
        using var _u = s.AUser;
        Assert.Equal(HttpStatusCode.NotFound, (await s.AUser.GetAsync($"/kundenstimmen?shop={s.BShop}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.AUser.GetAsync($"/kundenstimmen?shop=sh-no-such-shop", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.AUser.GetAsync($"/kundenstimmen?partner={s.B}", Ct)).StatusCode);
        await (await s.AUser.GetAsync($"/kundenstimmen/export?shop={s.BShop}", Ct)).ProblemAsync(HttpStatusCode.NotFound);
        await (await s.AUser.GetAsync($"/kundenstimmen/export?partner={s.B}", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        var csv = await s.AUser.GetStringAsync($"/kundenstimmen/export?q={s.Tag}", Ct);
        Assert.DoesNotContain("Geheimnis", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(s.B, csv, StringComparison.Ordinal);
        Assert.Equal(34, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 33

        // Back office: any partner, and a shop only with its partner.
        using var admin = host.Admin();
        var (email, password) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (office, _) = await host.LoginAsync(email, password);
        using var _o = office;
        var both = await office.GetStringAsync($"/kundenstimmen?q=wartezeit+{s.Tag}", Ct);
        Assert.Equal(4, Total(both));
        Assert.Contains("Fremdfirma", both, StringComparison.Ordinal); // partners by name
        Assert.Equal([$"{s.B}-w"], ResponseIds(await office.GetStringAsync($"/kundenstimmen?partner={s.B}&shop={s.BShop}&q={s.Tag}", Ct)));
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/kundenstimmen?partner={s.A}&shop={s.BShop}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await office.GetAsync($"/kundenstimmen?shop={s.BShop}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_export_lists_the_filtered_comments_as_csv_and_for_German_Excel()
    {
        var s = await SeedAsync();
        using var _u = s.AUser;
        var page = await s.AUser.GetStringAsync($"/kundenstimmen?shop={s.AShop2}&q={s.Tag}", Ct);
        var standard = await s.AUser.GetAsync(Link(page, "export-csv")!, Ct);
        Assert.Equal(HttpStatusCode.OK, standard.StatusCode);
        Assert.Equal("text/csv", standard.Content.Headers.ContentType?.MediaType);
        var lines = (await standard.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("responseId,respondedAt,quarter,partnerId,partnerName,shopId,shopName,", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{s.A}-w2,2075-03-03T11:00:00Z,2075-Q1,{s.A},Mobilfunk Sonnenschein,{s.AShop2},Filiale Nippes (Köln),private,partner-shop,9,8,3,Lange Wartezeit {s.Tag},",
            lines[1], StringComparison.Ordinal);

        var excel = await s.AUser.GetAsync(Link(page, "export-excel")!, Ct);
        var bytes = await excel.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var german = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Antwort-ID;Datum;Quartal;Partner-ID;Partner;Standort-ID;Standort;", german[0], StringComparison.Ordinal);
        Assert.StartsWith($"{s.A}-w2;03.03.2075, 12:00 Uhr;2075-Q1;{s.A};Mobilfunk Sonnenschein;{s.AShop2};Filiale Nippes (Köln);Privatkunde;", german[1], StringComparison.Ordinal);
        Assert.Equal(4, german.Length);
    }

    [Theory]
    [InlineData("q=%21%21%21", "q")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("before=not-a-cursor", "before")]
    [InlineData("quarter=2075-Q9", "quarter")]
    [InlineData("dimension=mood", "dimension")]
    [InlineData("partner=%27%3Bdrop", "partner")]
    public async Task Invalid_filters_are_400_on_the_page_and_in_the_export(string query, string field)
    {
        var s = await SeedAsync();
        using var _u = s.AUser;
        // A client that is no browser gets problem details; a browser (Accept: text/html) the page with its message.
        Assert.NotEmpty((await (await s.AUser.GetAsync($"/kundenstimmen?{query}", Ct)).ProblemAsync(HttpStatusCode.BadRequest)).Errors(field));
        using var asPage = new HttpRequestMessage(HttpMethod.Get, $"/kundenstimmen?{query}");
        asPage.Headers.Accept.ParseAdd("text/html");
        var page = await s.AUser.SendAsync(asPage, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        // A malformed quarter is refused at the edge already, with the 400 page (ADR 0030); the rest by the page itself.
        Assert.Contains(field == "quarter" ? "data-testid=\"status-page\"" : "data-testid=\"filter-error\"", html, StringComparison.Ordinal);
        if (field is "after" or "before") return; // the export has no cursors: it lists every match
        var problem = await (await s.AUser.GetAsync($"/kundenstimmen/export?{query}", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors(field));
        var tooLong = await s.AUser.GetAsync("/kundenstimmen?q=" + new string('a', SearchComments.MaxSearchLength + 1), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    /// <summary>The search's condition meets the GIN index's expression and predicate (ADR 0044, ADR 0050): with
    /// sequential scans off, PostgreSQL reads the index for the search's own WHERE clause (else a search over a million
    /// responses would read every comment).</summary>
    [Fact]
    public async Task The_search_uses_the_full_text_index()
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var off = new Npgsql.NpgsqlCommand("set enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync(Ct);
        var (where, parameters) = SearchComments.Where(new CommentFilter(null, null, null, null, null, false, "wartezeit", SearchComments.TsQuery("wartezeit"), null, null));
        var n = 0;
        await using var explain = new Npgsql.NpgsqlCommand(
            "explain select id from surveys.mt_doc_surveyresponse " + Regex.Replace(where, @"\?", _ => "$" + ++n), connection);
        foreach (var value in parameters) explain.Parameters.AddWithValue(value);
        var plan = new StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) plan.AppendLine(reader.GetString(0));
        Assert.Contains("ix_surveyresponse_comment_fts", plan.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("data-response=\"([^\"]+)\"")]
    private static partial Regex ResponseAttribute();

    [GeneratedRegex("data-total=\"([0-9]+)\"")]
    private static partial Regex TotalAttribute();
}
