using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.TestSupport;
using static PartnerPortal.IntegrationTests.Training.TrainingData;

namespace PartnerPortal.IntegrationTests.Training;

/// <summary>
/// WKZ honesty (issue 18, ADR 0046): open bookings earmark at most what is available, also when requested at the same
/// moment; a balance that drops shrinks the earmarks; every booking shows its earmark and expected invoice; the price
/// preview; delivery never before the booking's date (Berlin). Programme years 2083–2085, partners <c>wz-…</c>.
/// Rates: 1 day × 1,234.57 € × 45 % = 555.56 € partner share.
/// </summary>
public sealed class WkzHonestyTests(PortalHost host) : IAsyncLifetime
{
    private const int Year = 2083;
    private const int DateYear = 2084;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await EnsureProgrammeAsync(host, Year);
        await EnsureProgrammeAsync(host, DateYear);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<(string PartnerId, string[] ShopIds)> PartnerAsync() => host.CreatePartnerAsync(prefix: "wz");

    private static async Task<string> BookIdAsync(HttpClient client, string partnerId, string shopId, decimal wkzPercent = 100, decimal days = 1m, string? date = null) =>
        (await BookAsync(client, partnerId, shopId, days: days, wkzPercent: wkzPercent, date: date ?? $"{Year}-05-04")).GetProperty("bookingId").GetString()!;

    private static async Task<JsonElement> BookingAsync(HttpClient client, string bookingId) =>
        await (await client.GetAsync($"/api/v1/training/coaching-bookings/{bookingId}", Ct)).JsonAsync();

    private static (decimal Earmark, decimal? Invoice) Money(JsonElement booking) =>
        (booking.GetProperty("earmarkEur").GetDecimal(),
            booking.GetProperty("expectedInvoiceEur").ValueKind == JsonValueKind.Null ? null : booking.GetProperty("expectedInvoiceEur").GetDecimal());

    [Fact]
    public async Task Earmarks_never_exceed_the_balance_and_what_is_not_earmarked_is_the_expected_invoice()
    {
        var (partnerId, shops) = await PartnerAsync();
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, 1000m);
        var first = await BookIdAsync(admin, partnerId, shops[0]);
        var second = await BookIdAsync(admin, partnerId, shops[0]);
        var third = await BookIdAsync(admin, partnerId, shops[0], wkzPercent: 50);

        Assert.Equal((555.56m, 0m), Money(await BookingAsync(admin, first)));
        Assert.Equal((444.44m, 111.12m), Money(await BookingAsync(admin, second))); // capped by what is left: 1,000 − 555.56
        Assert.Equal((0m, 555.56m), Money(await BookingAsync(admin, third)));      // nothing left: all of its share is invoiced
        var account = await WkzAsync(admin, partnerId);
        Assert.Equal((1000m, 1000m, 0m), (account.GetProperty("balanceEur").GetDecimal(), account.GetProperty("reservedEur").GetDecimal(),
            account.GetProperty("availableEur").GetDecimal()));

        // The list answers the same money per booking.
        var list = (await (await admin.GetAsync($"/api/v1/training/coaching-bookings?partnerId={partnerId}", Ct)).JsonAsync()).GetProperty("items").EnumerateArray()
            .ToDictionary(b => b.GetProperty("bookingId").GetString()!, Money);
        Assert.Equal((444.44m, (decimal?)111.12m), list[second]);

