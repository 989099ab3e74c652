using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PartnerPortal.Host.Database;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// Two hosts on one database, the documented way to scale out (docs/operations.md): a job whose host is killed with
/// SIGKILL is finished by the other host after the (here shortened) invisibility timeout, and the same batch sent to
/// both hosts at the same moment is stored once. Each test has a cluster of its own and host processes of its own.
/// </summary>
[Collection(IsolatedHostCollection.Name)] // one host process at a time: these start processes of their own
public sealed class ScaleOutTests : IAsyncLifetime
{
    private const string Key = "scale-out-bootstrap-key";
    private static readonly TimeSpan Invisibility = TimeSpan.FromSeconds(5);
    private OwnCluster _cluster = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _cluster = OwnCluster.Start("scaleout");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    private Task<HostNode> StartNodeAsync() => _cluster.StartNodeAsync(Key, new Dictionary<string, string>
    {
        ["PartnerPortal__Jobs__Workers"] = "1",
        ["PartnerPortal__Jobs__InvisibilityTimeout"] = Invisibility.ToString(),
        ["PartnerPortal__RateLimits__ApiKey__PermitLimit"] = "1000000",
    }, Ct);

    private static async Task<string> StateAsync(HttpClient client, string jobId) =>
        (await (await client.GetAsync($"/api/v1/jobs/{jobId}", Ct)).JsonAsync()).GetProperty("state").GetString()!;

    private static async Task<string> PollStateAsync(HttpClient client, string jobId, string wanted, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var state = await StateAsync(client, jobId);
        while (state != wanted && watch.Elapsed < timeout)
        {
            await Task.Delay(100, Ct); // the job runs in another process: polling its state is the only signal
            state = await StateAsync(client, jobId);
        }
        return state;
    }

    [Fact]
    public async Task A_recalculation_whose_host_is_killed_is_finished_by_the_other_host()
    {
        var first = await StartNodeAsync();
        using var client1 = first.Client(apiKey: Key);
        // Hold the quarter's lock, so the job stays "processing" on the first host until that host is gone.
        const string quarter = "2044-Q1";
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var hold = new NpgsqlCommand("insert into hangfire.lock (resource, updatecount, acquired) values ($1, 0, now())", connection))
        {
            hold.Parameters.AddWithValue($"hangfire:scoring:recalculate:{quarter}");
            await hold.ExecuteNonQueryAsync(Ct);
        }
        var jobId = (await (await client1.PostAsJsonAsync("/api/v1/scoring/recalculations", new { quarter }, Ct)).JsonAsync(HttpStatusCode.Accepted))
            .GetProperty("jobId").GetString()!;
        Assert.Equal("processing", await PollStateAsync(client1, jobId, "processing", TimeSpan.FromSeconds(60)));

        await first.KillAsync();
        await using (var release = new NpgsqlCommand("delete from hangfire.lock where resource = $1", connection))
        {
            release.Parameters.AddWithValue($"hangfire:scoring:recalculate:{quarter}");
            Assert.Equal(1, await release.ExecuteNonQueryAsync(Ct)); // the lock was the one the job waited for
        }

        var second = await StartNodeAsync();
        using var client2 = second.Client(apiKey: Key);
        // Orphaned by the dead host; the new host may already have fetched and finished it while it started.
        Assert.Contains(await StateAsync(client2, jobId), new[] { "processing", "succeeded" });
        var watch = Stopwatch.StartNew();
        Assert.Equal("succeeded", await PollStateAsync(client2, jobId, "succeeded", TimeSpan.FromMinutes(2)));
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task The_same_batch_sent_to_both_hosts_at_once_is_stored_once()
    {
        var nodes = new[] { await StartNodeAsync(), await StartNodeAsync() };
        using var admin = nodes[0].Client(apiKey: Key);
        var partnerId = PortalHost.NewId("p");
        var shopId = PortalHost.NewId("s");
        await (await admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}",
            new { name = "Partner", shops = new[] { new { shopId, name = "Shop", city = "Köln" } } }, Ct)).EnsureStatus(HttpStatusCode.Created);
        var prefix = PortalHost.NewId("r");
        var batch = new
        {
            items = Enumerable.Range(0, 2000).Select(i => new
            {
                responseId = $"{prefix}-{i}", respondedAt = "2044-02-10T10:00:00+01:00", segment = "private", channel = "partner-shop", partnerId, shopId,
                scores = new { brand = i % 11, product = 8, touchpoint = 10 - i % 11 },
            }).ToArray(),
        };

        using var start = new SemaphoreSlim(0);
        var posts = nodes.Select(async node =>
        {
            using var client = node.Client(apiKey: Key);
            await start.WaitAsync(Ct);
            return await (await client.PostAsJsonAsync("/api/v1/surveys/responses/batch", batch, Ct)).JsonAsync();
        }).ToArray();
        start.Release(2);
        var results = await Task.WhenAll(posts);

        Assert.Equal(2000, results.Sum(r => r.GetProperty("accepted").GetInt32()));
        Assert.Equal(2000, results.Sum(r => r.GetProperty("duplicates").GetInt32()));
        Assert.All(results, r => Assert.Equal(0, r.GetProperty("conflicts").GetInt32() + r.GetProperty("rejected").GetInt32()));
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("select count(*) from surveys.mt_doc_surveyresponse where id like $1", connection);
        count.Parameters.AddWithValue(prefix + "-%");
        Assert.Equal(2000L, (long)(await count.ExecuteScalarAsync(Ct))!);
    }
}
