using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using PartnerPortal.TestSupport;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Surveys;

/// <summary>
/// Appeals (DOMAIN.md "Trust in the score"): a partner appeals a response that counts for it, once, inside the window;
/// back office decides once; an accepted appeal excludes the response; a statement is not approved over open appeals.
/// This class and <see cref="AppealPageTests"/> own the quarters of 2047: 2047-Q1 has a plan and statements (approval),
/// 2047-Q2 has no plan (the default window), 2047-Q3 a plan with a 30-day window, 2047-Q4 a plan without the field.
/// </summary>
public sealed class AppealTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal const string Q1 = "2047-Q1";
    internal const string InQ1 = "2047-02-10T10:00:00+01:00";
    internal const string InQ2 = "2047-05-10T10:00:00+02:00";
    internal const string InQ3 = "2047-08-10T10:00:00+02:00";
    internal const string InQ4 = "2047-11-10T10:00:00+01:00";

    /// <summary>A partner with partner-shop responses (touchpoint <paramref name="scores"/>, each with a comment) at
    /// <paramref name="respondedAt"/>, and a key bound to it that may read and appeal.</summary>
    internal static async Task<(string Partner, string[] Ids, string Key)> PartnerAsync(PortalHost host, string respondedAt, params int[] scores)
    {
        var (partner, shops) = await host.CreatePartnerAsync();
        if (scores.Length == 0) scores = [3, 5, 10];
        var ids = scores.Select(_ => PortalHost.NewId("ap")).ToArray();
        using var admin = host.Admin();
        var batch = await PostBatchAsync(admin, ids.Select((id, i) => (object)Response(id, partner, shops[0], respondedAt, touchpoint: scores[i],
            comment: $"Kommentar {i} zu {partner}")));
        Assert.Equal(ids.Length, batch.GetProperty("accepted").GetInt32());
        return (partner, ids, await host.CreateKeyAsync([Scopes.SurveysRead, Scopes.SurveysAppeal], partner));
    }

    internal static HttpRequestMessage AppealRequest(string responseId, object? body, DateTimeOffset? now = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/surveys/responses/{responseId}/appeals") { Content = JsonContent.Create(body) };
        if (now is { } at) request.Headers.Add(RequestClock.Header, RequestClock.Format(at));
        return request;
    }

    internal static async Task<string> FileAsync(HttpClient client, string responseId, string reason = "not-our-customer", string? text = null) =>
        (await (await client.SendAsync(AppealRequest(responseId, new { reason, text }), Ct)).JsonAsync(HttpStatusCode.Created))
        .GetProperty("appealId").GetString()!;

    internal static Task<HttpResponseMessage> DecideAsync(HttpClient client, string appealId, string decision, string? note) =>
        client.PostAsJsonAsync($"/api/v1/surveys/appeals/{appealId}/decision", new { decision, note }, Ct);

    /// <summary>The plan of 2047-Q1: created, or frozen already by an approval of another test (then it stays as it is).</summary>
    internal static async Task EnsureQ1PlanAsync(PortalHost host)
    {
        using var admin = host.Admin();
        var put = await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{Q1}", new { baseRates = new { mobile = 10m, @fixed = 5m } }, Ct);
        Assert.True(put.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict, $"plan {Q1}: {(int)put.StatusCode}");
    }

    /// <summary>2047-Q3 with a 30-day window; 2047-Q4 without the field (so 14 days). Same bodies every time.</summary>
    private async Task EnsureQ3AndQ4PlansAsync()
    {
        using var admin = host.Admin();
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2047-Q3", new { baseRates = new { mobile = 10m, @fixed = 5m }, appealWindowDays = 30 }, Ct))
            .EnsureSuccess();
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2047-Q4", new { baseRates = new { mobile = 10m, @fixed = 5m } }, Ct)).EnsureSuccess();
    }

    private Task<long> AppealCountAsync(string responseId) =>
        host.ScalarAsync<long>("select count(*) from surveys.mt_doc_appeal where response_id = $1", responseId);

    private Task<long> AuditCountAsync(string subject, params string[] actions) =>
        host.ScalarAsync<long>("select count(*) from audit.mt_doc_auditentry where data ->> 'subject' = $1 and data ->> 'action' = any($2)", subject, actions);

    [Fact]
    public async Task A_partner_appeals_its_response_once_and_sees_it_with_its_window_and_the_step_is_audited()
    {
        var (partner, ids, key) = await PartnerAsync(host, InQ2);
        using var client = host.WithKey(key);

        var filed = await client.SendAsync(AppealRequest(ids[0], new { reason = "other", text = "  Das war ein Testanruf unseres Teams.  " }), Ct);
        var appeal = await filed.JsonAsync(HttpStatusCode.Created);
        var appealId = appeal.GetProperty("appealId").GetString()!;
        Assert.Equal($"/api/v1/surveys/appeals/{appealId}", filed.Headers.Location?.OriginalString);
        Assert.Equal(ids[0], appeal.GetProperty("responseId").GetString());
        Assert.Equal(partner, appeal.GetProperty("partnerId").GetString());
        Assert.Equal("2047-Q2", appeal.GetProperty("quarter").GetString());
        Assert.Equal("other", appeal.GetProperty("reason").GetString());
        Assert.Equal("Das war ein Testanruf unseres Teams.", appeal.GetProperty("text").GetString());
        Assert.Equal("open", appeal.GetProperty("status").GetString());
        Assert.True(appeal.GetProperty("filedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        // No plan for 2047-Q2: 14 days, open until 2047-07-14 23:59:59.999 Berlin (summer time).
        Assert.Equal("2047-07-15T00:00:00+02:00", appeal.GetProperty("windowClosesAt").GetString());
        Assert.Equal(JsonValueKind.Null, appeal.GetProperty("decidedAt").ValueKind);

        var one = await (await client.GetAsync($"/api/v1/surveys/appeals/{appealId}", Ct)).JsonAsync();
        Assert.Equal(ids[0], one.GetProperty("responseId").GetString());
        var listed = (await (await client.GetAsync("/api/v1/surveys/appeals?quarter=2047-Q2", Ct)).JsonAsync()).GetProperty("items");
        Assert.Equal([appealId], listed.EnumerateArray().Select(a => a.GetProperty("appealId").GetString()).ToArray());

        // Once per response.
        var again = await client.SendAsync(AppealRequest(ids[0], new { reason = "abusive" }), Ct);
        await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await AppealCountAsync(ids[0]));
        Assert.Equal(1, await AuditCountAsync($"appeal {appealId}", "appeal.filed"));

        // A reason other than 'other' needs no text.
        await FileAsync(client, ids[1], "staff-or-relative");
    }

    [Fact]
    public async Task Reason_other_needs_a_text_of_at_least_10_characters_after_trimming()
    {
        var (_, ids, key) = await PartnerAsync(host, InQ2);
        using var client = host.WithKey(key);
        Assert.Equal(9, "123456789".Length);

        foreach (var nine in new[] { "123456789", "   123456789   " })
        {
            var problem = await (await client.SendAsync(AppealRequest(ids[0], new { reason = "other", text = nine }), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem.Errors("text"));
            Assert.Equal(0, await AppealCountAsync(ids[0]));
        }

        var appeal = await (await client.SendAsync(AppealRequest(ids[0], new { reason = "other", text = "  1234567890  " }), Ct)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("1234567890", appeal.GetProperty("text").GetString());
        Assert.Equal(1, await AppealCountAsync(ids[0]));
    }

    [Fact]
    public async Task Unknown_and_other_partners_responses_are_404_bad_input_is_400_and_refused_requests_store_nothing()
    {
        var (_, ids, key) = await PartnerAsync(host, InQ2);
        var (other, otherIds, _) = await PartnerAsync(host, InQ2);
        using var client = host.WithKey(key);
        using var admin = host.Admin();

        var foreign = await (await client.SendAsync(AppealRequest(otherIds[0], new { reason = "abusive" }), Ct)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(other, foreign.ToString(), StringComparison.Ordinal);
        await (await client.SendAsync(AppealRequest("no-such-response", new { reason = "abusive" }), Ct)).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/surveys/appeals?partnerId={other}", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        using (var readOnly = host.WithKey(await host.CreateKeyAsync([Scopes.SurveysRead])))
            Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.SendAsync(AppealRequest(ids[0], new { reason = "abusive" }), Ct)).StatusCode);

        var bad = new (object? Body, string Field)[]
        {
            (null, "reason"), (new { }, "reason"), (new { reason = "" }, "reason"), (new { reason = "spam" }, "reason"),
            (new { reason = "other" }, "text"), (new { reason = "other", text = "zu kurz" }, "text"), (new { reason = "other", text = "    kurz     " }, "text"),
            (new { reason = "abusive", text = new string('x', 2001) }, "text"), (new { reason = "abusive", text = "Text mit \u0001 Steuerzeichen" }, "text"),
            (new { reason = "abusive", text = "\u202eTrojanischer Text" }, "text"),
        };
        foreach (var (body, field) in bad)
        {
            var problem = await (await client.SendAsync(AppealRequest(ids[0], body), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem.Errors(field));
        }
        // Invalid for another partner's response too: 400 before anything is looked up, so it says nothing about it.
        await (await client.SendAsync(AppealRequest(otherIds[0], new { reason = "spam" }), Ct)).ProblemAsync(HttpStatusCode.BadRequest);

        // A response that counts for no partner, or not as a partner-shop response, cannot be appealed.
        var hotline = PortalHost.NewId("ap");
        var ownShop = PortalHost.NewId("ap");
        var (partner, _) = await host.CreatePartnerAsync();
        await PostBatchAsync(admin, [Response(hotline, channel: "hotline", respondedAt: InQ2), Response(ownShop, partner, channel: "own-shop", respondedAt: InQ2)]);
        await (await admin.SendAsync(AppealRequest(hotline, new { reason = "abusive" }), Ct)).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.SendAsync(AppealRequest(ownShop, new { reason = "abusive" }), Ct)).ProblemAsync(HttpStatusCode.Conflict);
        // Nor a response that is excluded already.
        await (await admin.PutAsJsonAsync($"/api/v1/surveys/responses/{ids[1]}/quarantine", new { note = "Burst" }, Ct)).JsonAsync();
        await (await client.SendAsync(AppealRequest(ids[1], new { reason = "abusive" }), Ct)).ProblemAsync(HttpStatusCode.Conflict);

        foreach (var id in ids.Concat(otherIds).Append(hotline).Append(ownShop)) Assert.Equal(0, await AppealCountAsync(id));
    }

    [Fact]
    public async Task The_window_closes_at_Berlin_midnight_after_its_last_day_in_summer_and_in_winter_time()
    {
        await EnsureQ3AndQ4PlansAsync();
        var cases = new (string RespondedAt, string ClosesAt, DateTimeOffset Open, DateTimeOffset Closed)[]
        {
            // 2047-Q2, no plan: 14 days, the last day 2047-07-14 (summer time, +02:00).
            (InQ2, "2047-07-15T00:00:00+02:00", DateTimeOffset.Parse("2047-07-14T23:59:59.999+02:00"), DateTimeOffset.Parse("2047-07-15T00:00:00+02:00")),
            // 2047-Q3, 30 days: the last day 2047-10-30, after the change to winter time on 2047-10-27 (+01:00). At 23:30 Berlin
            // it is still open, although with the quarter's summer offset it would have closed at 23:00.
            (InQ3, "2047-10-31T00:00:00+01:00", DateTimeOffset.Parse("2047-10-30T23:30:00+01:00"), DateTimeOffset.Parse("2047-10-31T00:00:00+01:00")),
            // 2047-Q4, a plan without the field: 14 days, the last day 2048-01-14 (winter time): closed at 23:00 UTC, not at midnight UTC.
            (InQ4, "2048-01-15T00:00:00+01:00", DateTimeOffset.Parse("2048-01-14T23:59:59.999+01:00"), DateTimeOffset.Parse("2048-01-14T23:00:00Z")),
        };
        foreach (var (respondedAt, closesAt, open, closed) in cases)
        {
            var (_, ids, key) = await PartnerAsync(host, respondedAt);
            using var client = host.WithKey(key);
            var refused = await (await client.SendAsync(AppealRequest(ids[0], new { reason = "abusive" }, closed), Ct)).ProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("closed", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, await AppealCountAsync(ids[0]));
            var filed = await (await client.SendAsync(AppealRequest(ids[0], new { reason = "abusive" }, open), Ct)).JsonAsync(HttpStatusCode.Created);
            Assert.Equal(closesAt, filed.GetProperty("windowClosesAt").GetString());
            Assert.Equal(open.ToUniversalTime(), filed.GetProperty("filedAt").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task A_plan_sets_the_window_from_0_to_365_days_and_shows_14_when_it_names_none_also_when_stored_before_the_field()
    {
        await EnsureQ3AndQ4PlansAsync();
        using var admin = host.Admin();
        Assert.Equal(30, (await (await admin.GetAsync("/api/v1/incentives/plans/2047-Q3", Ct)).JsonAsync()).GetProperty("appealWindowDays").GetInt32());
        Assert.Equal(14, (await (await admin.GetAsync("/api/v1/incentives/plans/2047-Q4", Ct)).JsonAsync()).GetProperty("appealWindowDays").GetInt32());

        foreach (var days in new object[] { -1, 366, 1.5, "14" })
        {
            var put = await admin.PutAsJsonAsync("/api/v1/incentives/plans/2047-Q4", new { baseRates = new { mobile = 10m, @fixed = 5m }, appealWindowDays = days }, Ct);
            await put.ProblemAsync(HttpStatusCode.BadRequest);
        }
        Assert.Equal(14, (await (await admin.GetAsync("/api/v1/incentives/plans/2047-Q4", Ct)).JsonAsync()).GetProperty("appealWindowDays").GetInt32());

        // A plan stored before there was the field reads as 14 days.
        await host.ScalarAsync<int>("update incentives.mt_doc_commissionplan set data = data - 'appealWindowDays' where id = '2047-Q4' returning 1");
        Assert.Equal(14, (await (await admin.GetAsync("/api/v1/incentives/plans/2047-Q4", Ct)).JsonAsync()).GetProperty("appealWindowDays").GetInt32());
        var (_, ids, key) = await PartnerAsync(host, InQ4);
        using var client = host.WithKey(key);
        var filed = await (await client.SendAsync(AppealRequest(ids[0], new { reason = "abusive" }), Ct)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("2048-01-15T00:00:00+01:00", filed.GetProperty("windowClosesAt").GetString());
    }

    [Fact]
    public async Task Approval_is_refused_naming_the_open_appeals_and_once_the_statement_is_approved_the_window_is_closed()
    {
        await EnsureQ1PlanAsync(host);
        var (partner, ids, key) = await PartnerAsync(host, InQ1);
        using var admin = host.Admin();
        await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new
        {
            items = new[] { new { transactionId = PortalHost.NewId("t"), partnerId = partner, category = "mobile", occurredAt = "2047-02-05T10:00:00+01:00" } },
        }, Ct)).JsonAsync();
        Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/incentives/recalculations", Q1)).GetProperty("state").GetString());
        using var client = host.WithKey(key);
        var first = await FileAsync(client, ids[0]);
        var second = await FileAsync(client, ids[1]);

        var refused = await (await admin.PostAsync($"/api/v1/incentives/statements/{Q1}/{partner}/approve", null, Ct)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal([first, second], refused.GetProperty("openAppeals").EnumerateArray().Select(a => a.GetString()).ToArray());
        Assert.Equal("draft", (await (await admin.GetAsync($"/api/v1/incentives/statements/{Q1}/{partner}", Ct)).JsonAsync()).GetProperty("status").GetString());

        await (await DecideAsync(admin, first, "rejected", "Kunde ist echt")).JsonAsync();
        refused = await (await admin.PostAsync($"/api/v1/incentives/statements/{Q1}/{partner}/approve", null, Ct)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal([second], refused.GetProperty("openAppeals").EnumerateArray().Select(a => a.GetString()).ToArray());
        await (await DecideAsync(admin, second, "accepted", null)).JsonAsync();
        await (await admin.PostAsync($"/api/v1/incentives/statements/{Q1}/{partner}/approve", null, Ct)).JsonAsync();

        // Approved: the partner's window of the quarter is closed, long before its 14 days are over.
        var closed = await (await client.SendAsync(AppealRequest(ids[2], new { reason = "abusive" }), Ct)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("approved", closed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await AppealCountAsync(ids[2]));
    }

    [Fact]
    public async Task Accepting_excludes_the_response_from_the_cards_and_the_statement_rejecting_needs_a_note_and_a_decision_is_final()
    {
        await EnsureQ1PlanAsync(host);
        var scores = Enumerable.Repeat(10, 20).Concat(Enumerable.Repeat(8, 10)).Concat(Enumerable.Repeat(3, 10)).ToArray();
        var (partner, ids, key) = await PartnerAsync(host, InQ1, scores);
        using var admin = host.Admin();
        await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new
        {
            items = new[] { new { transactionId = PortalHost.NewId("t"), partnerId = partner, category = "mobile", occurredAt = "2047-02-05T10:00:00+01:00" } },
        }, Ct)).JsonAsync();
        await host.RunJobAsync("/api/v1/scoring/recalculations", Q1);
        Assert.Equal(40, (await CardAsync(partner))!.Value.GetProperty("n").GetInt32());
        using var client = host.WithKey(key);
        var detractor = ids[39];
        var appealId = await FileAsync(client, detractor, "staff-or-relative", "Die Schwester der Filialleiterin");

        var noNote = await (await DecideAsync(admin, appealId, "rejected", "  ")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noNote.Errors("note"));
        foreach (var decision in new[] { "", "maybe", "ACCEPTED" })
            Assert.NotEmpty((await (await DecideAsync(admin, appealId, decision, "x")).ProblemAsync(HttpStatusCode.BadRequest)).Errors("decision"));
        using (var boundReviewer = host.WithKey(await host.StoreKeyAsync([Scopes.SurveysRead, Scopes.SurveysReview], partner)))
            Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(boundReviewer, appealId, "accepted", null)).StatusCode);
        await (await DecideAsync(admin, "no-such-appeal", "accepted", null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_appealdecision where id = $1", appealId));

        var accepted = await (await DecideAsync(admin, appealId, "accepted", "Geprüft")).JsonAsync();
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.Equal("Geprüft", accepted.GetProperty("note").GetString());
        Assert.StartsWith("key:", accepted.GetProperty("decidedBy").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, accepted.GetProperty("decidedAt").ValueKind);
        await (await DecideAsync(admin, appealId, "rejected", "doch nicht")).ProblemAsync(HttpStatusCode.Conflict);
        await (await DecideAsync(admin, appealId, "accepted", null)).ProblemAsync(HttpStatusCode.Conflict);

        // The partner sees the decision and its excluded response, without learning who decided.
        var seen = await (await client.GetAsync($"/api/v1/surveys/appeals/{appealId}", Ct)).JsonAsync();
        Assert.Equal("back-office", seen.GetProperty("decidedBy").GetString());
        var response = await (await client.GetAsync($"/api/v1/surveys/responses/{detractor}", Ct)).JsonAsync();
        Assert.Equal("appeal", response.GetProperty("excluded").GetProperty("reason").GetString());
        Assert.Equal("appeal", await host.ScalarAsync<string>("select data ->> 'reason' from surveys.mt_doc_responseexclusion where id = $1", detractor));
        Assert.Equal(appealId, await host.ScalarAsync<string>("select data ->> 'appealId' from surveys.mt_doc_responseexclusion where id = $1", detractor));

        // The quarter is recalculated by itself: 39 scores, 9 detractors; the statement then counts 39 too.
        var card = await CardWithNAsync(partner, 39);
        Assert.Equal(9, card.GetProperty("detractors").GetInt32());
        Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/incentives/recalculations", Q1)).GetProperty("state").GetString());
        var statement = await (await admin.GetAsync($"/api/v1/incentives/statements/{Q1}/{partner}", Ct)).JsonAsync();
        Assert.Equal(39, statement.GetProperty("nps").GetProperty("n").GetInt32());

        Assert.Equal(1, await AuditCountAsync($"appeal {appealId}", "appeal.filed"));
        Assert.Equal(1, await AuditCountAsync($"appeal {appealId}", "appeal.accepted", "appeal.rejected"));
        Assert.Equal(1, await AuditCountAsync($"response {detractor}", "response.excluded"));
    }

    [Fact]
    public async Task An_accepted_appeal_takes_over_a_quarantine_and_cannot_be_released()
    {
        var (_, ids, key) = await PartnerAsync(host, InQ2);
        using var client = host.WithKey(key);
        using var admin = host.Admin();
        var appealId = await FileAsync(client, ids[0]);
        await (await admin.PutAsJsonAsync($"/api/v1/surveys/responses/{ids[0]}/quarantine", new { note = "Burst aus einer Filiale" }, Ct)).JsonAsync();
        await (await DecideAsync(admin, appealId, "accepted", null)).JsonAsync();
        Assert.Equal("appeal", await host.ScalarAsync<string>("select data ->> 'reason' from surveys.mt_doc_responseexclusion where id = $1", ids[0]));
        var release = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/surveys/responses/{ids[0]}/quarantine")
        { Content = JsonContent.Create(new { note = "frei" }) }, Ct);
        await release.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_responseexclusion where id = $1", ids[0]));
        Assert.Equal(2, await AuditCountAsync($"response {ids[0]}", "response.excluded"));
    }

    [Fact]
    public async Task The_listing_is_oldest_first_filtered_paged_and_confined_to_the_callers_partner()
    {
        var (partner, ids, key) = await PartnerAsync(host, InQ2);
        var (other, otherIds, otherKey) = await PartnerAsync(host, InQ3);
        using var client = host.WithKey(key);
        using var otherClient = host.WithKey(otherKey);
        using var admin = host.Admin();
        var appeals = new List<string>();
        foreach (var id in ids) appeals.Add(await FileAsync(client, id));
        var otherAppeal = await FileAsync(otherClient, otherIds[0]);
        await (await DecideAsync(admin, appeals[1], "rejected", "nein")).JsonAsync();

        static string[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("appealId").GetString()!).ToArray();
        Assert.Equal(appeals, Ids(await (await client.GetAsync("/api/v1/surveys/appeals", Ct)).JsonAsync()));
        Assert.Equal([appeals[0], appeals[2]], Ids(await (await client.GetAsync("/api/v1/surveys/appeals?status=open", Ct)).JsonAsync()));
        Assert.Equal([appeals[1]], Ids(await (await client.GetAsync("/api/v1/surveys/appeals?status=rejected", Ct)).JsonAsync()));
        Assert.Empty(Ids(await (await client.GetAsync("/api/v1/surveys/appeals?status=accepted", Ct)).JsonAsync()));
        Assert.Empty(Ids(await (await client.GetAsync("/api/v1/surveys/appeals?quarter=2047-Q3", Ct)).JsonAsync()));
        Assert.Equal([otherAppeal], Ids(await (await admin.GetAsync($"/api/v1/surveys/appeals?partnerId={other}", Ct)).JsonAsync()));
        await (await client.GetAsync($"/api/v1/surveys/appeals/{otherAppeal}", Ct)).ProblemAsync(HttpStatusCode.NotFound);

        var paged = new List<string>();
        string? next = null;
        do
        {
            var page = await (await admin.GetAsync($"/api/v1/surveys/appeals?partnerId={partner}&limit=2" + (next is null ? "" : "&after=" + next), Ct)).JsonAsync();
            paged.AddRange(Ids(page));
            next = page.GetProperty("next").GetString();
        } while (next is not null);
        Assert.Equal(appeals, paged);

        foreach (var (query, field) in new[] { ("status=closed", "status"), ("quarter=2047-Q5", "quarter"), ("after=nonsense", "after"), ("limit=0", "limit"),
                     ("limit=1001", "limit"), ("after=" + Convert.ToBase64String("5|\0"u8).TrimEnd('=').Replace('+', '-').Replace('/', '_'), "after") })
            Assert.NotEmpty((await (await admin.GetAsync("/api/v1/surveys/appeals?" + query, Ct)).ProblemAsync(HttpStatusCode.BadRequest)).Errors(field));
    }

    [Fact]
    public async Task Parallel_appeals_of_one_response_store_exactly_one()
    {
        var (_, ids, key) = await PartnerAsync(host, InQ2, Enumerable.Repeat(5, 20).ToArray());
        using var client = host.WithKey(key);
        foreach (var id in ids)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                client.SendAsync(AppealRequest(id, new { reason = AppealReasonsFor(i), text = "Parallel eingelegt" }), Ct)));
            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
            Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
            Assert.Equal(1, await AppealCountAsync(id));
            Assert.Equal(1, await host.ScalarAsync<long>(
                "select count(*) from audit.mt_doc_auditentry where data ->> 'action' = 'appeal.filed' and data ->> 'details' like $1", $"response {id},%"));
        }
    }

    private static string AppealReasonsFor(int i) => new[] { "not-our-customer", "staff-or-relative", "duplicate-customer", "other-channel", "abusive" }[i % 5];

    [Fact]
    public async Task Parallel_decisions_of_one_appeal_store_exactly_one()
    {
        var (_, ids, key) = await PartnerAsync(host, InQ2, Enumerable.Repeat(5, 20).ToArray());
        using var client = host.WithKey(key);
        using var admin = host.Admin();
        foreach (var id in ids)
        {
            var appealId = await FileAsync(client, id);
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                DecideAsync(admin, appealId, i % 2 == 0 ? "accepted" : "rejected", $"Entscheidung {i}")));
            var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
            var decision = (await winner.JsonAsync()).GetProperty("status").GetString();
            Assert.Equal(1, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_appealdecision where id = $1", appealId));
            Assert.Equal(decision, await host.ScalarAsync<string>("select data ->> 'decision' from surveys.mt_doc_appealdecision where id = $1", appealId));
            Assert.Equal(1, await AuditCountAsync($"appeal {appealId}", "appeal.accepted", "appeal.rejected"));
            Assert.Equal(decision == "accepted" ? 1 : 0, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_responseexclusion where id = $1", id));
            Assert.Equal(decision == "accepted" ? 1 : 0, await AuditCountAsync($"response {id}", "response.excluded"));
        }
    }

    [Fact]
    public async Task Filing_and_approving_at_once_never_leave_an_approved_statement_with_an_open_appeal()
    {
        await EnsureQ1PlanAsync(host);
        const int trials = 20;
        var partners = new List<(string Partner, string ResponseId, string Key)>();
        var transactions = new List<object>();
        for (var i = 0; i < trials; i++)
        {
            var (partner, ids, key) = await PartnerAsync(host, InQ1, 5);
            partners.Add((partner, ids[0], key));
            transactions.Add(new { transactionId = PortalHost.NewId("t"), partnerId = partner, category = "fixed", occurredAt = "2047-02-05T10:00:00+01:00" });
        }
        using var admin = host.Admin();
        await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new { items = transactions }, Ct)).JsonAsync();
        Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/incentives/recalculations", Q1)).GetProperty("state").GetString());

        foreach (var (partner, responseId, key) in partners)
        {
            using var client = host.WithKey(key);
            var approve = admin.PostAsync($"/api/v1/incentives/statements/{Q1}/{partner}/approve", null, Ct);
            var appeal = client.SendAsync(AppealRequest(responseId, new { reason = "abusive" }), Ct);
            await Task.WhenAll(approve, appeal);
            var status = (await (await admin.GetAsync($"/api/v1/incentives/statements/{Q1}/{partner}", Ct)).JsonAsync()).GetProperty("status").GetString();
            var stored = await AppealCountAsync(responseId);
            if (appeal.Result.StatusCode == HttpStatusCode.Created)
            {
                Assert.Equal(HttpStatusCode.Conflict, approve.Result.StatusCode);
                Assert.Equal("draft", status);
                Assert.Equal(1, stored);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, appeal.Result.StatusCode);
                Assert.Equal(HttpStatusCode.OK, approve.Result.StatusCode);
                Assert.Equal("approved", status);
                Assert.Equal(0, stored);
            }
        }
    }

    [Fact]
    public async Task Filing_while_the_quarters_statements_stay_busy_is_a_409_to_try_again_and_stores_nothing()
    {
        // 2047-Q4, which only this class files appeals in (its tests run one after the other): a recalculation (or an
        // approval) of the quarter holds its lock for longer than a request waits (30 s).
        await EnsureQ3AndQ4PlansAsync();
        var (_, ids, key) = await PartnerAsync(host, "2047-11-20T10:00:00+01:00");
        var storage = (Hangfire.JobStorage)host.Services.GetService(typeof(Hangfire.JobStorage))!;
        using var connection = storage.GetConnection();
        using (connection.AcquireDistributedLock("incentives:recalculate:2047-Q4", TimeSpan.FromSeconds(10)))
        {
            using var partner = host.WithKey(key);
            var response = await partner.SendAsync(AppealRequest(ids[0], new { reason = "abusive" }, new DateTimeOffset(2048, 1, 5, 10, 0, 0, TimeSpan.FromHours(1))), Ct);
            var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("try again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(0, await AppealCountAsync(ids[0]));
        // Once the lock is free, the same appeal is filed.
        using var again = host.WithKey(key);
        await (await again.SendAsync(AppealRequest(ids[0], new { reason = "abusive" }, new DateTimeOffset(2048, 1, 5, 10, 0, 0, TimeSpan.FromHours(1))), Ct))
            .JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Without_Incentives_Surveys_uses_the_default_window_and_holds_nothing()
    {
        // Surveys' own services, as a host with Partners and Surveys only registers them: no IAppealWindows.
        var services = new ServiceCollection();
        new PartnerPortal.Surveys.SurveysModule().AddServices(services, new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var lookup = scope.ServiceProvider.GetRequiredService<PartnerPortal.Surveys.Trust.AppealWindowLookup>();
        Assert.Equal(new PartnerPortal.Incentives.Contracts.AppealWindow("2047-Q2", 14, false), await lookup.ForAsync("2047-Q2", "p-any", Ct));
        using (lookup.HoldApprovals("2047-Q2")) { }
    }

    private async Task<JsonElement?> CardAsync(string partner)
    {
        using var admin = host.Admin();
        var items = (await (await admin.GetAsync($"/api/v1/scoring/scorecards?quarter={Q1}&scope=partner&partnerId={partner}&dimension=touchpoint&segment=all", Ct))
            .JsonAsync()).GetProperty("items").EnumerateArray().ToArray();
        return items.Length == 0 ? null : items[0];
    }

    private async Task<JsonElement> CardWithNAsync(string partner, int n)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await CardAsync(partner) is { } card && card.GetProperty("n").GetInt32() == n) return card;
            await Task.Delay(100, timeout.Token);
        }
    }
}

internal static class AppealTestExtensions
{
    public static async Task EnsureSuccess(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode) Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
