using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Foundation;

/// <summary>
/// The one list rule (API.md "Conventions", ADR 0040): every list answers <c>{ items, next }</c> and is paged with
/// <c>after</c> and <c>limit</c>. Walking a list with a limit smaller than its rows sees every row exactly once, in the list's
/// order, and no other partner's; a cursor this API did not give out, or a limit out of bounds, is 400. Owns the training
/// years 2062 (bookings) and 2063 (sessions) and partner ids <c>gc-…</c>.
/// </summary>
public sealed class ListPagingTests(PortalHost host)
{
    private const int BookingYear = 2062;
    private const int SessionYear = 2063;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string PartnerId, string ShopId)> PartnerAsync()
    {
        var partnerId = PartnerPortal.TestSupport.PortalTestHost.NewId("gc");
        var shopId = partnerId + "-s";
        using var admin = host.Admin();
        await (await admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}",
            new { name = "Partner " + partnerId, shops = new[] { new { shopId, name = "Shop", city = "Köln" } } }, Ct)).EnsureStatus(HttpStatusCode.Created);
        return (partnerId, shopId);
    }

    /// <summary>Follows <c>next</c> from the first page to the last; answers every page's items.</summary>
    private static async Task<List<JsonElement[]>> WalkAsync(HttpClient client, string url, string itemsField = "items")
    {
        var pages = new List<JsonElement[]>();
        string? after = null;
        do
        {
            var page = await (await client.GetAsync(url + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)), Ct)).JsonAsync();
            pages.Add(page.GetProperty(itemsField).EnumerateArray().ToArray());
            after = page.GetProperty("next").GetString();
            Assert.True(pages.Count <= 50, "next never ends");
        } while (after is not null);
        return pages;
    }

    private static string Forge(string raw) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(raw));

    private static async Task AssertRefusedAsync(HttpClient client, string url, string field) =>
        Assert.NotEmpty((await (await client.GetAsync(url, Ct)).ProblemAsync(HttpStatusCode.BadRequest)).Errors(field));

    [Fact]
    public async Task Audit_pages_with_after_and_limit_walk_every_entry_once_newest_first_and_keep_the_deprecated_shape()
    {
        var (partnerId, _) = await PartnerAsync();
        using var admin = host.Admin();
        for (var i = 0; i < 7; i++) await Training.TrainingData.AllocateAsync(admin, partnerId, 10m + i);
        var url = $"/api/v1/audit?action=wkz.allocated&partnerId={partnerId}&limit=3";

        var pages = await WalkAsync(admin, url);
        Assert.Equal([3, 3, 1], pages.Select(p => p.Length));
        var walked = pages.SelectMany(p => p).Select(e => e.GetProperty("id").GetGuid()).ToArray();
        var all = (await (await admin.GetAsync($"/api/v1/audit?action=wkz.allocated&partnerId={partnerId}&limit=500", Ct)).JsonAsync())
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToArray();
        Assert.Equal(7, all.Length);
        Assert.Equal(all, walked); // each once, in the list's order
        Assert.Equal(all.OrderDescending(), all); // newest first: version-7 ids grow with time

        // The shape before, for one release: 'entries' = 'items', 'nextCursor' pages with 'before'.
        var first = await (await admin.GetAsync(url, Ct)).JsonAsync();
        Assert.Equal(first.GetProperty("items").GetRawText(), first.GetProperty("entries").GetRawText());
        var old = await (await admin.GetAsync(url + "&before=" + first.GetProperty("nextCursor").GetString(), Ct)).JsonAsync();
        var viaAfter = await (await admin.GetAsync(url + "&after=" + Uri.EscapeDataString(first.GetProperty("next").GetString()!), Ct)).JsonAsync();
        Assert.Equal(viaAfter.GetProperty("items").GetRawText(), old.GetProperty("entries").GetRawText());

        // Garbled, forged (an id that is no entry id, or whose time disagrees with the id), both cursors, limits out of range.
        var next = first.GetProperty("next").GetString()!;
        Assert.True(TimeIdCursor.TryDecode(next, out var cursor));
        await AssertRefusedAsync(admin, url + "&after=not-a-cursor", "after");
        await AssertRefusedAsync(admin, url + "&after=" + Forge($"{cursor.At.UtcTicks}|p-1001"), "after");
        await AssertRefusedAsync(admin, url + "&after=" + TimeIdCursor.Encode(cursor.At.AddSeconds(-5), cursor.Id), "after");
        await AssertRefusedAsync(admin, url + "&after=" + TimeIdCursor.Encode(cursor.At, Guid.NewGuid().ToString()), "after");
        await AssertRefusedAsync(admin, url + "&after=" + Uri.EscapeDataString(next) + "&before=" + cursor.Id, "before");
        await AssertRefusedAsync(admin, url + "&before=garbage", "before");
        await AssertRefusedAsync(admin, $"/api/v1/audit?limit=0", "limit");
        await AssertRefusedAsync(admin, $"/api/v1/audit?limit=501", "limit");

        // The Protokoll page pages with 'after' too.
        var (boEmail, boPassword) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (backOffice, _) = await host.LoginAsync(boEmail, boPassword);
        using var _b = backOffice;
        var html = await backOffice.GetStringAsync($"/protokoll?partnerId={partnerId}&action=wkz.allocated&after={Uri.EscapeDataString(next)}", Ct);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(html, "data-action=\"wkz\\.allocated\"").Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await backOffice.GetAsync($"/protokoll?after=not-a-cursor", Ct)).StatusCode);
    }

    [Fact]
    public async Task Coaching_bookings_page_newest_date_first_each_once_and_a_partner_walks_only_its_own()
    {
        await Training.TrainingData.EnsureProgrammeAsync(host, BookingYear);
        var (a, shopA) = await PartnerAsync();
        var (b, shopB) = await PartnerAsync();
        using var admin = host.Admin();
        string[] dates = ["2062-03-02", "2062-05-04", "2062-05-04", "2062-05-04", "2062-07-01", "2062-01-15", "2062-07-01"];
        foreach (var date in dates)
        {
            await Training.TrainingData.BookAsync(admin, a, shopA, date: date);
            await Training.TrainingData.BookAsync(admin, b, shopB, date: date);
        }
        using var partnerA = host.WithKey(await host.CreateKeyAsync([Scopes.TrainingRead], a));

        foreach (var (client, url) in new[] { (partnerA, $"/api/v1/training/coaching-bookings?year={BookingYear}&limit=2"),
                     (admin, $"/api/v1/training/coaching-bookings?year={BookingYear}&partnerId={a}&limit=2") })
        {
            var pages = await WalkAsync(client, url);
            Assert.Equal([2, 2, 2, 1], pages.Select(p => p.Length));
            var walked = pages.SelectMany(p => p).ToArray();
            Assert.All(walked, x => Assert.Equal(a, x.GetProperty("partnerId").GetString()));
            var keys = walked.Select(x => (Date: x.GetProperty("date").GetString()!, Id: x.GetProperty("bookingId").GetString()!)).ToArray();
            Assert.Equal(dates.Length, keys.Select(k => k.Id).Distinct().Count());
            Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), keys.Select(k => k.Date));
            Assert.Equal(keys.OrderByDescending(k => k.Date, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal), keys);
        }

        // B's cursor positions A's walk but shows none of B's bookings.
        var ofB = await (await admin.GetAsync($"/api/v1/training/coaching-bookings?year={BookingYear}&partnerId={b}&limit=1", Ct)).JsonAsync();
        var fromB = await (await partnerA.GetAsync($"/api/v1/training/coaching-bookings?year={BookingYear}&limit=100&after="
                                                   + Uri.EscapeDataString(ofB.GetProperty("next").GetString()!), Ct)).JsonAsync();
        Assert.All(fromB.GetProperty("items").EnumerateArray(), x => Assert.Equal(a, x.GetProperty("partnerId").GetString()));

        var url2 = $"/api/v1/training/coaching-bookings?year={BookingYear}";
        await AssertRefusedAsync(admin, url2 + "&after=%%%", "after");
        await AssertRefusedAsync(admin, url2 + "&after=" + Forge("12345"), "after");
        await AssertRefusedAsync(admin, url2 + "&after=" + TimeIdCursor.Encode(new DateTimeOffset(2062, 5, 4, 13, 0, 0, TimeSpan.Zero), "cb-1"), "after");
        await AssertRefusedAsync(admin, url2 + "&limit=0", "limit");
        await AssertRefusedAsync(admin, url2 + "&limit=1001", "limit");
    }

    [Fact]
    public async Task Sessions_page_by_date_each_once()
    {
        using var admin = host.Admin();
        string[] dates = ["2063-04-01", "2063-02-01", "2063-04-01", "2063-09-30", "2063-04-01"];
        var ids = new List<string>();
        foreach (var date in dates)
            ids.Add((await (await admin.PostAsJsonAsync("/api/v1/training/sessions",
                new { title = "Perfect Pitch", date, place = "Köln", seats = 3, topic = "sales-conversation" }, Ct)).JsonAsync(HttpStatusCode.Created))
                .GetProperty("sessionId").GetString()!);

        var pages = await WalkAsync(admin, $"/api/v1/training/sessions?year={SessionYear}&limit=2");
        Assert.Equal([2, 2, 1], pages.Select(p => p.Length));
        var keys = pages.SelectMany(p => p).Select(x => (Date: x.GetProperty("date").GetString()!, Id: x.GetProperty("sessionId").GetString()!)).ToArray();
        Assert.Equal(ids.Order(StringComparer.Ordinal), keys.Select(k => k.Id).Order(StringComparer.Ordinal));
        Assert.Equal(keys.OrderBy(k => k.Date, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal), keys);

        await AssertRefusedAsync(admin, $"/api/v1/training/sessions?year={SessionYear}&after=" + Forge("x|y"), "after");
        await AssertRefusedAsync(admin, $"/api/v1/training/sessions?year={SessionYear}&limit=1001", "limit");
    }

    [Fact]
    public async Task WKZ_ledger_pages_newest_first_with_the_balance_on_every_page_and_a_cursor_of_its_own_partner_only()
    {
        var (a, _) = await PartnerAsync();
        var (b, _) = await PartnerAsync();
        using var admin = host.Admin();
        for (var i = 1; i <= 7; i++) await Training.TrainingData.AllocateAsync(admin, a, i);
        await Training.TrainingData.AllocateAsync(admin, b, 5m);
        await Training.TrainingData.AllocateAsync(admin, b, 5m);
        using var partnerA = host.WithKey(await host.CreateKeyAsync([Scopes.TrainingRead], a));

        var url = $"/api/v1/training/partners/{a}/wkz?limit=3";
        var pages = await WalkAsync(partnerA, url, "entries");
        Assert.Equal([3, 3, 1], pages.Select(p => p.Length));
        Assert.Equal([7L, 6, 5, 4, 3, 2, 1], pages.SelectMany(p => p).Select(e => e.GetProperty("sequence").GetInt64()));
        var first = await (await partnerA.GetAsync(url, Ct)).JsonAsync();
        var second = await (await partnerA.GetAsync(url + "&after=" + Uri.EscapeDataString(first.GetProperty("next").GetString()!), Ct)).JsonAsync();
        Assert.Equal(28m, first.GetProperty("balanceEur").GetDecimal());
        Assert.Equal(28m, second.GetProperty("balanceEur").GetDecimal()); // the head's balance, not the page's first entry's
        // Without a limit the answer is what it was: the newest 200 entries, nothing after them.
        var whole = await Training.TrainingData.WkzAsync(partnerA, a);
        Assert.Equal(7, whole.GetProperty("entries").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("next").ValueKind);

        var ofB = await (await admin.GetAsync($"/api/v1/training/partners/{b}/wkz?limit=1", Ct)).JsonAsync();
        await AssertRefusedAsync(partnerA, url + "&after=" + Uri.EscapeDataString(ofB.GetProperty("next").GetString()!), "after");
        await (await partnerA.GetAsync($"/api/v1/training/partners/{b}/wkz?limit=1", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await AssertRefusedAsync(partnerA, url + "&after=" + TimeIdCursor.Encode(DateTimeOffset.UtcNow, a + "/12"), "after");
        await AssertRefusedAsync(partnerA, url + "&after=bad", "after");
        await AssertRefusedAsync(partnerA, $"/api/v1/training/partners/{a}/wkz?limit=0", "limit");
    }
}
