using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.FollowUps.Contracts;
using PartnerPortal.IntegrationTests.Infrastructure;
using static PartnerPortal.IntegrationTests.FollowUps.FollowUpData;

namespace PartnerPortal.IntegrationTests.FollowUps;

/// <summary>
/// The figures (opened, closed in time, closed late, open, overdue, closed-loop rate, root-cause mix), an excluded
/// response's case closing itself (and reopening on release), and <see cref="IFollowUpCases"/> for the mail digests.
/// This class owns the quarters of 2067–2069 and 2089.
/// </summary>
public sealed class CaseFiguresTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Issue 20's page with 10,000 open cases of one partner reads the figures on every visit: they must come
    /// from the quarter index alone (index-only scan), not from every case's row (ADR 0047).</summary>
    [Fact]
    public async Task The_quarter_index_carries_every_column_the_figures_count()
    {
        var definition = await host.ScalarAsync<string>(
            "select indexdef from pg_indexes where schemaname = $1 and indexname = 'ix_followupcase_quarter_partner'", PartnerPortal.FollowUps.FollowUpsModule.Schema);
        Assert.Contains("(quarter, partner_id) INCLUDE (status, due_at, closed_at, root_cause)", definition);
    }

    [Fact]
    public async Task The_figures_count_cases_closed_in_time_and_late_open_and_overdue_and_the_root_causes()
    {
        var (partner, shop) = await PartnerAsync(host);
        var id = PortalHost.NewId("fuf");
        // Five detractors stored on Monday 2067-05-02 at 10:00 Berlin: due at the end of Wednesday (2067-05-05 00:00).
        var monday = DateTimeOffset.Parse("2067-05-02T10:00:00+02:00");
        using (var at = At(host, monday))
            await BatchAsync(at, Enumerable.Range(0, 5).Select(i => (object)Response($"{id}-{i}", partner, shop, "2067-05-01T10:00:00+02:00", i)));
        using var wednesday = At(host, DateTimeOffset.Parse("2067-05-04T23:59:00+02:00"));
        using var thursday = At(host, DateTimeOffset.Parse("2067-05-05T00:01:00+02:00"));
        await (await MoveAsync(wednesday, $"{id}-0", "close", new { rootCause = "advice", action = "called-back", note = "in time" })).JsonAsync();
        await (await MoveAsync(wednesday, $"{id}-1", "close", new { rootCause = "advice", action = "visited-shop", note = "in time" })).JsonAsync();
        await (await MoveAsync(thursday, $"{id}-2", "close", new { rootCause = "network", action = "other", note = "late" })).JsonAsync();
        await (await MoveAsync(wednesday, $"{id}-3", "start")).JsonAsync();

        async Task<JsonElement> Stats(HttpClient client) =>
            await (await client.GetAsync($"/api/v1/followups/stats?quarter=2067-Q2&partnerId={partner}", Ct)).JsonAsync();
        var s = await Stats(thursday);
        Assert.Equal(5, s.GetProperty("opened").GetInt32());
        Assert.Equal(2, s.GetProperty("closedInTime").GetInt32());
        Assert.Equal(1, s.GetProperty("closedLate").GetInt32());
        Assert.Equal(2, s.GetProperty("open").GetInt32());
        Assert.Equal(2, s.GetProperty("overdue").GetInt32());
        Assert.Equal(40.0, s.GetProperty("closedLoopRate").GetDouble());
        var causes = s.GetProperty("rootCauses");
        Assert.Equal(2, causes.GetProperty("advice").GetInt32());
        Assert.Equal(1, causes.GetProperty("network").GetInt32());
        Assert.Equal(0, causes.GetProperty("billing").GetInt32());
        Assert.Equal(0, causes.GetProperty("excluded").GetInt32());
        // Before the due time nothing is overdue.
        Assert.Equal(0, (await Stats(wednesday)).GetProperty("overdue").GetInt32());
        // A partner user's key sees the same for its own partner; a quarter without cases has no rate.
        using var own = host.WithKey(await host.CreateKeyAsync(["followups:read"], partner));
        Assert.Equal(5, (await (await own.GetAsync("/api/v1/followups/stats?quarter=2067-Q2", Ct)).JsonAsync()).GetProperty("opened").GetInt32());
        var empty = await (await own.GetAsync("/api/v1/followups/stats?quarter=2067-Q3", Ct)).JsonAsync();
        Assert.Equal(0, empty.GetProperty("opened").GetInt32());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("closedLoopRate").ValueKind);
    }

    /// <summary>A host keeps the figures it counted while the quarter's stamp is unchanged and no open case falls due
    /// (ADR 0047): every change and the clock must show on the next read, for one partner and for back office's total.</summary>
    [Fact]
    public async Task Kept_figures_give_way_to_a_new_case_a_move_an_exclusion_and_the_clock_passing_a_due_time()
    {
        var (partner, shop) = await PartnerAsync(host);
        var id = PortalHost.NewId("fuk");
        // Stored on Monday 2089-05-02 at 10:00 Berlin: due at the end of Wednesday (2089-05-05 00:00 Berlin).
        var monday = DateTimeOffset.Parse("2089-05-02T10:00:00+02:00");
        var due = DateTimeOffset.Parse("2089-05-05T00:00:00+02:00");
        using (var at = At(host, monday))
            await BatchAsync(at, Enumerable.Range(0, 2).Select(i => (object)Response($"{id}-{i}", partner, shop, "2089-05-01T10:00:00+02:00", i)));

        async Task<(int Opened, int InTime, int Open, int Overdue)> Figures(DateTimeOffset now, bool allPartners = false)
        {
            using var client = At(host, now);
            var s = await (await client.GetAsync($"/api/v1/followups/stats?quarter=2089-Q2{(allPartners ? "" : "&partnerId=" + partner)}", Ct)).JsonAsync();
            return (s.GetProperty("opened").GetInt32(), s.GetProperty("closedInTime").GetInt32(), s.GetProperty("open").GetInt32(), s.GetProperty("overdue").GetInt32());
        }

        Assert.Equal((2, 0, 2, 0), await Figures(monday.AddHours(1)));
        Assert.Equal((2, 0, 2, 0), await Figures(monday.AddHours(1), allPartners: true));
        Assert.Equal((2, 0, 2, 0), await Figures(monday.AddHours(1))); // read twice: kept

        // A new case (ingestion's stamp).
        using (var at = At(host, monday.AddHours(2)))
            await BatchAsync(at, [Response($"{id}-2", partner, shop, "2089-05-01T10:00:00+02:00", 3)]);
        Assert.Equal((3, 0, 3, 0), await Figures(monday.AddHours(2)));
        Assert.Equal((3, 0, 3, 0), await Figures(monday.AddHours(2), allPartners: true));

        // A move (the moves' stamp).
        using (var at = At(host, monday.AddHours(3)))
            Assert.Equal(HttpStatusCode.OK, (await MoveAsync(at, $"{id}-0", "close", GoodClose)).StatusCode);
        Assert.Equal((3, 1, 2, 0), await Figures(monday.AddHours(3)));
        Assert.Equal((3, 1, 2, 0), await Figures(monday.AddHours(3), allPartners: true));

        // The clock passing the due time, forwards and back, with no write at all.
        Assert.Equal((3, 1, 2, 0), await Figures(due.AddMinutes(-1)));
        Assert.Equal((3, 1, 2, 2), await Figures(due.AddMinutes(1)));
        Assert.Equal((3, 1, 2, 2), await Figures(due.AddMinutes(1), allPartners: true));
        Assert.Equal((3, 1, 2, 0), await Figures(monday.AddHours(4)));
        Assert.Equal((3, 1, 2, 0), await Figures(monday.AddHours(4), allPartners: true));

        // An exclusion closes a case (a move made by Surveys' listener, not by the partner).
        using var admin = host.Admin();
        await (await admin.PutAsJsonAsync($"/api/v1/surveys/responses/{id}-1/quarantine", new { note = "Burst" }, Ct)).JsonAsync();
        Assert.Equal((2, 1, 1, 0), await Figures(monday.AddHours(5)));
    }

    [Fact]
    public async Task An_excluded_response_closes_its_case_with_root_cause_excluded_and_a_release_reopens_it_due_from_the_release()
    {
        var (partner, shop) = await PartnerAsync(host);
        var id = PortalHost.NewId("fux");
        using var admin = host.Admin();
        await BatchAsync(admin, [Response($"{id}-q", partner, shop, "2068-02-01T10:00:00+01:00", 1), Response($"{id}-c", partner, shop, "2068-02-01T10:00:00+01:00", 1)]);
        // The partner closed one case already: that closure stands when its response is quarantined.
        await (await MoveAsync(admin, $"{id}-c", "close", GoodClose)).JsonAsync();

        foreach (var r in new[] { $"{id}-q", $"{id}-c" })
            await (await admin.PutAsJsonAsync($"/api/v1/surveys/responses/{r}/quarantine", new { note = "Burst" }, Ct)).JsonAsync();
        var cases = (await (await admin.GetAsync($"/api/v1/followups?partnerId={partner}", Ct)).JsonAsync()).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("caseId").GetString()!);
        Assert.Equal("closed", cases[$"{id}-q"].GetProperty("status").GetString());
        Assert.Equal("excluded", cases[$"{id}-q"].GetProperty("rootCause").GetString());
        Assert.Equal("waiting-time", cases[$"{id}-c"].GetProperty("rootCause").GetString());
        // Not reopened by hand; not counted in the figures but in the mix.
        await (await MoveAsync(admin, $"{id}-q", "reopen")).ProblemAsync(HttpStatusCode.Conflict);
        var stats = await (await admin.GetAsync($"/api/v1/followups/stats?quarter=2068-Q1&partnerId={partner}", Ct)).JsonAsync();
        Assert.Equal(1, stats.GetProperty("opened").GetInt32());
        Assert.Equal(1, stats.GetProperty("rootCauses").GetProperty("excluded").GetInt32());

        var releasedAt = DateTimeOffset.Parse("2068-03-05T09:00:00+01:00"); // a Monday
        using var later = At(host, releasedAt);
        var release = await later.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/surveys/responses/{id}-q/quarantine")
        { Content = JsonContent.Create(new { note = "echt" }) }, Ct);
        await release.JsonAsync();
        var reopened = (await (await admin.GetAsync($"/api/v1/followups?partnerId={partner}&status=open", Ct)).JsonAsync()).GetProperty("items")
            .EnumerateArray().Single();
        Assert.Equal($"{id}-q", reopened.GetProperty("caseId").GetString());
        Assert.Equal(DateTimeOffset.Parse("2068-03-08T00:00:00+01:00"), reopened.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(1, await AuditCountAsync(host, $"{id}-q", "followup.closed"));
        Assert.Equal(1, await AuditCountAsync(host, $"{id}-q", "followup.reopened"));
        // Still one reopen left for the partner after closing it.
        await (await MoveAsync(admin, $"{id}-q", "close", GoodClose)).JsonAsync();
        await (await MoveAsync(admin, $"{id}-q", "reopen")).JsonAsync();
    }

    [Fact]
    public async Task IFollowUpCases_reads_the_cases_opened_in_a_period_and_the_overdue_ones_of_one_partner_or_all()
    {
        var (partnerA, shopA) = await PartnerAsync(host);
        var (partnerB, shopB) = await PartnerAsync(host);
        var id = PortalHost.NewId("fud");
        var storedA = DateTimeOffset.Parse("2069-06-03T08:00:00+02:00"); // Monday
        var storedB = DateTimeOffset.Parse("2069-06-04T08:00:00+02:00"); // Tuesday
        using (var at = At(host, storedA)) await BatchAsync(at, [Response($"{id}-a", partnerA, shopA, "2069-06-02T10:00:00+02:00", 3, comment: "Laut")]);
        using (var at = At(host, storedB)) await BatchAsync(at, [Response($"{id}-b", partnerB, shopB, "2069-06-02T10:00:00+02:00", 4)]);

        await using var scope = host.Services.CreateAsyncScope();
        var cases = scope.ServiceProvider.GetRequiredService<IFollowUpCases>();
        var monday = await cases.OpenedBetweenAsync(storedA.AddHours(-1), storedA.AddHours(1), null, Ct);
        var a = Assert.Single(monday, c => c.CaseId.StartsWith(id, StringComparison.Ordinal));
        Assert.Equal(($"{id}-a", partnerA, shopA, "2069-Q2", 3, "Laut", storedA), (a.ResponseId, a.PartnerId, a.ShopId, a.Quarter, a.Score, a.Comment, a.OpenedAt));
        Assert.Equal(DateTimeOffset.Parse("2069-06-06T00:00:00+02:00"), a.DueAt);
        Assert.Empty(await cases.OpenedBetweenAsync(storedA.AddHours(-1), storedA.AddHours(1), partnerB, Ct));
        Assert.Equal([$"{id}-a", $"{id}-b"], (await cases.OpenedBetweenAsync(storedA, storedB.AddSeconds(1), null, Ct))
            .Where(c => c.CaseId.StartsWith(id, StringComparison.Ordinal)).Select(c => c.CaseId));

        // Thursday noon: A's case (due end of Wednesday) is overdue, B's (end of Thursday) not yet; closed ones never.
        var thursday = DateTimeOffset.Parse("2069-06-06T12:00:00+02:00");
        Assert.Equal([$"{id}-a"], (await cases.OverdueAsync(thursday, null, Ct)).Where(c => c.CaseId.StartsWith(id, StringComparison.Ordinal)).Select(c => c.CaseId));
        Assert.Single(await cases.OverdueAsync(thursday, partnerA, Ct));
        Assert.Empty(await cases.OverdueAsync(thursday, partnerB, Ct));
        using var admin = host.Admin();
        await (await MoveAsync(admin, $"{id}-a", "close", GoodClose)).JsonAsync();
        Assert.Empty(await cases.OverdueAsync(thursday, partnerA, Ct));
    }
}
