using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Incentives;

/// <summary>"Alle freigeben" for API clients: <c>GET /api/v1/incentives/statements?quarter</c> lists every partner's latest
/// statement with the revision to confirm, <c>POST …/statements/{quarter}/approve</c> approves the confirmed ones in one
/// step (the same use case as the page). Owns 2090.</summary>
public sealed partial class MoneyActionTests
{
    private const string ApiListQuarter = "2090-Q1";    // the list, paged and filtered
    private const string ApiAllQuarter = "2090-Q2";     // approving a quarter through the API, with an open appeal
    private const string ApiRaceQuarter = "2090-Q3";    // many clients at once

    private static HttpRequestMessage ApproveAll(string quarter, object body) =>
        new(HttpMethod.Post, $"/api/v1/incentives/statements/{quarter}/approve") { Content = JsonContent.Create(body) };

    private static object Confirmed(params (string Partner, int Revision)[] statements) =>
        new { statements = statements.Select(s => new { partnerId = s.Partner, revision = s.Revision }) };

    [Fact]
    public async Task The_API_lists_a_quarters_latest_statements_by_partner_paged_and_filtered_by_status()
    {
        var partners = new[] { await MoPartnerAsync(host, "API Liste A"), await MoPartnerAsync(host, "API Liste B"), await MoPartnerAsync(host, "API Liste C") };
        await StatementsAsync(host, ApiListQuarter, [(partners[0], 1), (partners[1], 2), (partners[2], 3)]);
        // Another sale of the first partner and a recalculation: its latest revision is the one listed.
        await StatementsAsync(host, ApiListQuarter, [(partners[0], 1)]);
        var latest = new Dictionary<string, JsonElement>();
        foreach (var p in partners) latest[p] = await StatementAsync(ApiListQuarter, p);
        Assert.True(latest[partners[0]].GetProperty("revision").GetInt32() >= 2);
        using var admin = host.Admin();
        await (await admin.PostAsJsonAsync($"/api/v1/incentives/statements/{ApiListQuarter}/{partners[1]}/approve",
            new { revision = latest[partners[1]].GetProperty("revision").GetInt32() }, Ct)).JsonAsync();
        var ordered = partners.Order(StringComparer.Ordinal).ToArray();

        var all = await (await admin.GetAsync($"/api/v1/incentives/statements?quarter={ApiListQuarter}", Ct)).JsonAsync();
        var items = all.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(ordered, items.Select(i => i.GetProperty("partnerId").GetString()));
        Assert.All(items, i => Assert.Equal(latest[i.GetProperty("partnerId").GetString()!].GetProperty("revision").GetInt32(), i.GetProperty("revision").GetInt32()));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);
        Assert.Equal(200.50m, items.Single(i => i.GetProperty("partnerId").GetString() == partners[0]).GetProperty("total").GetDecimal());

        // Two to a page: the cursor continues where the first page ended.
        var first = await (await admin.GetAsync($"/api/v1/incentives/statements?quarter={ApiListQuarter}&limit=2", Ct)).JsonAsync();
        var next = first.GetProperty("next").GetString()!;
        var second = await (await admin.GetAsync($"/api/v1/incentives/statements?quarter={ApiListQuarter}&limit=2&after={Uri.EscapeDataString(next)}", Ct)).JsonAsync();
        Assert.Equal(ordered, first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("partnerId").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);

