using System.Net;
using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.Training.TrainingData;

namespace PartnerPortal.IntegrationTests.Training;

/// <summary>The WKZ ledger: allocations, adjustments, and a balance that never goes negative, also under concurrent deliveries.</summary>
public sealed class WkzTests(PortalHost host) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await EnsureProgrammeAsync(host);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Ten_deliveries_for_one_partner_at_the_same_moment_never_take_more_than_the_balance()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, 1100m);
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            // 1 day: partner share 555.56 €, of which WKZ should pay 50 % = 277.78 €; ten of them want 2,777.80 €.
            var id = (await BookAsync(admin, partnerId, shops[0], days: 1m, wkzPercent: 50)).GetProperty("bookingId").GetString()!;
            await ActAsync(admin, id, "confirm");
            ids.Add(id);
        }

        using var start = new SemaphoreSlim(0);
        var deliveries = ids.Select(async id =>
        {
            using var client = host.Admin();
            await start.WaitAsync(Ct);
            return await (await client.SendAsync(ActRequest(id, "deliver"), Ct)).JsonAsync();
        }).ToArray();
        start.Release(ids.Count);
        var charges = (await Task.WhenAll(deliveries)).Select(d => d.GetProperty("charges")).ToArray();

        // In whatever order: three pay 277.78 in full (833.34), one gets the remaining 266.66, six get nothing.
        var wkz = charges.Select(c => c.GetProperty("wkzEur").GetDecimal()).Order().ToArray();
        Assert.Equal([0m, 0m, 0m, 0m, 0m, 0m, 266.66m, 277.78m, 277.78m, 277.78m], wkz);
        Assert.All(charges, c => Assert.Equal(c.GetProperty("partnerEur").GetDecimal(), c.GetProperty("wkzEur").GetDecimal() + c.GetProperty("invoicedEur").GetDecimal()));
        var account = await WkzAsync(admin, partnerId);
        Assert.Equal(0m, account.GetProperty("balanceEur").GetDecimal());
        var entries = account.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(5, entries.Length); // the allocation and four charges, numbered without gaps
        Assert.Equal([5L, 4L, 3L, 2L, 1L], entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.All(entries, e => Assert.True(e.GetProperty("balanceAfterEur").GetDecimal() >= 0));
        Assert.Equal(0m, entries.Sum(e => e.GetProperty("amountEur").GetDecimal()));
        // The ledger's text names the coaching as a person would: one day is "1 Tag".
        Assert.All(entries.Where(e => e.GetProperty("kind").GetString() == "charge"),
            e => Assert.Equal("Coaching 15.06.2034 (1 Tag, Verkaufsgespräch)", e.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Allocations_and_adjustments_are_validated_and_an_adjustment_below_zero_is_refused()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var url = $"/api/v1/training/partners/{partnerId}/wkz";
        var problem = await (await admin.PostAsJsonAsync(url + "/allocations", new { amountEur = -5, reason = "" }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors("amountEur"));
        Assert.NotEmpty(problem.Errors("reason"));
        Assert.NotEmpty((await (await admin.PostAsJsonAsync(url + "/allocations", new { amountEur = 10.001, reason = "x" }, Ct))
            .ProblemAsync(HttpStatusCode.BadRequest)).Errors("amountEur"));
        await (await admin.PostAsJsonAsync("/api/v1/training/partners/p-unknown-x/wkz/allocations", new { amountEur = 5, reason = "x" }, Ct))
            .ProblemAsync(HttpStatusCode.NotFound);

        await AllocateAsync(admin, partnerId, 250m);
        await (await admin.PostAsJsonAsync(url + "/adjustments", new { amountEur = -250.01, reason = "Korrektur" }, Ct)).ProblemAsync(HttpStatusCode.Conflict);
        var adjusted = await (await admin.PostAsJsonAsync(url + "/adjustments", new { amountEur = -50.5, reason = "Korrektur" }, Ct)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(199.5m, adjusted.GetProperty("balanceAfterEur").GetDecimal());
        var account = await WkzAsync(admin, partnerId);
        Assert.Equal(199.5m, account.GetProperty("balanceEur").GetDecimal());
        Assert.Equal(["adjustment", "allocation"], account.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Open_bookings_earmark_WKZ_so_the_available_amount_drops_at_booking_time()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, 1000m);
        await BookAsync(admin, partnerId, shops[0], days: 1m, wkzPercent: 50);
        var account = await WkzAsync(admin, partnerId);
        Assert.Equal(1000m, account.GetProperty("balanceEur").GetDecimal());
        Assert.Equal(277.78m, account.GetProperty("reservedEur").GetDecimal());
        Assert.Equal(722.22m, account.GetProperty("availableEur").GetDecimal());
    }

    [Fact]
    public async Task A_new_programme_rate_re_prices_what_open_bookings_earmark_but_not_what_is_delivered_or_cancelled()
    {
        const int year = 2045; // this test's own programme year (2041 is the route sweep's)
        await EnsureProgrammeAsync(host, year);
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, 5000m);
        await BookAsync(admin, partnerId, shops[0], days: 1m, wkzPercent: 50, date: $"{year}-06-15");   // 277.78 at 1,234.57 €
        var cancelled = (await BookAsync(admin, partnerId, shops[0], days: 2m, wkzPercent: 100, date: $"{year}-06-16")).GetProperty("bookingId").GetString()!;
        await ActAsync(admin, cancelled, "cancel");
        Assert.Equal(277.78m, (await WkzAsync(admin, partnerId)).GetProperty("reservedEur").GetDecimal());

        var response = await admin.PutAsJsonAsync($"/api/v1/training/programmes/{year}", new
        {
            targetCoachingDays = 100, topicMix = new Dictionary<string, decimal> { ["sales-conversation"] = 100 }, coachingDayRateEur = 2000,
            partnerSharePercent = 50,
        }, TestContext.Current.CancellationToken);
        await response.EnsureStatus(HttpStatusCode.OK);
        var account = await WkzAsync(admin, partnerId);
        Assert.Equal((500m, 4500m), (account.GetProperty("reservedEur").GetDecimal(), account.GetProperty("availableEur").GetDecimal())); // 1 day × 2,000 € × 50 % × 50 %
    }
}
