using System.Net;
using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.Training.TrainingData;

namespace PartnerPortal.IntegrationTests.Funds;

/// <summary>The WKZ balance never goes negative when postings and Training's charges race on one account, trial after trial.</summary>
public sealed class FundsConcurrencyTests(PortalHost host) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await EnsureProgrammeAsync(host);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Ten_adjustments_of_30_on_a_balance_of_100_at_once_take_exactly_three_in_each_of_20_trials()
    {
        using var admin = host.Admin();
        for (var trial = 0; trial < 20; trial++)
        {
            var (partnerId, _) = await host.CreatePartnerAsync();
            await AllocateAsync(admin, partnerId, 100m);
            using var start = new SemaphoreSlim(0);
            var attempts = Enumerable.Range(0, 10).Select(async _ =>
            {
                using var client = host.Admin();
                await start.WaitAsync(Ct);
                return (await client.PostAsJsonAsync($"/api/v1/training/partners/{partnerId}/wkz/adjustments", new { amountEur = -30, reason = "Korrektur" }, Ct))
                    .StatusCode;
            }).ToArray();
            start.Release(10);
            var statuses = await Task.WhenAll(attempts);
            Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Created));
            Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.Conflict));
            await AssertLedgerAsync(admin, partnerId, expectedBalance: 10m, expectedEntries: 4);
        }
    }

    [Fact]
    public async Task Deliveries_charging_WKZ_and_adjustments_racing_on_one_account_never_take_more_than_the_balance()
    {
        using var admin = host.Admin();
        for (var trial = 0; trial < 8; trial++)
        {
            var (partnerId, shops) = await host.CreatePartnerAsync();
            await AllocateAsync(admin, partnerId, 1000m);
            var bookings = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                // 1 day: partner share 555.56 €, all of it wanted from WKZ.
                var id = (await BookAsync(admin, partnerId, shops[0], days: 1m, wkzPercent: 100)).GetProperty("bookingId").GetString()!;
                await ActAsync(admin, id, "confirm");
                bookings.Add(id);
            }
            using var start = new SemaphoreSlim(0);
            var deliveries = bookings.Select(async id =>
            {
                using var client = host.Admin();
                await start.WaitAsync(Ct);
                var delivered = await (await client.SendAsync(ActRequest(id, "deliver"), Ct)).JsonAsync();
                return delivered.GetProperty("charges").GetProperty("wkzEur").GetDecimal();
            }).ToArray();
            var adjustments = Enumerable.Range(0, 4).Select(async _ =>
            {
                using var client = host.Admin();
                await start.WaitAsync(Ct);
                var response = await client.PostAsJsonAsync($"/api/v1/training/partners/{partnerId}/wkz/adjustments", new { amountEur = -200, reason = "Korrektur" }, Ct);
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, response.StatusCode.ToString());
                return response.StatusCode == HttpStatusCode.Created ? 200m : 0m;
            }).ToArray();
            start.Release(8);
            var charged = await Task.WhenAll(deliveries);
            var adjusted = await Task.WhenAll(adjustments);

            // Whatever the order: what left the account is what was allocated minus what is left, and never more.
            var account = await AssertLedgerAsync(admin, partnerId, expectedBalance: null, expectedEntries: null);
            var balance = account.GetProperty("balanceEur").GetDecimal();
            Assert.Equal(1000m, balance + charged.Sum() + adjusted.Sum());
            Assert.All(charged, c => Assert.InRange(c, 0m, 555.56m));
            Assert.Equal(0m, account.GetProperty("reservedEur").GetDecimal()); // every earmark released on delivery
        }
    }

    /// <summary>Entries numbered without gaps, each balance the one before plus the amount, never below zero.</summary>
    private static async Task<System.Text.Json.JsonElement> AssertLedgerAsync(HttpClient admin, string partnerId, decimal? expectedBalance, int? expectedEntries)
    {
        var account = await WkzAsync(admin, partnerId);
        var entries = account.GetProperty("entries").EnumerateArray().Reverse().ToArray();
        if (expectedEntries is { } count) Assert.Equal(count, entries.Length);
        var balance = 0m;
        for (var i = 0; i < entries.Length; i++)
        {
            Assert.Equal(i + 1, entries[i].GetProperty("sequence").GetInt64());
            balance += entries[i].GetProperty("amountEur").GetDecimal();
            Assert.Equal(balance, entries[i].GetProperty("balanceAfterEur").GetDecimal());
            Assert.True(balance >= 0, $"balance {balance} after entry {i + 1}");
        }
        Assert.Equal(balance, account.GetProperty("balanceEur").GetDecimal());
        if (expectedBalance is { } expected) Assert.Equal(expected, balance);
        return account;
    }
}
