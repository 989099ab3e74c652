using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Incentives;

/// <summary>ADR 0030 for sales: a transaction or cancellation dated outside 2000–2100 is rejected alone; its batch is stored.</summary>
public sealed class SalesDateTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> PostAsync(HttpClient client, string kind, params object[] items) =>
        await (await client.PostAsJsonAsync($"/api/v1/incentives/{kind}/batch", new { items }, Ct)).JsonAsync();

    private static string[] Statuses(JsonElement batch) => batch.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToArray();

    [Fact]
    public async Task A_transaction_dated_1899_0001_or_9999_is_rejected_alone_and_the_valid_ones_are_stored()
    {
        var (p, _) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var id = PortalHost.NewId("td");
        object Tx(string suffix, string occurredAt) => new { transactionId = $"{id}-{suffix}", partnerId = p, category = "mobile", occurredAt };
        var batch = await PostAsync(admin, "transactions",
            Tx("ok", "2032-05-02T10:00:00+02:00"), Tx("1899", "1899-12-31T12:00:00+01:00"), Tx("0001", "0001-01-01T00:00:00Z"),
            Tx("9999", "9999-12-31T23:59:59Z"), Tx("2101", "2100-12-31T23:00:00Z"), Tx("first", "2000-01-01T00:00:00+01:00"), Tx("last", "2100-12-31T23:59:59+01:00"));
        Assert.Equal(["accepted", "rejected", "rejected", "rejected", "rejected", "accepted", "accepted"], Statuses(batch));
        foreach (var i in new[] { 1, 2, 3, 4 })
            Assert.Contains("2000-01-01 to 2100-12-31", batch.GetProperty("results")[i].GetProperty("errors").GetProperty("occurredAt")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(3, await host.ScalarAsync<long>("select count(*) from incentives.mt_doc_salestransaction where id like $1", id + "-%"));
        Assert.Equal("2100-Q4", await host.ScalarAsync<string>("select quarter from incentives.mt_doc_salestransaction where id = $1", $"{id}-last"));

        // A cancellation after 2100 is rejected alone too; the one inside the range is stored.
        var cancellations = await PostAsync(admin, "cancellations",
            new { transactionId = $"{id}-ok", cancelledAt = "2101-01-01T00:00:00+01:00" }, new { transactionId = $"{id}-first", cancelledAt = "2100-12-31T23:59:59+01:00" });
        Assert.Equal(["rejected", "accepted"], Statuses(cancellations));
        Assert.NotEmpty(cancellations.GetProperty("results")[0].GetProperty("errors").GetProperty("cancelledAt").EnumerateArray());
    }
}
