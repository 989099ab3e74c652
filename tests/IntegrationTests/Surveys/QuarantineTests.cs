using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Surveys;

/// <summary>
/// Quarantine and release (DOMAIN.md "Trust in the score"): an excluded response leaves the score cards (the quarter is
/// recalculated by itself), stays stored and listed, marked. This class owns the quarters of 2046.
/// </summary>
public sealed class QuarantineTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A partner with 40 touchpoint scores in <paramref name="quarterStart"/>'s quarter: 20 × 10, 10 × 8, 10 × 3.</summary>
    private async Task<(string Partner, string[] Ids)> SeedAsync(string quarterStart, string quarter)
    {
        var (partner, _) = await host.CreatePartnerAsync();
        var scores = Enumerable.Repeat(10, 20).Concat(Enumerable.Repeat(8, 10)).Concat(Enumerable.Repeat(3, 10)).ToArray();
        var ids = scores.Select(_ => PortalHost.NewId("q")).ToArray();
        using var admin = host.Admin();
        var batch = await PostBatchAsync(admin, ids.Select((id, i) => (object)Response(id, partner, respondedAt: quarterStart, touchpoint: scores[i],
            comment: i == 39 ? "Unfreundlich und lange Wartezeit" : null)));
        Assert.Equal(40, batch.GetProperty("accepted").GetInt32());
        await host.RunJobAsync("/api/v1/scoring/recalculations", quarter);
        return (partner, ids);
    }

    private async Task<JsonElement?> TouchpointCardAsync(string quarter, string partner)
    {
        using var admin = host.Admin();
        var items = (await (await admin.GetAsync($"/api/v1/scoring/scorecards?quarter={quarter}&scope=partner&partnerId={partner}&dimension=touchpoint&segment=all", Ct))
            .JsonAsync()).GetProperty("items").EnumerateArray().ToArray();
        return items.Length == 0 ? null : items[0];
    }

    /// <summary>Polls the card until its n is <paramref name="n"/> (the recalculation runs as a job).</summary>
    private async Task<JsonElement> CardWithNAsync(string quarter, string partner, int n)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await TouchpointCardAsync(quarter, partner) is { } card && card.GetProperty("n").GetInt32() == n) return card;
            await Task.Delay(100, timeout.Token);
        }
    }

    [Fact]
    public async Task A_quarantined_response_leaves_the_card_which_then_equals_the_card_computed_without_it_and_release_brings_it_back()
    {
        var (partner, ids) = await SeedAsync("2046-05-04T10:00:00+02:00", "2046-Q2");
        Assert.Equal(40, (await TouchpointCardAsync("2046-Q2", partner))!.Value.GetProperty("n").GetInt32());
        using var admin = host.Admin();

        var detractor = ids[39];
        var put = await admin.PutAsJsonAsync($"/api/v1/surveys/responses/{detractor}/quarantine", new { note = "Mitarbeiter hat selbst geantwortet" }, Ct);
        var view = await put.JsonAsync();
        Assert.Equal("integrity", view.GetProperty("excluded").GetProperty("reason").GetString());

        // 40 → 39: 20 promoters, 9 detractors. NPS = 100 × 11 / 39; the figures equal those of a card without the response.
        var card = await CardWithNAsync("2046-Q2", partner, 39);
        Assert.Equal(20, card.GetProperty("promoters").GetInt32());
        Assert.Equal(9, card.GetProperty("detractors").GetInt32());
        Assert.Equal(Math.Round(100.0 * 11 / 39, 1, MidpointRounding.AwayFromZero), card.GetProperty("nps").GetDouble());

        // Still stored, and marked in the listing and the single view.
        var one = await (await admin.GetAsync($"/api/v1/surveys/responses/{detractor}", Ct)).JsonAsync();
        Assert.Equal("integrity", one.GetProperty("excluded").GetProperty("reason").GetString());
        var listed = (await (await admin.GetAsync($"/api/v1/surveys/responses?partnerId={partner}&limit=100", Ct)).JsonAsync())
            .GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(40, listed.Length);
        Assert.Single(listed, r => r.GetProperty("excluded").ValueKind == JsonValueKind.Object);

        var release = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/surveys/responses/{detractor}/quarantine")
        { Content = JsonContent.Create(new { note = "Geprüft: echter Kunde" }) }, Ct);
        Assert.Equal(JsonValueKind.Null, (await release.JsonAsync()).GetProperty("excluded").ValueKind);
        card = await CardWithNAsync("2046-Q2", partner, 40);
        Assert.Equal(10, card.GetProperty("detractors").GetInt32());

        var audit = await host.ScalarAsync<long>(
            "select count(*) from audit.mt_doc_auditentry where data ->> 'subject' = $1 and data ->> 'action' in ('response.excluded', 'response.released')",
            "response " + detractor);
        Assert.Equal(2, audit);
    }

    [Fact]
    public async Task A_partner_sees_its_excluded_response_marked_without_learning_who_excluded_it_and_may_not_quarantine()
    {
        var (partner, ids) = await SeedAsync("2046-08-04T10:00:00+02:00", "2046-Q3");
        using var admin = host.Admin();
        await (await admin.PutAsJsonAsync($"/api/v1/surveys/responses/{ids[0]}/quarantine", new { note = "Burst aus einer Filiale" }, Ct)).JsonAsync();
        using var partnerKey = host.WithKey(await host.StoreKeyAsync(["surveys:read", "surveys:review"], partner));
        var one = await (await partnerKey.GetAsync($"/api/v1/surveys/responses/{ids[0]}", Ct)).JsonAsync();
        Assert.Equal("back-office", one.GetProperty("excluded").GetProperty("by").GetString());
        var refused = await partnerKey.PutAsJsonAsync($"/api/v1/surveys/responses/{ids[1]}/quarantine", new { note = "Ich will das nicht" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_responseexclusion where id = $1", ids[1]));
    }

    [Fact]
    public async Task Bad_quarantine_requests_are_refused_and_change_nothing()
    {
        var (_, ids) = await SeedAsync("2046-11-04T10:00:00+01:00", "2046-Q4");
        using var admin = host.Admin();
        foreach (var body in new object?[] { new { }, new { note = "" }, new { note = "   " }, new { note = new string('x', 2001) }, new { note = "a\u0000b" } })
        {
            var problem = await (await admin.PutAsJsonAsync($"/api/v1/surveys/responses/{ids[0]}/quarantine", body, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem.Errors("note"));
        }
        await (await admin.PutAsJsonAsync("/api/v1/surveys/responses/no-such-response/quarantine", new { note = "gibt es nicht" }, Ct))
            .ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_responseexclusion where id = $1", ids[0]));
        var release = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/surveys/responses/{ids[0]}/quarantine")
        { Content = JsonContent.Create(new { note = "nicht in Quarantäne" }) }, Ct);
        await release.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Concurrent_quarantines_and_releases_store_and_audit_each_change_once()
    {
        var (_, ids) = await SeedAsync("2046-02-04T10:00:00+01:00", "2046-Q1");
        using var admin = host.Admin();
        for (var trial = 0; trial < 10; trial++)
        {
            var id = ids[trial];
            var puts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
                admin.PutAsJsonAsync($"/api/v1/surveys/responses/{id}/quarantine", new { note = "parallel geprüft" }, Ct)));
            Assert.All(puts, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
            var deletes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.SendAsync(
                new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/surveys/responses/{id}/quarantine") { Content = JsonContent.Create(new { note = "frei" }) }, Ct)));
            Assert.Single(deletes, d => d.StatusCode == HttpStatusCode.OK);
            Assert.All(deletes, d => Assert.Contains(d.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound }));
            Assert.Equal(1, await host.ScalarAsync<long>(
                "select count(*) from audit.mt_doc_auditentry where data ->> 'subject' = $1 and data ->> 'action' = 'response.excluded'", "response " + id));
            Assert.Equal(1, await host.ScalarAsync<long>(
                "select count(*) from audit.mt_doc_auditentry where data ->> 'subject' = $1 and data ->> 'action' = 'response.released'", "response " + id));
        }
    }
}
