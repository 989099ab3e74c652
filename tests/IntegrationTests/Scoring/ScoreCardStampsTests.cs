using System.Net;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.Infrastructure.ListeningConnections;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Scoring;

/// <summary>
/// The host keeps its own copy of the score-card stamps while it hears PostgreSQL notifications (ADR 0025): cached
/// summaries and score-card lists are then served without a database round trip, another host's recalculation reaches
/// them through NOTIFY, and a lost listening connection sends every read to the database until it listens again.
/// Owns the year 2088 (not 2041: that is the route sweep's world, whose fingerprint of partner B this class's
/// recalculations and stamp changes moved). Stamps and cards are changed here with SQL, as another host's recalculation would change them,
/// but without this host's own <c>Forget</c>.
/// </summary>
public sealed class ScoreCardStampsTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Listener = PartnerPortal.Scoring.Scorecards.ScoreCardStamps.ApplicationName;

    /// <summary>Partners with 30 touchpoint answers of 0 (NPS −100) each in the quarter, recalculated, and both reads
    /// warm for each.</summary>
    private async Task<string[]> PartnersWithCardsAsync(string quarter, string respondedAt, int partners = 1)
    {
        using var admin = host.Admin();
        var ids = new List<string>();
        for (var p = 0; p < partners; p++)
        {
            var (partner, shops) = await host.CreatePartnerAsync();
            var items = Enumerable.Range(0, 30).Select(i => (object)Response($"{partner}-r{i}", partner, shops[0], respondedAt: respondedAt, touchpoint: 0));
            Assert.All(Statuses(await PostBatchAsync(admin, items)), s => Assert.Equal("accepted", s));
            ids.Add(partner);
        }
        await ScoringTests.RecalculateAsync(host, quarter);
        foreach (var partner in ids)
        {
            Assert.Equal(-100.0, await OwnNpsAsync(partner, quarter));
            Assert.Equal(3, await OwnCardCountAsync(partner, quarter));
        }
        return [.. ids];
    }

    /// <summary>The summary's own touchpoint NPS, null when it has no card.</summary>
    private async Task<double?> OwnNpsAsync(string partner, string quarter)
    {
        using var admin = host.Admin();
        var summary = await (await admin.GetAsync($"/api/v1/scoring/partners/{partner}/summary?quarter={quarter}", Ct)).JsonAsync();
        var card = summary.GetProperty("dimensions").GetProperty("touchpoint");
        return card.ValueKind == JsonValueKind.Null ? null : card.GetProperty("nps").GetDouble();
    }

    /// <summary>The partner's own cards (scope partner, segment all) in the score-card list.</summary>
    private async Task<int> OwnCardCountAsync(string partner, string quarter)
    {
        using var admin = host.Admin();
        var list = await (await admin.GetAsync($"/api/v1/scoring/scorecards?quarter={quarter}&partnerId={partner}&scope=partner&segment=all", Ct)).JsonAsync();
        return list.GetProperty("items").GetArrayLength();
    }

    /// <summary>What another host's recalculation leaves behind: the partner's cards gone, a newer stamp.</summary>
    private async Task ChangeBehindTheHostsBackAsync(string partner, string quarter, int minute)
    {
        await host.ScalarAsync<int>("with d as (delete from scoring.mt_doc_scorecard where quarter = $1 and partner_id = $2 returning 1) select count(*)::int from d",
            quarter, partner);
        await host.ScalarAsync<int>("""
            with u as (update scoring.mt_doc_scorecardstamp set data = jsonb_set(data, '{calculatedAt}', to_jsonb($2::text)) where id = $1 returning 1)
            select count(*)::int from u
            """, quarter, $"2088-12-31T23:{minute:00}:00+00:00");
    }

    private Task NotifyAsync(string quarter) => host.ScalarAsync<string>("select 'sent' from (select pg_notify('scoring_stamps', $1)) n", quarter);

    [Fact]
    public async Task Cached_reads_are_served_from_the_hosts_copy_and_a_notification_refreshes_them()
    {
        var partner = (await PartnersWithCardsAsync("2088-Q2", "2088-05-10T10:00:00+02:00"))[0];

        await ChangeBehindTheHostsBackAsync(partner, "2088-Q2", minute: 1);
        // No round trip: without a notification the host does not know, and answers from its caches.
        Assert.Equal(-100.0, await OwnNpsAsync(partner, "2088-Q2"));
        Assert.Equal(3, await OwnCardCountAsync(partner, "2088-Q2"));

        await NotifyAsync("2088-Q2");
        await EventuallyAsync(async () => await OwnNpsAsync(partner, "2088-Q2") is null && await OwnCardCountAsync(partner, "2088-Q2") == 0,
            "the other host's recalculation after its notification");
    }

    [Fact]
    public async Task A_lost_listening_connection_sends_reads_to_the_database_until_the_host_listens_again()
    {
        var ids = await PartnersWithCardsAsync("2088-Q3", "2088-08-10T10:00:00+02:00", partners: 2);
        var (read, unread) = (ids[0], ids[1]);

        await CutAsync(host, Listener);
        await ChangeBehindTheHostsBackAsync(read, "2088-Q3", minute: 2);
        await ChangeBehindTheHostsBackAsync(unread, "2088-Q3", minute: 2);
        // No notification was sent: the change is seen because the copy was dropped with the connection.
        await EventuallyAsync(async () => await OwnNpsAsync(read, "2088-Q3") is null && await OwnCardCountAsync(read, "2088-Q3") == 0,
            "the change after the listener was cut off");

        // It listens again, with nothing kept from before: the partner not read meanwhile does not get its old figures.
        await ListeningAgainAsync(host, Listener);
        Assert.Null(await OwnNpsAsync(unread, "2088-Q3"));
        Assert.Equal(0, await OwnCardCountAsync(unread, "2088-Q3"));

        // A later change behind its back is not seen until it is notified.
        var (other, shops) = await host.CreatePartnerAsync();
        using (var admin = host.Admin())
        {
            var items = Enumerable.Range(0, 30).Select(i => (object)Response($"{other}-r{i}", other, shops[0], respondedAt: "2088-08-11T10:00:00+02:00", touchpoint: 10));
            Assert.All(Statuses(await PostBatchAsync(admin, items)), s => Assert.Equal("accepted", s));
        }
        await ScoringTests.RecalculateAsync(host, "2088-Q3");
        Assert.Equal(100.0, await OwnNpsAsync(other, "2088-Q3"));
        await ChangeBehindTheHostsBackAsync(other, "2088-Q3", minute: 3);
        Assert.Equal(100.0, await OwnNpsAsync(other, "2088-Q3"));
        await NotifyAsync("2088-Q3");
        await EventuallyAsync(async () => await OwnNpsAsync(other, "2088-Q3") is null, "the notification to the new listener");
    }

    private static string? PartnerOf(JsonElement card) => card.TryGetProperty("partnerId", out var p) ? p.GetString() : null;

    [Fact]
    public async Task The_cached_score_card_list_of_one_caller_is_never_the_answer_for_a_partner_bound_caller()
    {
        using var admin = host.Admin();
        var (a, aShops) = await host.CreatePartnerAsync();
        var (b, bShops) = await host.CreatePartnerAsync();
        var items = Enumerable.Range(0, 30).SelectMany(i => new object[]
        {
            Response($"{a}-r{i}", a, aShops[0], respondedAt: "2088-11-10T10:00:00+01:00"),
            Response($"{b}-r{i}", b, bShops[0], respondedAt: "2088-11-10T10:00:00+01:00"),
        });
        Assert.All(Statuses(await PostBatchAsync(admin, items)), s => Assert.Equal("accepted", s));
        await ScoringTests.RecalculateAsync(host, "2088-Q4");

        const string query = "/api/v1/scoring/scorecards?quarter=2088-Q4&dimension=touchpoint&segment=all";
        for (var i = 0; i < 2; i++) // built, then from the cache
        {
            var all = (await (await admin.GetAsync(query, Ct)).JsonAsync()).GetProperty("items").EnumerateArray()
                .Select(PartnerOf).ToHashSet();
            Assert.Contains(a, all);
            Assert.Contains(b, all);
        }
        using var asA = host.WithKey(await host.CreateKeyAsync([PartnerPortal.SharedKernel.Scopes.ScoresRead], a));
        for (var i = 0; i < 2; i++)
        {
            var response = await asA.GetAsync(query, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var seen = (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(PartnerOf).ToHashSet();
            Assert.Contains(a, seen);
            Assert.DoesNotContain(b, seen);
        }

        // B's summary and B's own list are cached now (read by back office): A still gets 403, not the cached answer.
        foreach (var url in new[] { $"/api/v1/scoring/partners/{b}/summary?quarter=2088-Q4", $"{query}&partnerId={b}" })
        {
            await (await admin.GetAsync(url, Ct)).JsonAsync();
            await (await admin.GetAsync(url, Ct)).JsonAsync();
            await (await asA.GetAsync(url, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        }
        // Bad filters are refused before any cache is asked, also next to a cached good one.
        foreach (var (url, field) in new[]
                 {
                     ("/api/v1/scoring/scorecards?quarter=2088-Q5&dimension=touchpoint&segment=all", "quarter"),
                     ("/api/v1/scoring/scorecards?quarter=2088-q4&dimension=touchpoint&segment=all", "quarter"),
                     ("/api/v1/scoring/scorecards?quarter=2088-Q4&dimension=touchpoint&segment=vip", "segment"),
                     ($"/api/v1/scoring/partners/{a}/summary?quarter=2088-Q0", "quarter"),
                     ($"/api/v1/scoring/partners/{a}/summary", "quarter"),
                 })
        {
            Assert.NotEmpty((await (await asA.GetAsync(url, Ct)).ProblemAsync(HttpStatusCode.BadRequest)).Errors(field));
        }
    }
}
