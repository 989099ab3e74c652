using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.FollowUps.FollowUpData;

namespace PartnerPortal.IntegrationTests.FollowUps;

/// <summary>
/// open → in-progress → closed, reopen once; illegal moves 409; bad closes 400 with field errors and no change; another
/// partner's case 404 and absent from lists; concurrent moves exactly once. This class owns the quarters of 2066.
/// </summary>
public sealed class CaseLifecycleTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Partner, string[] Cases)> CasesAsync(int count, string respondedAt = "2066-05-04T10:00:00+02:00")
    {
        var (partner, shop) = await PartnerAsync(host);
        var ids = Enumerable.Range(0, count).Select(i => $"{PortalHost.NewId("ful")}-{i}").ToArray();
        using var admin = host.Admin();
        var batch = await BatchAsync(admin, ids.Select(x => (object)Response(x, partner, shop, respondedAt, 2, comment: "Zu lange gewartet")));
        Assert.Equal(count, batch.GetProperty("accepted").GetInt32());
        return (partner, ids);
    }

    private static async Task<JsonElement> CaseAsync(HttpClient client, string partner, string caseId) =>
        (await (await client.GetAsync($"/api/v1/followups?partnerId={partner}&limit=1000", Ct)).JsonAsync())
        .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("caseId").GetString() == caseId);

    [Fact]
    public async Task A_case_is_started_closed_reopened_once_and_closed_again_and_every_illegal_move_is_409()
    {
        var (partner, cases) = await CasesAsync(1);
        var c = cases[0];
        using var key = host.WithKey(await host.CreateKeyAsync(["followups:read", "followups:write"], partner));

        await (await MoveAsync(key, c, "reopen")).ProblemAsync(HttpStatusCode.Conflict);
        var started = await (await MoveAsync(key, c, "start")).JsonAsync();
        Assert.Equal("in-progress", started.GetProperty("status").GetString());
        await (await MoveAsync(key, c, "start")).ProblemAsync(HttpStatusCode.Conflict);

        var closed = await (await MoveAsync(key, c, "close", GoodClose)).JsonAsync();
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("waiting-time", closed.GetProperty("rootCause").GetString());
        Assert.Equal("called-back", closed.GetProperty("action").GetString());
        Assert.Equal("Kunde zurückgerufen, Termin vereinbart.", closed.GetProperty("note").GetString());
        Assert.NotEqual(JsonValueKind.Null, closed.GetProperty("closedAt").ValueKind);
        await (await MoveAsync(key, c, "close", GoodClose)).ProblemAsync(HttpStatusCode.Conflict);
        await (await MoveAsync(key, c, "start")).ProblemAsync(HttpStatusCode.Conflict);

        var reopened = await (await MoveAsync(key, c, "reopen")).JsonAsync();
        Assert.Equal("open", reopened.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("rootCause").ValueKind);
        // An open case may be closed straight away.
        await (await MoveAsync(key, c, "close", new { rootCause = "advice", action = "visited-shop", note = "Beratung nachgeholt." })).JsonAsync();
        var second = await (await MoveAsync(key, c, "reopen")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("once", second.GetProperty("detail").GetString());

        var now = await CaseAsync(key, partner, c);
        Assert.Equal("advice", now.GetProperty("rootCause").GetString());
        Assert.Equal(1, await AuditCountAsync(host, c, "followup.started"));
        Assert.Equal(2, await AuditCountAsync(host, c, "followup.closed"));
        Assert.Equal(1, await AuditCountAsync(host, c, "followup.reopened"));
    }

    [Fact]
    public async Task Closing_without_root_cause_action_or_note_with_unknown_values_or_a_long_note_is_400_and_changes_nothing()
    {
        var (partner, cases) = await CasesAsync(1);
        var c = cases[0];
        using var admin = host.Admin();
        var bad = new (object Body, string[] Fields)[]
        {
            (new { }, ["rootCause", "action", "note"]),
            (new { rootCause = "weather", action = "called-back", note = "x" }, ["rootCause"]),
            (new { rootCause = "excluded", action = "called-back", note = "x" }, ["rootCause"]),
            (new { rootCause = "advice", action = "prayed", note = "x" }, ["action"]),
            (new { rootCause = "advice", action = "other", note = "   " }, ["note"]),
            (new { rootCause = "advice", action = "other", note = new string('x', 2001) }, ["note"]),
            (new { rootCause = "advice", action = "other", note = "a\u0000b" }, ["note"]),
        };
        foreach (var (body, fields) in bad)
        {
            var problem = await (await MoveAsync(admin, c, "close", body)).ProblemAsync(HttpStatusCode.BadRequest);
            foreach (var field in fields) Assert.NotEmpty(problem.Errors(field));
        }
        // Not JSON at all.
        var garbled = await admin.PostAsync($"/api/v1/followups/{c}/close", new StringContent("{rootCause:", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        Assert.Equal("open", (await CaseAsync(admin, partner, c)).GetProperty("status").GetString());
        Assert.Equal(0, await AuditCountAsync(host, c, "followup.closed"));
        // 2,000 characters are fine.
        var ok = await (await MoveAsync(admin, c, "close", new { rootCause = "other", action = "other", note = new string('n', 2000) })).JsonAsync();
        Assert.Equal(2000, ok.GetProperty("note").GetString()!.Length);
    }

    [Fact]
    public async Task Another_partners_case_is_404_for_every_move_and_absent_from_its_lists_and_figures()
    {
        var (partnerA, casesA) = await CasesAsync(2);
        var (partnerB, casesB) = await CasesAsync(1);
        using var keyB = host.WithKey(await host.CreateKeyAsync(["followups:read", "followups:write"], partnerB));
        foreach (var move in new[] { "start", "close", "reopen" })
        {
            var refused = await (await MoveAsync(keyB, casesA[0], move, GoodClose)).ProblemAsync(HttpStatusCode.NotFound);
            var unknown = await (await MoveAsync(keyB, "no-such-case", move, GoodClose)).ProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(unknown.GetProperty("title").GetString(), refused.GetProperty("title").GetString());
        }
        // B's list and figures hold its own case only; asking for partner A's is 403, like every other partner-scoped query.
        var listed = (await (await keyB.GetAsync("/api/v1/followups", Ct)).JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("caseId").GetString()).ToArray();
        Assert.Equal(casesB, listed);
        Assert.Equal(HttpStatusCode.Forbidden, (await keyB.GetAsync($"/api/v1/followups?partnerId={partnerA}", Ct)).StatusCode);
        var stats = await (await keyB.GetAsync("/api/v1/followups/stats?quarter=2066-Q2", Ct)).JsonAsync();
        Assert.Equal(1, stats.GetProperty("opened").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await keyB.GetAsync($"/api/v1/followups/stats?quarter=2066-Q2&partnerId={partnerA}", Ct)).StatusCode);
        using var admin = host.Admin();
        Assert.Equal("open", (await CaseAsync(admin, partnerA, casesA[0])).GetProperty("status").GetString());
        // Without the write scope: 403, and nothing moves.
        using var readOnly = host.WithKey(await host.CreateKeyAsync(["followups:read"], partnerA));
        Assert.Equal(HttpStatusCode.Forbidden, (await MoveAsync(readOnly, casesA[0], "start")).StatusCode);
        Assert.Equal("open", (await CaseAsync(admin, partnerA, casesA[0])).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Concurrent_moves_of_one_case_happen_exactly_once()
    {
        var (partner, cases) = await CasesAsync(25);
        using var admin = host.Admin();
        foreach (var c in cases)
        {
            var starts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => MoveAsync(admin, c, "start")));
            Assert.Single(starts, s => s.StatusCode == HttpStatusCode.OK);
            Assert.All(starts, s => Assert.Contains(s.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
            var closes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
                MoveAsync(admin, c, "close", new { rootCause = RootCause(i), action = "called-back", note = $"Versuch {i}" })));
            var winner = Assert.Single(closes, s => s.StatusCode == HttpStatusCode.OK);
            var reopens = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => MoveAsync(admin, c, "reopen")));
            Assert.Single(reopens, s => s.StatusCode == HttpStatusCode.OK);
            Assert.Equal(1, await AuditCountAsync(host, c, "followup.started"));
            Assert.Equal(1, await AuditCountAsync(host, c, "followup.closed"));
            Assert.Equal(1, await AuditCountAsync(host, c, "followup.reopened"));
            Assert.Equal(3L, await host.ScalarAsync<long>("select count(*) from followups.mt_doc_casemove where data ->> 'caseId' = $1", c));
            Assert.Equal(1, await host.ScalarAsync<int>("select (data ->> 'reopened')::int from followups.mt_doc_followupcase where id = $1", c));
        }
        return;

        static string RootCause(int i) => new[] { "advice", "waiting-time", "product", "price-tariff", "network", "billing" }[i];
    }

    [Fact]
    public async Task Bad_list_filters_are_400_with_field_errors()
    {
        using var admin = host.Admin();
        var quarter = await (await admin.GetAsync("/api/v1/followups?quarter=2066-Q5", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(quarter.Errors("quarter"));
        var problem = await (await admin.GetAsync("/api/v1/followups?status=done&overdue=maybe&limit=0&after=garbled&partnerId=a%20b", Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "status", "overdue", "limit", "after", "partnerId" }) Assert.True(problem.Errors(field).Length > 0, $"{field}: {problem}");
        var stats = await (await admin.GetAsync("/api/v1/followups/stats", Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(stats.Errors("quarter"));
    }

    [Fact]
    public async Task The_list_pages_oldest_due_first_and_filters_by_status_and_overdue()
    {
        var (partner, shop) = await PartnerAsync(host);
        var id = PortalHost.NewId("ful");
        // Stored Monday, Tuesday and Wednesday of one week: due the end of Wednesday, Thursday and Friday.
        foreach (var (day, n) in new[] { ("2066-08-02", 2), ("2066-08-03", 1), ("2066-08-04", 3) })
        {
            using var at = At(host, DateTimeOffset.Parse($"{day}T12:00:00+02:00"));
            await BatchAsync(at, Enumerable.Range(0, n).Select(i => (object)Response($"{id}-{day}-{i}", partner, shop, "2066-08-02T09:00:00+02:00", 5)));
        }
        using var admin = host.Admin();
        var seen = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = await (await admin.GetAsync($"/api/v1/followups?partnerId={partner}&limit=2" + (next is null ? "" : $"&after={next}"), Ct)).JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        } while (next is not null);
        Assert.Equal(6, seen.Count);
        var due = seen.Select(s => s.GetProperty("dueAt").GetDateTimeOffset()).ToArray();
        Assert.Equal(due.Order(), due);
        Assert.Equal(6, seen.Select(s => s.GetProperty("caseId").GetString()).Distinct().Count());

        // On Friday 2066-08-06 at noon, the two stored on Monday and Tuesday are overdue; closing one takes it out.
        using var friday = At(host, DateTimeOffset.Parse("2066-08-06T12:00:00+02:00"));
        string[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetString()!).ToArray();
        var overdue = Ids(await (await friday.GetAsync($"/api/v1/followups?partnerId={partner}&overdue=true", Ct)).JsonAsync());
        Assert.Equal([$"{id}-2066-08-02-0", $"{id}-2066-08-02-1", $"{id}-2066-08-03-0"], overdue.Order(StringComparer.Ordinal));
        await (await MoveAsync(friday, overdue[0], "close", GoodClose)).JsonAsync();
        Assert.Equal(2, Ids(await (await friday.GetAsync($"/api/v1/followups?partnerId={partner}&overdue=true", Ct)).JsonAsync()).Length);
        Assert.Equal(4, Ids(await (await friday.GetAsync($"/api/v1/followups?partnerId={partner}&overdue=false", Ct)).JsonAsync()).Length);
        Assert.Equal([overdue[0]], Ids(await (await friday.GetAsync($"/api/v1/followups?partnerId={partner}&status=closed", Ct)).JsonAsync()));
    }

    [Fact]
    public async Task Worked_and_unworked_cases_page_together_oldest_due_first_each_once_and_only_worked_ones_have_a_row()
    {
        var (partner, shop) = await PartnerAsync(host);
        var id = PortalHost.NewId("fum");
        // Three a day stored on Friday, Saturday and Sunday (all due at the end of Tuesday) and on Monday (end of Wednesday),
        // each day's in one batch: due times shared across days, store times shared within a batch.
        var ids = new List<string>();
        foreach (var day in new[] { "2066-09-10", "2066-09-11", "2066-09-12", "2066-09-13" })
        {
            using var at = At(host, DateTimeOffset.Parse($"{day}T11:00:00+02:00"));
            var batch = Enumerable.Range(0, 3).Select(i => $"{id}-{day}-{(char)('c' - i)}").ToArray();
            await BatchAsync(at, batch.Select(x => (object)Response(x, partner, shop, "2066-09-09T09:00:00+02:00", 4)));
            ids.AddRange(batch);
        }
        using var admin = host.Admin();
        // Every other one worked: started, one of them closed (still listed without a status filter).
        var worked = ids.Where((_, i) => i % 2 == 1).ToArray();
        foreach (var c in worked) Assert.Equal(HttpStatusCode.OK, (await MoveAsync(admin, c, "start")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(admin, worked[2], "close", GoodClose)).StatusCode);
        Assert.Equal(worked.Length, await host.ScalarAsync<long>("select count(*) from followups.mt_doc_followupcase where id = any($1)", [ids.ToArray()]));

        async Task<List<JsonElement>> AllAsync(int limit, string filter = "")
        {
            var seen = new List<JsonElement>();
            string? next = null;
            do
            {
                var page = await (await admin.GetAsync($"/api/v1/followups?partnerId={partner}&limit={limit}{filter}" + (next is null ? "" : $"&after={Uri.EscapeDataString(next)}"), Ct)).JsonAsync();
                seen.AddRange(page.GetProperty("items").EnumerateArray());
                next = page.GetProperty("next").GetString();
                Assert.True(seen.Count <= ids.Count, "The pages repeat cases.");
            } while (next is not null);
            return seen;
        }
        string[] IdsOf(List<JsonElement> items) => items.Select(i => i.GetProperty("caseId").GetString()!).ToArray();

        var whole = await AllAsync(1000);
        var expected = ids.OrderBy(c => c.Contains("-2066-09-13-", StringComparison.Ordinal)) // Monday's are due a day later
            .ThenBy(c => c[(c.IndexOf("-2066-", StringComparison.Ordinal) + 1)..(c.IndexOf("-2066-", StringComparison.Ordinal) + 11)], StringComparer.Ordinal) // store day
            .ThenBy(c => c, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, IdsOf(whole));
        Assert.Equal("closed", whole.Single(i => i.GetProperty("caseId").GetString() == worked[2]).GetProperty("status").GetString());
        Assert.Equal("in-progress", whole.Single(i => i.GetProperty("caseId").GetString() == worked[0]).GetProperty("status").GetString());
        Assert.Equal("open", whole.Single(i => i.GetProperty("caseId").GetString() == ids[0]).GetProperty("status").GetString());
        foreach (var limit in new[] { 1, 2, 5 }) Assert.Equal(expected, IdsOf(await AllAsync(limit)));
        // Filters take both kinds: open = the unworked ones; in progress = worked, not closed.
        Assert.Equal(expected.Where(c => !worked.Contains(c)), IdsOf(await AllAsync(2, "&status=open")));
        Assert.Equal(expected.Where(c => worked.Contains(c) && c != worked[2]), IdsOf(await AllAsync(2, "&status=in-progress")));
        // On Wednesday noon the weekend's are overdue (closed aside), Monday's are not yet.
        using var wednesday = At(host, DateTimeOffset.Parse("2066-09-15T12:00:00+02:00"));
        var overdue = IdsOf((await (await wednesday.GetAsync($"/api/v1/followups?partnerId={partner}&overdue=true", Ct)).JsonAsync()).GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(expected.Where(c => !c.Contains("-2066-09-13-", StringComparison.Ordinal) && c != worked[2]), overdue);
    }

    [Fact]
    public async Task The_partners_worked_floor_moves_up_to_its_first_unworked_case_and_lists_still_show_every_case()
    {
        var (partner, shop) = await PartnerAsync(host);
        var id = PortalHost.NewId("fuf");
        // Three stored on Monday, two on Tuesday (Berlin, CET).
        var monday = DateTimeOffset.Parse("2066-11-01T10:00:00+01:00");
        var tuesday = DateTimeOffset.Parse("2066-11-02T10:00:00+01:00");
        string[] early = [$"{id}-m0", $"{id}-m1", $"{id}-m2"], late = [$"{id}-t0", $"{id}-t1"];
        using (var at = At(host, monday)) await BatchAsync(at, early.Select(x => (object)Response(x, partner, shop, "2066-10-30T09:00:00+01:00", 2)));
        using (var at = At(host, tuesday)) await BatchAsync(at, late.Select(x => (object)Response(x, partner, shop, "2066-10-30T09:00:00+01:00", 2)));
        async Task<DateTimeOffset> FloorAsync() =>
            new(await host.ScalarAsync<DateTime>("select stored_before from followups.mt_doc_workedfloor where id = $1", partner));

        // Working two of Monday's leaves the third unworked: the mark stops there.
        using var wednesday = At(host, DateTimeOffset.Parse("2066-11-03T12:00:00+01:00"));
        foreach (var c in early[..2]) Assert.Equal(HttpStatusCode.OK, (await MoveAsync(wednesday, c, "start")).StatusCode);
        Assert.Equal(monday, await FloorAsync());
        // The third worked too: up to Tuesday's.
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(wednesday, early[2], "close", GoodClose)).StatusCode);
        Assert.Equal(tuesday, await FloorAsync());
        // Everything worked: up to an hour before the clock of the last first move, never later.
        foreach (var c in late) Assert.Equal(HttpStatusCode.OK, (await MoveAsync(wednesday, c, "start")).StatusCode);
        Assert.Equal(DateTimeOffset.Parse("2066-11-03T11:00:00+01:00"), await FloorAsync());
        // A move of a case worked before (its document exists) leaves the mark alone, and every case is listed once.
        using var earlier = At(host, DateTimeOffset.Parse("2066-11-03T11:30:00+01:00"));
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(earlier, early[0], "close", GoodClose)).StatusCode);
        Assert.Equal(DateTimeOffset.Parse("2066-11-03T11:00:00+01:00"), await FloorAsync());
        Assert.Equal(5, await CaseCountAsync(host, partner, [.. early, .. late]));

        // New detractors after the mark are cases as ever: listed, counted, and overdue on their day.
        var thursday = DateTimeOffset.Parse("2066-11-04T09:00:00+01:00");
        using (var at = At(host, thursday)) await BatchAsync(at, [Response($"{id}-th", partner, shop, "2066-11-03T09:00:00+01:00", 1)]);
        using var monday2 = At(host, DateTimeOffset.Parse("2066-11-09T12:00:00+01:00"));
        var open = await (await monday2.GetAsync($"/api/v1/followups?partnerId={partner}&status=open", Ct)).JsonAsync();
        var item = Assert.Single(open.GetProperty("items").EnumerateArray());
        Assert.Equal($"{id}-th", item.GetProperty("caseId").GetString());
        Assert.True(item.GetProperty("overdue").GetBoolean());
        var stats = await (await monday2.GetAsync($"/api/v1/followups/stats?quarter=2066-Q4&partnerId={partner}", Ct)).JsonAsync();
        Assert.Equal(6, stats.GetProperty("opened").GetInt32());
        // Overdue: the three in progress (due Wednesday and Thursday night) and the new one (due Monday night).
        Assert.Equal(4, stats.GetProperty("overdue").GetInt32());
    }
}
