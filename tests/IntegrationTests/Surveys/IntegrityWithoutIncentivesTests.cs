using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.Host.Database;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Surveys;

/// <summary>
/// Surveys learns transactions only from Incentives (<c>ISalesTransactions</c>): a host with Incentives switched off starts,
/// computes every flag but the two that need transactions, and says so (<c>transactionsChecked: false</c>, their counts
/// null). A host process of its own on a database of its own (quarter 2048-Q1 there).
/// </summary>
[Collection(IsolatedHostCollection.Name)] // one host process at a time
public sealed class IntegrityWithoutIncentivesTests : IAsyncLifetime
{
    private const string Key = "integrity-without-incentives-key";
    private OwnCluster _cluster = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _cluster = OwnCluster.Start("integrity");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Without_Incentives_the_transaction_flags_are_not_computed_and_the_answer_says_so()
    {
        var node = await _cluster.StartNodeAsync(Key, new Dictionary<string, string>
        {
            ["PartnerPortal__Modules__Incentives__Enabled"] = "false",
        }, Ct);
        using var admin = node.Client(apiKey: Key);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/incentives/statements/2048-Q1/p-x", Ct)).StatusCode);
        var partner = PortalHost.NewId("p");
        var shop = PortalHost.NewId("s");
        await (await admin.PutAsJsonAsync($"/api/v1/partners/{partner}", new { name = "Partner", shops = new[] { new { shopId = shop, name = "Shop", city = "Köln" } } }, Ct))
            .EnsureStatus(HttpStatusCode.Created);
        // Five responses of one shop within four minutes, the last two with one transaction nobody knows.
        var ids = Enumerable.Range(0, 5).Select(_ => PortalHost.NewId("iw")).ToArray();
        var items = ids.Select((id, i) => new Dictionary<string, object?>
        {
            ["responseId"] = id, ["respondedAt"] = $"2048-02-10T10:0{i}:00+01:00", ["segment"] = "private", ["channel"] = "partner-shop",
            ["partnerId"] = partner, ["shopId"] = shop, ["transactionId"] = i >= 3 ? "t-nowhere" : null,
            ["scores"] = new Dictionary<string, object?> { ["touchpoint"] = 9 },
        });
        var batch = await (await admin.PostAsJsonAsync("/api/v1/surveys/responses/batch", new { items }, Ct)).JsonAsync();
        Assert.Equal(5, batch.GetProperty("accepted").GetInt32());

        var jobId = (await (await admin.PostAsJsonAsync("/api/v1/surveys/integrity/recalculations", new { quarter = "2048-Q1" }, Ct))
            .JsonAsync(HttpStatusCode.Accepted)).GetProperty("jobId").GetString()!;
        var job = await Jobs.WaitAsync(admin, jobId, Ct);
        Assert.True(job.GetProperty("state").GetString() == "succeeded", job.ToString());
        Assert.Equal("not-checked", job.GetProperty("result").GetProperty("transactions").GetString());

        var integrity = await (await admin.GetAsync("/api/v1/surveys/integrity?quarter=2048-Q1", Ct)).JsonAsync();
        Assert.False(integrity.GetProperty("transactionsChecked").GetBoolean());
        var counts = Assert.Single(integrity.GetProperty("partners").EnumerateArray()).GetProperty("flagCounts");
        Assert.Equal(JsonValueKind.Null, counts.GetProperty("unknown-transaction").ValueKind);
        Assert.Equal(JsonValueKind.Null, counts.GetProperty("before-transaction").ValueKind);
        Assert.Equal(5, counts.GetProperty("burst").GetInt32());
        Assert.Equal(1, counts.GetProperty("repeat-transaction").GetInt32()); // needs no transactions: the fifth repeats the fourth
    }
}