        foreach (var (status, expected) in new[] { ("approved", new[] { partners[1] }), ("draft", ordered.Where(p => p != partners[1]).ToArray()) })
        {
            var filtered = await (await admin.GetAsync($"/api/v1/incentives/statements?quarter={ApiListQuarter}&status={status}", Ct)).JsonAsync();
            Assert.Equal(expected, filtered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("partnerId").GetString()));
            Assert.All(filtered.GetProperty("items").EnumerateArray(), i => Assert.Equal(status, i.GetProperty("status").GetString()));
        }

        foreach (var (query, field) in new[]
                 {
                     ("", "quarter"), ("?quarter=2090-Q5", "quarter"), ($"?quarter={ApiListQuarter}&status=open", "status"),
                     ($"?quarter={ApiListQuarter}&limit=0", "limit"), ($"?quarter={ApiListQuarter}&limit=1001", "limit"), ($"?quarter={ApiListQuarter}&after=nonsense", "after"),
                 })
        {
            var refused = await admin.GetAsync($"/api/v1/incentives/statements{query}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _), $"{query}: no error on {field}");
        }
        var key = await host.CreateKeyAsync([Scopes.StatementsRead], partners[0]);
        using var partner = host.WithKey(key);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/v1/incentives/statements?quarter={ApiListQuarter}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_API_approves_the_confirmed_statements_of_a_quarter_once_skips_open_appeals_and_refuses_a_stale_or_bad_confirmation()
    {
        var partners = new[] { await MoPartnerAsync(host, "API Alle A"), await MoPartnerAsync(host, "API Alle B"), await MoPartnerAsync(host, "API Alle C") };
        var (appealing, responses, appealKey) = await Surveys.AppealTests.PartnerAsync(host, "2090-05-12T10:00:00+02:00");
        await StatementsAsync(host, ApiAllQuarter, [(partners[0], 1), (partners[1], 2), (partners[2], 4), (appealing, 1)]);
        string appealId;
        using (var client = host.WithKey(appealKey)) appealId = await Surveys.AppealTests.FileAsync(client, responses[0]);
        using var admin = host.Admin();

        async Task AllDraftAsync()
        {
            foreach (var p in partners.Append(appealing))
            {
                Assert.Equal("draft", (await StatementAsync(ApiAllQuarter, p)).GetProperty("status").GetString());
                Assert.Equal(0L, await ApprovalAuditsAsync(ApiAllQuarter, p));
            }
        }

        // Bad bodies: 400 with the field, nothing approved.
        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { }, "statements"), (new { statements = Array.Empty<object>() }, "statements"),
                     (Confirmed((partners[0], 1), (partners[0], 1)), "statements[1].partnerId"),
                     (Confirmed((partners[0], 0)), "statements[0].revision"),
                     (new { statements = new[] { new { partnerId = partners[0] } } }, "statements[0].revision"),
                     (new { statements = new object?[] { null } }, "statements[0]"),
                     (Confirmed(("", 1)), "statements[0].partnerId"),
                 })
        {
            var refused = await admin.SendAsync(ApproveAll(ApiAllQuarter, body), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.JsonAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(field, out _), $"no error on {field}");
        }
        // A partner's key, even with the approval scope: 403.
        var partnerKey = await host.StoreKeyAsync([Scopes.StatementsApprove], partners[0]);
        using (var partner = host.WithKey(partnerKey))
            Assert.Equal(HttpStatusCode.Forbidden, (await partner.SendAsync(ApproveAll(ApiAllQuarter, Confirmed((partners[0], 1))), Ct)).StatusCode);
        // A stale revision or a partner without a statement among them: 409, none approved (all or nothing).
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(ApproveAll(ApiAllQuarter, Confirmed((partners[0], 1), (partners[1], 2))), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(ApproveAll(ApiAllQuarter, Confirmed((partners[0], 1), ("mo-none", 1))), Ct)).StatusCode);
        await AllDraftAsync();

        // The confirmation with the appealing partner among them: it is left out and named with its appeal, the rest approved.
        var body2 = Confirmed([.. partners.Select(p => (p, 1)), (appealing, 1)]);
        var done = await (await admin.SendAsync(ApproveAll(ApiAllQuarter, body2), Ct)).JsonAsync();
        Assert.Equal(partners.Order(StringComparer.Ordinal), done.GetProperty("approved").EnumerateArray().Select(s => s.GetProperty("partnerId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(done.GetProperty("approved").EnumerateArray(), s => Assert.Equal("approved", s.GetProperty("status").GetString()));
        Assert.Empty(done.GetProperty("approvedAlready").EnumerateArray());
        Assert.Equal([appealId], done.GetProperty("openAppeals").GetProperty(appealing).EnumerateArray().Select(a => a.GetString()));
        foreach (var p in partners)
        {
            Assert.Equal("approved", (await StatementAsync(ApiAllQuarter, p)).GetProperty("status").GetString());
            Assert.Equal(1L, await ApprovalAuditsAsync(ApiAllQuarter, p));
        }
        Assert.Equal("draft", (await StatementAsync(ApiAllQuarter, appealing)).GetProperty("status").GetString());

        // The same again: reported as approved already, nothing approved twice.
        var again = await (await admin.SendAsync(ApproveAll(ApiAllQuarter, Confirmed([.. partners.Select(p => (p, 1))])), Ct)).JsonAsync();
        Assert.Empty(again.GetProperty("approved").EnumerateArray());
        Assert.Equal(partners.Order(StringComparer.Ordinal), again.GetProperty("approvedAlready").EnumerateArray().Select(p => p.GetString()).Order(StringComparer.Ordinal));
        foreach (var p in partners) Assert.Equal(1L, await ApprovalAuditsAsync(ApiAllQuarter, p));
    }

    [Fact]
    public async Task The_API_approving_a_quarter_from_many_clients_at_once_approves_each_statement_once()
    {
        using var admin = host.Admin();
        for (var trial = 0; trial < 5; trial++)
        {
            // Fresh drafts each trial (the quarter's earlier ones are approved and stay so).
            var partners = new[] { await MoPartnerAsync(host, $"API Rennen {trial} A"), await MoPartnerAsync(host, $"API Rennen {trial} B"), await MoPartnerAsync(host, $"API Rennen {trial} C") };
            await StatementsAsync(host, ApiRaceQuarter, [(partners[0], 1), (partners[1], 2), (partners[2], 3)]);
            var body = Confirmed([.. partners.Select(p => (p, 1))]);
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.SendAsync(ApproveAll(ApiRaceQuarter, body), Ct)));
            // A request that found the quarter's lock taken answers 409 "try again"; every other one reports each statement
            // as approved by it or approved already, and together they approved each exactly once.
            var approved = new List<string>();
            foreach (var answer in answers)
            {
                if (answer.StatusCode == HttpStatusCode.Conflict) continue;
                var json = await answer.JsonAsync();
                var mine = json.GetProperty("approved").EnumerateArray().Select(s => s.GetProperty("partnerId").GetString()!).ToArray();
                var already = json.GetProperty("approvedAlready").EnumerateArray().Select(p => p.GetString()!).ToArray();
                Assert.Equal(partners.Order(StringComparer.Ordinal), mine.Concat(already).Order(StringComparer.Ordinal));
                approved.AddRange(mine);
            }
            Assert.Equal(partners.Order(StringComparer.Ordinal), approved.Order(StringComparer.Ordinal));
            foreach (var p in partners)
            {
                Assert.Equal("approved", (await StatementAsync(ApiRaceQuarter, p)).GetProperty("status").GetString());
                Assert.Equal(1L, await ApprovalAuditsAsync(ApiRaceQuarter, p));
            }
        }
    }
}
