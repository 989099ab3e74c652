using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Incentives;

/// <summary>DOMAIN.md "Commission": transactions and cancellations, validated per item, idempotent by id.</summary>
public sealed class SalesBatchTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Tx(string id, string? partnerId, string? shopId = null, string category = "mobile", string occurredAt = "2032-05-02T10:00:00+02:00") =>
        new Dictionary<string, object?> { ["transactionId"] = id, ["partnerId"] = partnerId, ["shopId"] = shopId, ["category"] = category, ["occurredAt"] = occurredAt };

    private static object Storno(string id, string cancelledAt = "2032-06-01T10:00:00+02:00") =>
        new Dictionary<string, object?> { ["transactionId"] = id, ["cancelledAt"] = cancelledAt };

    private async Task<JsonElement> PostAsync(HttpClient client, string kind, params object[] items) =>
        await (await client.PostAsJsonAsync($"/api/v1/incentives/{kind}/batch", new { items }, Ct)).JsonAsync();

    private static string[] Statuses(JsonElement batch) => batch.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToArray();

    private static string ErrorField(JsonElement batch, int index) => batch.GetProperty("results")[index].GetProperty("errors").EnumerateObject().First().Name;

    [Fact]
    public async Task Transactions_are_stored_once_and_each_rule_rejects_its_item()
    {
        var (p, shops) = await host.CreatePartnerAsync();
        var (_, otherShops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        string a = PortalHost.NewId("t"), b = PortalHost.NewId("t");
        var batch = await PostAsync(admin, "transactions",
            Tx(a, p, shops[0]),
            Tx(a, p, shops[0]),                                  // same again: duplicate
            Tx(a, p, shops[0], category: "fixed"),               // other content: conflict
            Tx(b, p, otherShops[0]),                             // shop of another partner
            Tx(PortalHost.NewId("t"), PortalHost.NewId("p")),    // unknown partner
            Tx(PortalHost.NewId("t"), p, category: "dsl"),       // unknown category
            Tx(PortalHost.NewId("t"), p, occurredAt: "2032-05-02T10:00:00"), // no offset
            Tx("", p),                                           // no id
            Tx(PortalHost.NewId("t"), null));                    // no partner
        Assert.Equal(["accepted", "duplicate", "conflict", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected"], Statuses(batch));
        Assert.Equal(["shopId", "partnerId", "category", "occurredAt", "transactionId", "partnerId"], Enumerable.Range(3, 6).Select(i => ErrorField(batch, i)));

        var again = await PostAsync(admin, "transactions", Tx(a, p, shops[0], occurredAt: "2032-05-02T08:00:00Z"), Tx(a, p, null));
        Assert.Equal(["duplicate", "conflict"], Statuses(again)); // the same instant with another offset is the same content
        Assert.Equal("2032-Q2", await host.ScalarAsync<string>("select quarter from incentives.mt_doc_salestransaction where id = $1", a));
    }

    [Theory]
    [InlineData("2032-03-31T21:59:59Z", "2032-Q1")]
    [InlineData("2032-03-31T22:00:00Z", "2032-Q2")]
    [InlineData("2031-12-31T22:59:59Z", "2031-Q4")]
    [InlineData("2031-12-31T23:00:00Z", "2032-Q1")]
    public async Task A_transaction_belongs_to_its_Berlin_quarter(string occurredAt, string quarter)
    {
        var (p, _) = await host.CreatePartnerAsync();
        var id = PortalHost.NewId("t");
        using var admin = host.Admin();
        Assert.Equal(["accepted"], Statuses(await PostAsync(admin, "transactions", Tx(id, p, occurredAt: occurredAt))));
        Assert.Equal(quarter, await host.ScalarAsync<string>("select quarter from incentives.mt_doc_salestransaction where id = $1", id));
    }

    [Fact]
    public async Task Cancellations_need_a_known_transaction_and_not_an_earlier_time_and_are_idempotent()
    {
        var (p, _) = await host.CreatePartnerAsync();
        string t1 = PortalHost.NewId("t"), t2 = PortalHost.NewId("t");
        using var admin = host.Admin();
        await PostAsync(admin, "transactions", Tx(t1, p), Tx(t2, p, category: "fixed"));

        var batch = await PostAsync(admin, "cancellations",
            Storno(t1, "2032-07-01T00:30:00+02:00"),          // next quarter in Berlin time
            Storno(t1, "2032-07-01T00:30:00+02:00"),          // second cancellation: duplicate
            Storno(PortalHost.NewId("t")),                      // unknown transaction
            Storno(t2, "2032-05-01T10:00:00+02:00"),          // before the transaction occurred
            Storno(t2, "2032-06-01"));                         // no time, no offset
        Assert.Equal(["accepted", "duplicate", "rejected", "rejected", "rejected"], Statuses(batch));
        Assert.Equal(["transactionId", "cancelledAt", "cancelledAt"], Enumerable.Range(2, 3).Select(i => ErrorField(batch, i)));

        Assert.Equal(["conflict"], Statuses(await PostAsync(admin, "cancellations", Storno(t1, "2032-08-01T10:00:00+02:00"))));
        Assert.Equal("2032-Q3", await host.ScalarAsync<string>("select quarter from incentives.mt_doc_cancellation where id = $1", t1));
        Assert.Equal("2032-Q2", await host.ScalarAsync<string>("select transaction_quarter from incentives.mt_doc_cancellation where id = $1", t1));
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from incentives.mt_doc_cancellation where id = $1", t2));
    }

    [Fact]
    public async Task A_cancellation_at_the_very_instant_the_transaction_occurred_is_accepted()
    {
        var (p, _) = await host.CreatePartnerAsync();
        string same = PortalHost.NewId("t"), otherOffset = PortalHost.NewId("t"), earlier = PortalHost.NewId("t");
        using var admin = host.Admin();
        await PostAsync(admin, "transactions", Tx(same, p), Tx(otherOffset, p), Tx(earlier, p)); // 2032-05-02T10:00:00+02:00

        var batch = await PostAsync(admin, "cancellations",
            Storno(same, "2032-05-02T10:00:00+02:00"),       // the same time: does not precede it
            Storno(otherOffset, "2032-05-02T08:00:00Z"),      // the same instant, written in UTC
            Storno(earlier, "2032-05-02T09:59:59.999+02:00")); // a millisecond before: precedes it
        Assert.Equal(["accepted", "accepted", "rejected"], Statuses(batch));
        Assert.Equal("cancelledAt", ErrorField(batch, 2));
        Assert.Equal(2L, await host.ScalarAsync<long>("select count(*) from incentives.mt_doc_cancellation where id = any($1)", [new[] { same, otherOffset, earlier }]));
    }

    [Fact]
    public async Task Concurrent_batches_store_each_transaction_once()
    {
        var (p, _) = await host.CreatePartnerAsync();
        var ids = Enumerable.Range(0, 300).Select(i => $"{PortalHost.NewId("race")}-{i}").ToArray();
        var clients = Enumerable.Range(0, 4).Select(_ => host.Admin()).ToArray();
        var results = await Task.WhenAll(clients.Select(c => PostAsync(c, "transactions", ids.Select(id => Tx(id, p)).ToArray())));
        Assert.Equal(300, results.Sum(r => r.GetProperty("accepted").GetInt32()));
        Assert.Equal(900, results.Sum(r => r.GetProperty("duplicates").GetInt32()));
        Assert.Equal(300L, await host.ScalarAsync<long>("select count(*) from incentives.mt_doc_salestransaction where id = any($1)", [ids]));
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task A_partner_bound_key_touches_its_own_transactions_only()
    {
        var (mine, _) = await host.CreatePartnerAsync();
        var (theirs, _) = await host.CreatePartnerAsync();
        var theirTx = PortalHost.NewId("t");
        using (var admin = host.Admin()) await PostAsync(admin, "transactions", Tx(theirTx, theirs));
        using var bound = host.WithKey(await host.CreateKeyAsync([Scopes.TransactionsWrite], mine));
        Assert.Equal(["accepted", "rejected"], Statuses(await PostAsync(bound, "transactions", Tx(PortalHost.NewId("t"), mine), Tx(PortalHost.NewId("t"), theirs))));
        Assert.Equal(["rejected"], Statuses(await PostAsync(bound, "cancellations", Storno(theirTx))));
    }

    [Fact]
    public async Task Oversize_and_malformed_batches_are_400_and_need_the_scope()
    {
        using var admin = host.Admin();
        var tooMany = Enumerable.Range(0, 10_001).Select(i => Storno($"x-{i}")).ToArray();
        await (await admin.PostAsJsonAsync("/api/v1/incentives/cancellations/batch", new { items = tooMany }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new { things = 1 }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        using var reader = host.WithKey(await host.CreateKeyAsync([Scopes.StatementsRead]));
        await (await reader.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new { items = Array.Empty<object>() }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
