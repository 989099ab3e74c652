using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Training.TrainingData;

namespace PartnerPortal.IntegrationTests.Training;

/// <summary>Coaching bookings: validation, lifecycle, charges with and without WKZ, partner confinement. Programme year 2034:
/// day rate 1,234.57 €, partner share 45 %.</summary>
public sealed class CoachingBookingTests(PortalHost host) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await EnsureProgrammeAsync(host);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_booking_is_requested_confirmed_and_delivered_with_charges_rounded_to_cents_and_half_paid_from_WKZ()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, 1000m);

        var booking = await BookAsync(admin, partnerId, shops[0], days: 1.5m, wkzPercent: 50);
        Assert.Equal("requested", booking.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, booking.GetProperty("charges").ValueKind);
        var id = booking.GetProperty("bookingId").GetString()!;

        Assert.Equal("confirmed", (await ActAsync(admin, id, "confirm")).GetProperty("status").GetString());
        var delivered = await ActAsync(admin, id, "deliver");
        Assert.Equal("delivered", delivered.GetProperty("status").GetString());
        var charges = delivered.GetProperty("charges");
        // 1.5 × 1,234.57 = 1,851.855 → 1,851.86; partner 45 % = 833.33475 → 833.33; WKZ 50 % of 833.33 = 416.665 → 416.67.
        Assert.Equal(1851.86m, charges.GetProperty("totalEur").GetDecimal());
        Assert.Equal(833.33m, charges.GetProperty("partnerEur").GetDecimal());
        Assert.Equal(1018.53m, charges.GetProperty("operatorEur").GetDecimal());
        Assert.Equal(416.67m, charges.GetProperty("wkzEur").GetDecimal());
        Assert.Equal(416.66m, charges.GetProperty("invoicedEur").GetDecimal());

        var wkz = await WkzAsync(admin, partnerId);
        Assert.Equal(583.33m, wkz.GetProperty("balanceEur").GetDecimal());
        var entry = wkz.GetProperty("entries")[0];
        Assert.Equal("charge", entry.GetProperty("kind").GetString());
        Assert.Equal(-416.67m, entry.GetProperty("amountEur").GetDecimal());
        Assert.Equal(id, entry.GetProperty("bookingId").GetString());
    }

    [Fact]
    public async Task WKZ_pays_at_most_the_balance_and_nothing_without_a_WKZ_share()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, 100m);

        var capped = (await BookAsync(admin, partnerId, shops[0], days: 1.5m, wkzPercent: 100)).GetProperty("bookingId").GetString()!;
        await ActAsync(admin, capped, "confirm");
        var charges = (await ActAsync(admin, capped, "deliver")).GetProperty("charges");
        Assert.Equal(100m, charges.GetProperty("wkzEur").GetDecimal());
        Assert.Equal(733.33m, charges.GetProperty("invoicedEur").GetDecimal());
        Assert.Equal(0m, (await WkzAsync(admin, partnerId)).GetProperty("balanceEur").GetDecimal());

        await AllocateAsync(admin, partnerId, 500m);
        var without = (await BookAsync(admin, partnerId, shops[0], days: 1m, wkzPercent: 100)).GetProperty("bookingId").GetString()!;
        await ActAsync(admin, without, "confirm");
        // The delivery's wkzPercent overrides the booking's choice.
        charges = (await ActAsync(admin, without, "deliver", new { wkzPercent = 0 })).GetProperty("charges");
        Assert.Equal(1234.57m, charges.GetProperty("totalEur").GetDecimal());
        Assert.Equal(555.56m, charges.GetProperty("partnerEur").GetDecimal());
        Assert.Equal(679.01m, charges.GetProperty("operatorEur").GetDecimal());
        Assert.Equal(0m, charges.GetProperty("wkzEur").GetDecimal());
        Assert.Equal(555.56m, charges.GetProperty("invoicedEur").GetDecimal());
        Assert.Equal(500m, (await WkzAsync(admin, partnerId)).GetProperty("balanceEur").GetDecimal());
    }

    [Fact]
    public async Task Illegal_moves_are_409_and_change_nothing()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var id = (await BookAsync(admin, partnerId, shops[0])).GetProperty("bookingId").GetString()!;

        await ActAsync(admin, id, "deliver", expected: HttpStatusCode.Conflict); // not confirmed
        await ActAsync(admin, id, "confirm");
        await ActAsync(admin, id, "confirm", expected: HttpStatusCode.Conflict);
        await ActAsync(admin, id, "deliver");
        await ActAsync(admin, id, "deliver", expected: HttpStatusCode.Conflict); // twice
        await ActAsync(admin, id, "cancel", expected: HttpStatusCode.Conflict); // after delivery

        var cancelled = (await BookAsync(admin, partnerId, shops[0])).GetProperty("bookingId").GetString()!;
        await ActAsync(admin, cancelled, "cancel");
        await ActAsync(admin, cancelled, "confirm", expected: HttpStatusCode.Conflict);
        await ActAsync(admin, cancelled, "deliver", expected: HttpStatusCode.Conflict);
        await ActAsync(admin, cancelled, "cancel", expected: HttpStatusCode.Conflict);

        var stored = await (await admin.GetAsync($"/api/v1/training/coaching-bookings/{cancelled}", Ct)).JsonAsync();
        Assert.Equal("cancelled", stored.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("charges").ValueKind);
        Assert.Equal(3L, await host.ScalarAsync<long>("select count(*) from training.mt_doc_bookingchange where data->>'bookingId' = $1", id));
        await ActAsync(admin, "cb-does-not-exist", "confirm", expected: HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("days", 0.75)]
    [InlineData("days", 0.0)]
    [InlineData("days", 10.5)]
    [InlineData("participants", 0.0)]
    [InlineData("wkzPercent", 101.0)]
    [InlineData("topic", null)]
    [InlineData("date", null)]
    public async Task Invalid_bookings_are_400_with_the_field_and_store_nothing(string field, double? value)
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        var body = new Dictionary<string, object?>
        {
            ["partnerId"] = partnerId, ["shopId"] = shops[0], ["date"] = "2034-06-15", ["topic"] = "sales-conversation", ["days"] = 1,
            ["participants"] = 5, ["wkzPercent"] = 0,
        };
        body[field] = field switch { "topic" => "cold-calling", "date" => "2099-06-15", _ => value };
        using var admin = host.Admin();
        var problem = await (await admin.PostAsJsonAsync("/api/v1/training/coaching-bookings", body, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors(field));
        Assert.Equal(0, (await (await admin.GetAsync($"/api/v1/training/coaching-bookings?partnerId={partnerId}", Ct)).JsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_shop_of_another_partner_and_an_unknown_partner_are_refused()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (_, otherShops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/training/coaching-bookings",
            new { partnerId, shopId = otherShops[0], date = "2034-06-15", topic = "sales-conversation", days = 1, participants = 3 }, Ct);
        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors("shopId"));
        response = await admin.PostAsJsonAsync("/api/v1/training/coaching-bookings",
            new { partnerId = "p-unknown-x", shopId = otherShops[0], date = "2034-06-15", topic = "sales-conversation", days = 1, participants = 3 }, Ct);
        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors("partnerId"));
    }

    [Fact]
    public async Task A_partner_books_for_itself_only_from_today_and_never_sees_another_partners_bookings_or_WKZ()
    {
        var (a, shopsA) = await host.CreatePartnerAsync();
        var (b, shopsB) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var bookingOfB = (await BookAsync(admin, b, shopsB[0])).GetProperty("bookingId").GetString()!;
        using var partnerA = host.WithKey(await host.CreateKeyAsync([Scopes.TrainingRead, Scopes.TrainingWrite], a));

        var own = (await BookAsync(partnerA, a, shopsA[0])).GetProperty("bookingId").GetString()!;
        var response = await partnerA.PostAsJsonAsync("/api/v1/training/coaching-bookings",
            new { partnerId = b, shopId = shopsB[0], date = "2034-06-15", topic = "sales-conversation", days = 1, participants = 3 }, Ct);
        await response.ProblemAsync(HttpStatusCode.Forbidden);
        response = await partnerA.PostAsJsonAsync("/api/v1/training/coaching-bookings",
            new { partnerId = a, shopId = shopsA[0], date = "2024-06-15", topic = "sales-conversation", days = 1, participants = 3 }, Ct);
        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors("date"));

        await (await partnerA.GetAsync($"/api/v1/training/coaching-bookings/{bookingOfB}", Ct)).ProblemAsync(HttpStatusCode.NotFound);
        await (await partnerA.PostAsJsonAsync($"/api/v1/training/coaching-bookings/{bookingOfB}/cancel", new { }, Ct)).ProblemAsync(HttpStatusCode.NotFound);
        await (await partnerA.GetAsync($"/api/v1/training/partners/{b}/wkz", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await partnerA.GetAsync($"/api/v1/training/coaching-bookings?partnerId={b}", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        var listed = await (await partnerA.GetAsync("/api/v1/training/coaching-bookings", Ct)).JsonAsync();
        Assert.Equal([own], listed.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("bookingId").GetString()));
        // A partner may cancel its own booking but not confirm or deliver it.
        await (await partnerA.PostAsJsonAsync($"/api/v1/training/coaching-bookings/{own}/confirm", new { }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("cancelled", (await ActAsync(partnerA, own, "cancel")).GetProperty("status").GetString());
        Assert.Equal("requested", (await (await admin.GetAsync($"/api/v1/training/coaching-bookings/{bookingOfB}", Ct)).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_programme_must_have_a_topic_mix_summing_to_100_and_sane_rates()
    {
        using var admin = host.Admin();
        var response = await admin.PutAsJsonAsync("/api/v1/training/programmes/2036", new
        {
            targetCoachingDays = 100.25, topicMix = new Dictionary<string, decimal> { ["sales-conversation"] = 70, ["leadership-motivation"] = 20 },
            coachingDayRateEur = -1, partnerSharePercent = 120,
        }, Ct);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors("topicMix"));
        Assert.NotEmpty(problem.Errors("targetCoachingDays"));
        Assert.NotEmpty(problem.Errors("coachingDayRateEur"));
        Assert.NotEmpty(problem.Errors("partnerSharePercent"));
        response = await admin.PutAsJsonAsync("/api/v1/training/programmes/2036", new
        {
            targetCoachingDays = 100, topicMix = new Dictionary<string, decimal> { ["sales-conversation"] = 100, ["cold-calling"] = 0 },
            coachingDayRateEur = 10, partnerSharePercent = 50,
        }, Ct);
        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors("topicMix.cold-calling"));
        await (await admin.GetAsync("/api/v1/training/programmes/2036", Ct)).ProblemAsync(HttpStatusCode.NotFound);

        await EnsureProgrammeAsync(host, 2037);
        var programme = await (await admin.GetAsync("/api/v1/training/programmes/2037", Ct)).JsonAsync();
        Assert.Equal(70m, programme.GetProperty("topicMix").GetProperty("sales-conversation").GetDecimal());
        Assert.Equal(1234.57m, programme.GetProperty("coachingDayRateEur").GetDecimal());
    }
}