        // Cancelling the first frees its money: the later requests hold it now, in request order.
        await ActAsync(admin, first, "cancel");
        Assert.Equal((0m, 0m), Money(await BookingAsync(admin, first)));
        Assert.Equal((555.56m, 0m), Money(await BookingAsync(admin, second)));
        Assert.Equal((277.78m, 277.78m), Money(await BookingAsync(admin, third)));
        Assert.Equal(833.34m, (await WkzAsync(admin, partnerId)).GetProperty("reservedEur").GetDecimal());
    }

    [Fact]
    public async Task Six_bookings_requested_at_the_same_moment_never_earmark_more_than_the_balance_in_each_of_20_trials()
    {
        using var admin = host.Admin();
        for (var trial = 0; trial < 20; trial++)
        {
            var (partnerId, shops) = await PartnerAsync();
            await AllocateAsync(admin, partnerId, 1000m);
            using var start = new SemaphoreSlim(0);
            var bookings = Enumerable.Range(0, 6).Select(async _ =>
            {
                using var client = host.Admin();
                await start.WaitAsync(Ct);
                var response = await client.PostAsJsonAsync("/api/v1/training/coaching-bookings",
                    new { partnerId, shopId = shops[0], date = $"{Year}-05-04", topic = "sales-conversation", days = 1m, participants = 5, wkzPercent = 100 }, Ct);
                return await response.JsonAsync(HttpStatusCode.Created);
            }).ToArray();
            start.Release(6);
            var created = await Task.WhenAll(bookings);

            // Whatever the order: one holds all it wants, one the rest, four nothing; 1,000 in sum, never more.
            var earmarks = created.Select(b => b.GetProperty("earmarkEur").GetDecimal()).Order().ToArray();
            Assert.Equal([0m, 0m, 0m, 0m, 444.44m, 555.56m], earmarks);
            Assert.All(created, b => Assert.Equal(555.56m, b.GetProperty("earmarkEur").GetDecimal() + b.GetProperty("expectedInvoiceEur").GetDecimal()));
            var account = await WkzAsync(admin, partnerId);
            Assert.Equal((1000m, 0m), (account.GetProperty("reservedEur").GetDecimal(), account.GetProperty("availableEur").GetDecimal()));
        }
    }

    [Fact]
    public async Task Bookings_and_adjustments_racing_on_one_account_leave_earmarks_within_the_balance_in_each_of_20_trials()
    {
        using var admin = host.Admin();
        for (var trial = 0; trial < 20; trial++)
        {
            var (partnerId, shops) = await PartnerAsync();
            await AllocateAsync(admin, partnerId, 1000m);
            using var start = new SemaphoreSlim(0);
            var bookings = Enumerable.Range(0, 3).Select(async _ =>
            {
                using var client = host.Admin();
                await start.WaitAsync(Ct);
                (await client.PostAsJsonAsync("/api/v1/training/coaching-bookings",
                    new { partnerId, shopId = shops[0], date = $"{Year}-05-04", topic = "sales-conversation", days = 1m, participants = 5, wkzPercent = 100 }, Ct))
                    .EnsureSuccessStatusCode();
            });
            var adjustments = Enumerable.Range(0, 3).Select(async _ =>
            {
                using var client = host.Admin();
                await start.WaitAsync(Ct);
                var response = await client.PostAsJsonAsync($"/api/v1/training/partners/{partnerId}/wkz/adjustments", new { amountEur = -300, reason = "Korrektur" }, Ct);
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, response.StatusCode.ToString());
            });
            var all = bookings.Concat(adjustments).ToArray();
            start.Release(6);
            await Task.WhenAll(all);

            var account = await WkzAsync(admin, partnerId);
            var balance = account.GetProperty("balanceEur").GetDecimal();
            Assert.Equal(100m, balance); // three adjustments of 300 always fit
            Assert.Equal(balance, account.GetProperty("reservedEur").GetDecimal()); // three bookings want 1,666.68: all of the balance, never more
            Assert.Equal(0m, account.GetProperty("availableEur").GetDecimal());
        }
    }

    [Fact]
    public async Task A_balance_that_drops_shrinks_the_latest_earmarks_and_one_that_grows_lets_them_grow_again()
    {
        var (partnerId, shops) = await PartnerAsync();
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, 1200m);
        var first = await BookIdAsync(admin, partnerId, shops[0]);
        var second = await BookIdAsync(admin, partnerId, shops[0]);
        Assert.Equal((555.56m, 0m), Money(await BookingAsync(admin, second)));

        // An adjustment down to 700: the earlier request keeps its earmark, the later one holds what is left.
        var url = $"/api/v1/training/partners/{partnerId}/wkz/adjustments";
        await (await admin.PostAsJsonAsync(url, new { amountEur = -500, reason = "Korrektur" }, Ct)).EnsureStatus(HttpStatusCode.Created);
        Assert.Equal((555.56m, 0m), Money(await BookingAsync(admin, first)));
        Assert.Equal((144.44m, 411.12m), Money(await BookingAsync(admin, second)));
        Assert.Equal(700m, (await WkzAsync(admin, partnerId)).GetProperty("reservedEur").GetDecimal());

        // A delivery of another booking charges the balance (min(balance, wanted)): the open earmarks shrink to what is left.
        var other = await BookIdAsync(admin, partnerId, shops[0], wkzPercent: 50);
        await ActAsync(admin, other, "confirm");
        Assert.Equal(277.78m, (await ActAsync(admin, other, "deliver")).GetProperty("charges").GetProperty("wkzEur").GetDecimal());
        var account = await WkzAsync(admin, partnerId);
        Assert.Equal((422.22m, 422.22m), (account.GetProperty("balanceEur").GetDecimal(), account.GetProperty("reservedEur").GetDecimal()));
        Assert.Equal((422.22m, 133.34m), Money(await BookingAsync(admin, first)));
        Assert.Equal((0m, 555.56m), Money(await BookingAsync(admin, second)));

        // An allocation lets the held-back earmarks grow again.
        await AllocateAsync(admin, partnerId, 1000m);
        Assert.Equal((555.56m, 0m), Money(await BookingAsync(admin, first)));
        Assert.Equal((555.56m, 0m), Money(await BookingAsync(admin, second)));
    }

    [Fact]
    public async Task The_price_preview_answers_what_a_coaching_would_cost_and_earmark_now_and_stores_nothing()
    {
        var (partnerId, shops) = await PartnerAsync();
        var (otherPartner, _) = await PartnerAsync();
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, 1000m);
        await BookIdAsync(admin, partnerId, shops[0], wkzPercent: 100); // holds 555.56: 444.44 available

        var preview = await (await admin.GetAsync(
            $"/api/v1/training/coaching-bookings/price-preview?partnerId={partnerId}&date={Year}-06-01&days=2&wkzPercent=75", Ct)).JsonAsync();
        Assert.Equal(2469.14m, preview.GetProperty("totalEur").GetDecimal());     // 2 × 1,234.57
        Assert.Equal(1111.11m, preview.GetProperty("partnerEur").GetDecimal());   // 45 %
        Assert.Equal(833.33m, preview.GetProperty("wkzWantedEur").GetDecimal());  // 75 % of it
        Assert.Equal(444.44m, preview.GetProperty("availableEur").GetDecimal());
        Assert.Equal(444.44m, preview.GetProperty("earmarkEur").GetDecimal());    // what it would earmark now
        Assert.Equal(666.67m, preview.GetProperty("expectedInvoiceEur").GetDecimal());
        Assert.Equal(555.56m, (await WkzAsync(admin, partnerId)).GetProperty("reservedEur").GetDecimal()); // nothing stored
        Assert.Single((await (await admin.GetAsync($"/api/v1/training/coaching-bookings?partnerId={partnerId}", Ct)).JsonAsync()).GetProperty("items").EnumerateArray());

        // Bad input is 400 per field; another partner's preview is 403 for a partner-bound key.
        var problem = await (await admin.GetAsync($"/api/v1/training/coaching-bookings/price-preview?partnerId={partnerId}&date=2031-13-01&days=0.75&wkzPercent=101", Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors("date"));
        Assert.NotEmpty(problem.Errors("days"));
        Assert.NotEmpty(problem.Errors("wkzPercent"));
        using var bound = host.WithKey(await host.CreateKeyAsync([PartnerPortal.SharedKernel.Scopes.TrainingRead], partnerId));
        Assert.Equal(HttpStatusCode.OK, (await bound.GetAsync($"/api/v1/training/coaching-bookings/price-preview?partnerId={partnerId}&date={Year}-06-01&days=1", Ct)).StatusCode);
        await (await bound.GetAsync($"/api/v1/training/coaching-bookings/price-preview?partnerId={otherPartner}&date={Year}-06-01&days=1", Ct))
            .ProblemAsync(HttpStatusCode.Forbidden);
    }

    public static TheoryData<string, string, bool> MidnightEdges => new()
    {
        // Booking dated 2084-03-10 (CET, UTC+1) and 2084-07-10 (CEST, UTC+2): Berlin midnight is the edge, not UTC's.
        { "2084-03-10", "2084-03-09T22:59:59Z", false },
        { "2084-03-10", "2084-03-09T23:00:00Z", true },
        { "2084-07-10", "2084-07-09T21:59:59Z", false },
        { "2084-07-10", "2084-07-09T22:00:00Z", true },
        { "2084-07-10", "2084-07-10T12:00:00Z", true },
        { "2084-01-05", "2084-02-01T09:00:00Z", true }, // recorded after the fact
    };

    [Theory]
    [MemberData(nameof(MidnightEdges))]
    public async Task A_booking_is_delivered_on_or_after_its_date_in_Berlin_never_before(string date, string now, bool deliverable)
    {
        var (partnerId, shops) = await PartnerAsync();
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, 1000m);
        var id = await BookIdAsync(admin, partnerId, shops[0], wkzPercent: 50, date: date);
        await ActAsync(admin, id, "confirm");
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        if (deliverable)
        {
            Assert.Equal("delivered", (await ActAsync(admin, id, "deliver", now: at)).GetProperty("status").GetString());
            Assert.Equal(722.22m, (await WkzAsync(admin, partnerId)).GetProperty("balanceEur").GetDecimal());
            return;
        }
        var problem = await ActAsync(admin, id, "deliver", expected: HttpStatusCode.Conflict, now: at);
        Assert.Contains($"dated {date}", problem.GetProperty("detail").GetString());
        var booking = await BookingAsync(admin, id);
        Assert.Equal("confirmed", booking.GetProperty("status").GetString());
        Assert.Equal((277.78m, 277.78m), Money(booking));
        var account = await WkzAsync(admin, partnerId);
        Assert.Equal((1000m, 1), (account.GetProperty("balanceEur").GetDecimal(), account.GetProperty("entries").GetArrayLength()));
    }

    [Fact]
    public async Task A_delivery_that_expects_other_amounts_than_it_would_charge_is_409_and_changes_nothing()
    {
        var (partnerId, shops) = await PartnerAsync();
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, 200m);
        var id = await BookIdAsync(admin, partnerId, shops[0], wkzPercent: 50, date: $"{Year}-02-01");
        await ActAsync(admin, id, "confirm");
        // 277.78 wanted, 200 on the account: WKZ 200, invoice 355.56.
        var problem = await ActAsync(admin, id, "deliver", new { expectedWkzEur = 277.78, expectedInvoiceEur = 277.78 }, HttpStatusCode.Conflict);
        Assert.Contains("WKZ 200.00 EUR, invoice 355.56 EUR", problem.GetProperty("detail").GetString());
        Assert.Equal("confirmed", (await BookingAsync(admin, id)).GetProperty("status").GetString());
        Assert.Equal(200m, (await WkzAsync(admin, partnerId)).GetProperty("balanceEur").GetDecimal());
        var delivered = await ActAsync(admin, id, "deliver", new { expectedWkzEur = 200, expectedInvoiceEur = 355.56 });
        Assert.Equal((200m, 355.56m), (delivered.GetProperty("charges").GetProperty("wkzEur").GetDecimal(),
            delivered.GetProperty("charges").GetProperty("invoicedEur").GetDecimal()));
        Assert.Equal((0m, 355.56m), Money(delivered));
    }
}
