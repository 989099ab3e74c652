using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.FollowUps.FollowUpData;

namespace PartnerPortal.IntegrationTests.FollowUps;

/// <summary>
/// FollowUps' copy of the detractors, made off ingestion's path (ADR 0064): a detractor is the same one case before and
/// after it is copied, a transaction still running holds the copy back from what it may yet commit, and ingestion racing
/// the copier loses or doubles no case. The responses here are stored at the real time (no X-Test-Now), which is what the
/// copier copies; their quarter is the one before the current, whose figures are read per partner.
/// </summary>
public sealed class DetractorCopyTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The test host's <c>PartnerPortal:FollowUps:CopyClockSkew</c> (PortalTestHost): the mark stays this far
    /// behind the oldest running transaction.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(1);

    private static readonly DateTimeOffset RespondedAt = DateTimeOffset.UtcNow.AddDays(-1);
    private static string Quarter => PartnerPortal.SharedKernel.Quarter.Of(RespondedAt).ToString(); // Berlin's, as the host counts it

    [Fact]
    public async Task A_running_transaction_holds_the_copy_back_and_a_detractor_is_the_same_one_case_before_and_after_it_is_copied()
    {
        var (partner, shop) = await PartnerAsync(host);
        var id = PortalHost.NewId("fuc");
        using var admin = host.Admin();
        await using var pin = new NpgsqlConnection(host.ConnectionString);
        await pin.OpenAsync(Ct);
        DateTimeOffset pinnedAt;
        await using (var begin = pin.CreateCommand())
        {
            begin.CommandText = "begin; select now();"; // a transaction that is still running, as a slow ingestion's is
            await using var reader = await begin.ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
            pinnedAt = reader.GetFieldValue<DateTimeOffset>(0);
        }
        var ids = Enumerable.Range(0, 3).Select(i => $"{id}-{i}").ToArray();
        var batch = await BatchAsync(admin, ids.Select((r, i) => Response(r, partner, shop, Time(RespondedAt), i, comment: i == 0 ? "Zu lange gewartet." : null)));
        Assert.Equal(3, batch.GetProperty("accepted").GetInt32());

        // The copier looks at the running transactions meanwhile, but its mark stops before that one began, less the skew.
        await ListeningConnections.EventuallyAsync(async () => await MarkAsync("checked_at") > pinnedAt, "the copier at work while the transaction runs");
        Assert.True(await MarkAsync("copied_before") <= pinnedAt - ClockSkew, "The copy's mark passed the start of a transaction still running.");
        Assert.Equal(0, await CopiedAsync(ids));
        var (listedFromView, statsFromView) = (await ListAsync(partner), await StatsAsync(admin, partner));
        Assert.Equal(ids, listedFromView.Select(c => c.GetProperty("caseId").GetString()));
        Assert.Equal(3, statsFromView.GetProperty("open").GetInt32());

        await using (var commit = pin.CreateCommand())
        {
            commit.CommandText = "commit";
            await commit.ExecuteNonQueryAsync(Ct);
        }
        await ListeningConnections.EventuallyAsync(async () => await CopiedAsync(ids) == 3, "the detractors copied");
        var listedFromCopy = await ListAsync(partner);
        Assert.Equal(listedFromView.Select(c => c.GetRawText()), listedFromCopy.Select(c => c.GetRawText()));
        Assert.Equal(statsFromView.GetRawText(), (await StatsAsync(admin, partner)).GetRawText());

        // A copied case moves as any: started, it is still one case, now with its document.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await MoveAsync(admin, ids[0], "start")).StatusCode);
        var afterStart = await ListAsync(partner);
        Assert.Equal(ids, afterStart.Select(c => c.GetProperty("caseId").GetString()));
        Assert.Equal("in-progress", afterStart[0].GetProperty("status").GetString());
        Assert.Equal("Zu lange gewartet.", afterStart[0].GetProperty("comment").GetString());
    }

    [Fact]
    public async Task Ingestion_racing_the_copier_opens_every_case_once_in_lists_and_figures_while_it_runs_and_after()
    {
        for (var trial = 0; trial < 3; trial++)
        {
            var (partner, shop) = await PartnerAsync(host);
            var id = PortalHost.NewId("fuc");
            const int clients = 6, batches = 4, perBatch = 20;
            var all = new ConcurrentBag<string>();
            using var done = new CancellationTokenSource();
            // Readers meanwhile: a list never shows a case twice, nor figures more cases than were sent.
            var reader = Task.Run(async () =>
            {
                using var admin = host.Admin();
                while (!done.IsCancellationRequested)
                {
                    var listed = (await ListAsync(partner)).Select(c => c.GetProperty("caseId").GetString()).ToArray();
                    Assert.Equal(listed.Length, listed.Distinct().Count());
                    Assert.InRange((await StatsAsync(admin, partner)).GetProperty("opened").GetInt32(), 0, clients * batches * perBatch);
                }
            }, Ct);
            await Parallel.ForEachAsync(Enumerable.Range(0, clients), Ct, async (c, ct) =>
            {
                using var admin = host.Admin();
                for (var b = 0; b < batches; b++)
                {
                    var ids = Enumerable.Range(0, perBatch).Select(i => $"{id}-{c}-{b}-{i:D2}").ToArray();
                    var result = await BatchAsync(admin, ids.Select(r => Response(r, partner, shop, Time(RespondedAt), 3)));
                    Assert.Equal(perBatch, result.GetProperty("accepted").GetInt32());
                    foreach (var r in ids) all.Add(r);
                }
            });
            await done.CancelAsync();
            await reader;

            var expected = all.Order(StringComparer.Ordinal).ToArray();
            await ListeningConnections.EventuallyAsync(async () => await CopiedAsync(expected) == expected.Length, "every detractor copied");
            using var check = host.Admin();
            var listed = (await ListAsync(partner)).Select(c => c.GetProperty("caseId").GetString()!).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(expected, listed);
            var stats = await StatsAsync(check, partner);
            Assert.Equal(expected.Length, stats.GetProperty("opened").GetInt32());
            Assert.Equal(expected.Length, stats.GetProperty("open").GetInt32());
        }
    }

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    /// <summary>The copy's mark (<c>copied_before</c>) or when the copier last looked (<c>checked_at</c>); the start of time
    /// before the first copy.</summary>
    private async Task<DateTimeOffset> MarkAsync(string column) => new(DateTime.SpecifyKind(await host.ScalarAsync<DateTime>(
        $"select coalesce((select {column} from followups.detractor_copy_mark where id = 1), '-infinity')"), DateTimeKind.Utc));

    private Task<long> CopiedAsync(string[] ids) => host.ScalarAsync<long>("select count(*) from followups.detractor_copy where id = any($1)", [ids]);

    /// <summary>The partner's cases, every status, in list order (one page of up to 1,000).</summary>
    private async Task<JsonElement[]> ListAsync(string partnerId)
    {
        using var admin = host.Admin();
        var page = await (await admin.GetAsync($"/api/v1/followups?partnerId={partnerId}&limit=1000", Ct)).JsonAsync();
        return page.GetProperty("items").EnumerateArray().ToArray();
    }

    private static async Task<JsonElement> StatsAsync(HttpClient admin, string partnerId) =>
        await (await admin.GetAsync($"/api/v1/followups/stats?quarter={Quarter}&partnerId={partnerId}", Ct)).JsonAsync();
}
