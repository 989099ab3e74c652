using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Scoring;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Incentives;

/// <summary>Statements end to end on hand-computed data: surveys → score cards → statements → approval. Owns 2033, and 2058
/// for the recalculation started twice at once (2058-Q1) and raced by approvals (2058-Q2).</summary>
public sealed partial class StatementTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<JsonElement> RunJobAsync(HttpClient client, string url, string quarter) => Jobs.RunAsync(client, url, new { quarter }, Ct);

    [Fact]
    public async Task A_statement_is_computed_explained_revised_approved_and_then_never_changes()
    {
        var (p, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        // 40 touchpoint answers: 24 promoters, 10 passives, 6 detractors → NPS 45.0, n = 40 → tier "ab 30".
        var scores = Enumerable.Repeat(10, 24).Concat(Enumerable.Repeat(7, 10)).Concat(Enumerable.Repeat(2, 6)).ToArray();
        await PostBatchAsync(admin, scores.Select(s => (object)Response(PortalHost.NewId("st"), p, shops[0], respondedAt: "2033-02-01T10:00:00+01:00", touchpoint: s)));
        Assert.Equal("succeeded", (await RunJobAsync(admin, "/api/v1/scoring/recalculations", "2033-Q1")).GetProperty("state").GetString());

        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2033-Q1", new
        {
            baseRates = new { mobile = 42.10m, @fixed = 30m },
            tiers = new[] { new { minNps = 0, upliftPercent = 5m, qualityBonusEur = 100m }, new { minNps = 30, upliftPercent = 10m, qualityBonusEur = 250m }, new { minNps = 50, upliftPercent = 15m, qualityBonusEur = 400m } },
            minSample = 30,
            tierBasis = "point",
            defaultTargets = new { mobile = 4, @fixed = 2 },
        }, Ct)).EnsureStatus(HttpStatusCode.Created);
        string t1 = PortalHost.NewId("t"), t2 = PortalHost.NewId("t"), t3 = PortalHost.NewId("t"), t4 = PortalHost.NewId("t");
        await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new
        {
            items = new object[]
            {
                new { transactionId = t1, partnerId = p, category = "mobile", occurredAt = "2033-01-10T10:00:00+01:00" },
                new { transactionId = t2, partnerId = p, category = "mobile", occurredAt = "2033-01-11T10:00:00+01:00" },
                new { transactionId = t3, partnerId = p, category = "mobile", occurredAt = "2033-01-12T10:00:00+01:00" },
                new { transactionId = t4, partnerId = p, category = "fixed", occurredAt = "2033-03-31T23:59:00+02:00" },  // still Q1 in Berlin
                new { transactionId = PortalHost.NewId("t"), partnerId = p, category = "fixed", occurredAt = "2033-03-31T22:00:00Z" }, // Q2 in Berlin
            },
        }, Ct)).JsonAsync();
        await (await admin.PostAsJsonAsync("/api/v1/incentives/cancellations/batch", new { items = new[] { new { transactionId = t3, cancelledAt = "2033-02-01T10:00:00+01:00" } } }, Ct)).JsonAsync();

        var report = (await RunJobAsync(admin, "/api/v1/incentives/recalculations", "2033-Q1")).GetProperty("result");
        Assert.True(report.GetProperty("statements").GetInt32() >= 1);

        var statement = await (await admin.GetAsync($"/api/v1/incentives/statements/2033-Q1/{p}", Ct)).JsonAsync();
        Assert.Equal("draft", statement.GetProperty("status").GetString());
        Assert.Equal(1, statement.GetProperty("revision").GetInt32());
        Assert.Equal(45.0, statement.GetProperty("nps").GetProperty("value").GetDouble());
        Assert.Equal(40, statement.GetProperty("nps").GetProperty("n").GetInt32());
        Assert.Equal(30.0, statement.GetProperty("tier").GetProperty("minNps").GetDouble());
        // Mobile: 2 (one cancelled) × 42.10 = 84.20, uplift 10 % = 8.42; fixed: 1 × 30 = 30, uplift 3.00; bonus 250.
        var lines = statement.GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("kind").GetString(), l.GetProperty("category").GetString(), l.GetProperty("amount").GetDecimal())).ToArray();
        Assert.Equal([("base", "mobile", 84.20m), ("uplift", "mobile", 8.42m), ("base", "fixed", 30m), ("uplift", "fixed", 3.00m), ("bonus", null, 250m)], lines);
        Assert.Equal(375.62m, statement.GetProperty("total").GetDecimal());
        Assert.Equal(0.5m, statement.GetProperty("attainment").GetProperty("mobile").GetDecimal());
        Assert.Contains("Stufe ab 30,0", statement.GetProperty("explanation")[0].GetString(), StringComparison.Ordinal);

        // What-if at 55: tier "ab 50": 84.20 + 12.63 (15 %) + 30.00 + 4.50 + 400 bonus = 531.33; at −5 no tier: 114.20.
        var whatIf = await (await admin.GetAsync($"/api/v1/incentives/statements/2033-Q1/{p}/what-if?nps=55", Ct)).JsonAsync();
        Assert.Equal(50.0, whatIf.GetProperty("tier").GetProperty("minNps").GetDouble());
        Assert.Equal(531.33m, whatIf.GetProperty("total").GetDecimal());
        // API.md: "the same shape" (status draft|approved); the projection says what it assumed, the statement does not.
        Assert.Equal("draft", whatIf.GetProperty("status").GetString());
        Assert.Equal(55.0, whatIf.GetProperty("whatIf").GetProperty("nps").GetDouble());
        Assert.Equal(JsonValueKind.Null, statement.GetProperty("whatIf").ValueKind);
        Assert.Equal(114.20m, (await (await admin.GetAsync($"/api/v1/incentives/statements/2033-Q1/{p}/what-if?nps=-5", Ct)).JsonAsync()).GetProperty("total").GetDecimal());
        Assert.NotEmpty((await (await admin.GetAsync($"/api/v1/incentives/statements/2033-Q1/{p}/what-if?nps=abc", Ct)).ProblemAsync(HttpStatusCode.BadRequest)).Errors("nps"));
        Assert.Equal(1L, await host.ScalarAsync<long>("select count(*) from incentives.mt_doc_statement where quarter = '2033-Q1' and partner_id = $1", p));

        await RunJobAsync(admin, "/api/v1/incentives/recalculations", "2033-Q1");
        Assert.Equal(2, (await (await admin.GetAsync($"/api/v1/incentives/statements/2033-Q1/{p}", Ct)).JsonAsync()).GetProperty("revision").GetInt32());
        Assert.Equal(2L, await host.ScalarAsync<long>("select count(*) from incentives.mt_doc_statement where quarter = '2033-Q1' and partner_id = $1", p));

        var (email, password) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (backOffice, _) = await host.LoginAsync(email, password);
        using (backOffice)
        {
            var approved = await (await backOffice.PostAsync($"/api/v1/incentives/statements/2033-Q1/{p}/approve", null, Ct)).JsonAsync();
            Assert.Equal("approved", approved.GetProperty("status").GetString());
            Assert.StartsWith("user:", approved.GetProperty("approvedBy").GetString(), StringComparison.Ordinal);
            await (await backOffice.PostAsync($"/api/v1/incentives/statements/2033-Q1/{p}/approve", null, Ct)).ProblemAsync(HttpStatusCode.Conflict);
            // One audit entry for the one approval, by the signed-in back-office user.
            var audit = (await (await admin.GetAsync($"/api/v1/audit?action=statement.approved&partnerId={p}", Ct)).JsonAsync()).GetProperty("entries");
            Assert.Equal(1, audit.GetArrayLength());
            Assert.Equal(approved.GetProperty("approvedBy").GetString(), audit[0].GetProperty("actor").GetString());
        }

        await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new { items = new[] { new { transactionId = PortalHost.NewId("t"), partnerId = p, category = "mobile", occurredAt = "2033-01-20T10:00:00+01:00" } } }, Ct)).JsonAsync();
        var afterApproval = (await RunJobAsync(admin, "/api/v1/incentives/recalculations", "2033-Q1")).GetProperty("result");
        Assert.Contains(p, afterApproval.GetProperty("skippedApproved").EnumerateArray().Select(e => e.GetString()));
        var unchanged = await (await admin.GetAsync($"/api/v1/incentives/statements/2033-Q1/{p}", Ct)).JsonAsync();
        Assert.Equal(2, unchanged.GetProperty("revision").GetInt32());
        Assert.Equal(375.62m, unchanged.GetProperty("total").GetDecimal());
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2033-Q1", new { baseRates = new { mobile = 1, @fixed = 1 } }, Ct)).ProblemAsync(HttpStatusCode.Conflict);

        var csv = await admin.GetAsync("/api/v1/incentives/statements/2033-Q1.csv", Ct);
        await csv.EnsureStatus(HttpStatusCode.OK);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("quarter,partnerId,revision,status,approvedAt,kind,category,count,amountEur", rows[0]);
        var mine = rows.Where(r => r.Contains($",{p},", StringComparison.Ordinal)).ToArray();
        Assert.Equal(5, mine.Length);
        Assert.All(mine, r => Assert.StartsWith($"2033-Q1,{p},2,approved,", r, StringComparison.Ordinal));
        Assert.Contains(mine, r => r.EndsWith(",uplift,mobile,2,8.42", StringComparison.Ordinal));
        Assert.Contains(mine, r => r.EndsWith(",bonus,,,250.00", StringComparison.Ordinal));

        // Clawback: t1 (counted in the approved Q1 statement) is cancelled in Q2 → a line in Q2's statement at Q1's
        // rate and uplift: −1 × 42.10 × 1.10 = −46.31. t3 was cancelled before Q1 was calculated: nothing to take back.
        await (await admin.PostAsJsonAsync("/api/v1/incentives/cancellations/batch", new { items = new[] { new { transactionId = t1, cancelledAt = "2033-04-15T10:00:00+02:00" } } }, Ct)).JsonAsync();
        foreach (var next in new[] { "2033-Q2", "2033-Q3" })
            await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{next}", new { baseRates = new { mobile = 40m, @fixed = 25m } }, Ct)).EnsureStatus(HttpStatusCode.Created);
        Assert.Equal("succeeded", (await RunJobAsync(admin, "/api/v1/incentives/recalculations", "2033-Q2")).GetProperty("state").GetString());
        var q2 = await (await admin.GetAsync($"/api/v1/incentives/statements/2033-Q2/{p}", Ct)).JsonAsync();
        var clawback = Assert.Single(q2.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "clawback");
        Assert.Equal(("mobile", 1, -46.31m, "2033-Q1"), (clawback.GetProperty("category").GetString(), clawback.GetProperty("count").GetInt32(),
            clawback.GetProperty("amount").GetDecimal(), clawback.GetProperty("sourceQuarter").GetString()));
        Assert.Equal(25m - 46.31m, q2.GetProperty("total").GetDecimal()); // the Q2-edge fixed transaction at Q2's rate, no tier
        // Once Q2 is approved, the clawback is taken: Q3 does not take it again.
        var (approver, _) = await host.LoginAsync(email, password);
        using (approver) await (await approver.PostAsync($"/api/v1/incentives/statements/2033-Q2/{p}/approve", null, Ct)).EnsureStatus(HttpStatusCode.OK);
        await RunJobAsync(admin, "/api/v1/incentives/recalculations", "2033-Q3");
        var q3 = await admin.GetAsync($"/api/v1/incentives/statements/2033-Q3/{p}", Ct);
        if (q3.StatusCode == HttpStatusCode.OK)
            Assert.DoesNotContain((await q3.JsonAsync()).GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "clawback");
        else
            await q3.ProblemAsync(HttpStatusCode.NotFound); // nothing at all for the partner in Q3

        var (partnerEmail, partnerPassword) = await host.CreateUserAsync(Roles.Partner, p);
        var (browser, _) = await host.LoginAsync(partnerEmail, partnerPassword);
        using (browser)
        {
            var page = await browser.GetStringAsync("/provision?quarter=2033-Q1&whatIf=55", Ct);
            Assert.Contains("375,62 €", page, StringComparison.Ordinal);       // the approved statement
            Assert.Contains("Qualitätsaufschlag Mobilfunk", page, StringComparison.Ordinal);
            // The what-if at 55 uses current data: 2 mobile (one added after approval, t1 cancelled since):
            // 84.20 + 12.63 + 30 + 4.50 + 400.
            Assert.Contains("531,33 €", page, StringComparison.Ordinal);
            Assert.Contains("noch 5,0 Punkte", page, StringComparison.Ordinal); // 45 → the tier from 50
            Assert.Contains("freigegeben", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_quarter_without_a_plan_fails_its_job_with_the_reason()
    {
        using var admin = host.Admin();
        var job = await RunJobAsync(admin, "/api/v1/incentives/recalculations", "2033-Q4");
        Assert.Equal("failed", job.GetProperty("state").GetString());
        Assert.Contains("no commission plan", job.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partners_read_their_own_statement_only_and_never_approve()
    {
        var (mine, _) = await host.CreatePartnerAsync();
        var (theirs, _) = await host.CreatePartnerAsync();
        using var bound = host.WithKey(await host.StoreKeyAsync([Scopes.StatementsRead, Scopes.StatementsApprove], mine));
        await (await bound.GetAsync($"/api/v1/incentives/statements/2033-Q1/{theirs}", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await bound.GetAsync($"/api/v1/incentives/statements/2033-Q1/{mine}", Ct)).ProblemAsync(HttpStatusCode.NotFound);
        await (await bound.PostAsync($"/api/v1/incentives/statements/2033-Q1/{mine}/approve", null, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await bound.GetAsync($"/api/v1/incentives/statements/2033-Q1/{theirs}/what-if?nps=50", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await bound.GetAsync("/api/v1/incentives/statements/2033-Q1.csv", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>DOMAIN.md "Recalculation jobs": safe to run twice or on two hosts at once. Two runs started together, five
    /// times over, leave every statement as one run did (a new revision per run, none lost or doubled), and neither run fails.</summary>
    [Fact]
    public async Task Commission_recalculations_of_one_quarter_started_together_give_the_same_statements_as_one()
    {
        const string quarter = "2058-Q1";
        var partners = await SalesQuarterAsync(quarter, "2058-02-10T10:00:00+01:00");
        using var admin = host.Admin();
        var once = await RunJobAsync(admin, "/api/v1/incentives/recalculations", quarter);
        Assert.Equal(partners.Length, once.GetProperty("result").GetProperty("statements").GetInt32());
        var expected = await ContentsAsync(admin, quarter, partners);
        Assert.Contains("\"kind\":\"bonus\"", string.Concat(expected.Values), StringComparison.Ordinal); // some partners have a tier

        for (var trial = 1; trial <= 5; trial++)
        {
            var reports = await RunTogetherAsync(admin, quarter, 2);
            Assert.All(reports, r => Assert.Equal(partners.Length, r.GetProperty("statements").GetInt32()));
            Assert.Equal(expected, await ContentsAsync(admin, quarter, partners));
            var revisions = 1 + 2 * trial;
            foreach (var p in partners)
                Assert.Equal(revisions, (await (await admin.GetAsync($"/api/v1/incentives/statements/{quarter}/{p}", Ct)).JsonAsync()).GetProperty("revision").GetInt32());
            // One document per revision: 1…revisions, no revision written twice or skipped.
            Assert.Equal(partners.Length, await host.ScalarAsync<long>(
                "select count(*) from (select partner_id from incentives.mt_doc_statement where quarter = $1 group by partner_id " +
                "having count(*) = $2 and count(distinct revision) = $2 and max(revision) = $2) x", quarter, revisions));
        }
    }

    /// <summary>DOMAIN.md "Commission": an approved statement never changes. An approval let go together with two
    /// recalculations of its quarter, for five partners in turn: the approved revision stays the partner's latest, unchanged.</summary>
    [Fact]
    public async Task An_approval_racing_recalculations_leaves_the_approved_statement_unchanged()
    {
        const string quarter = "2058-Q2";
        var partners = await SalesQuarterAsync(quarter, "2058-05-10T10:00:00+02:00");
        using var admin = host.Admin();
        await RunJobAsync(admin, "/api/v1/incentives/recalculations", quarter);
        var approved = new Dictionary<string, (int Revision, string Content)>(StringComparer.Ordinal);

        foreach (var p in partners.Take(5))
        {
            var approval = admin.PostAsync($"/api/v1/incentives/statements/{quarter}/{p}/approve", null, Ct);
            var recalculations = RunTogetherAsync(admin, quarter, 2);
            var statement = await (await approval).JsonAsync();
            await recalculations;
            Assert.Equal("approved", statement.GetProperty("status").GetString());
            approved[p] = (statement.GetProperty("revision").GetInt32(), Comparable(statement));

            foreach (var (partner, (revision, content)) in approved)
            {
                var now = await (await admin.GetAsync($"/api/v1/incentives/statements/{quarter}/{partner}", Ct)).JsonAsync();
                Assert.Equal((partner, revision, content), (partner, now.GetProperty("revision").GetInt32(), Comparable(now)));
                Assert.Equal(0L, await host.ScalarAsync<long>(
                    "select count(*) from incentives.mt_doc_statement where quarter = $1 and partner_id = $2 and revision > $3",
                    quarter, partner, revision));
            }
        }
        var after = (await RunJobAsync(admin, "/api/v1/incentives/recalculations", quarter)).GetProperty("result");
        Assert.Equal(approved.Keys.Order(StringComparer.Ordinal), after.GetProperty("skippedApproved").EnumerateArray().Select(s => s.GetString()!).Order(StringComparer.Ordinal));
    }

    /// <summary>A quarter with a tiered plan and twenty partners with sales (1 to 4 mobile, 0 to 2 fixed); three of them with 30
    /// touchpoint answers (a tier each), scored. Returns the partners.</summary>
    private async Task<string[]> SalesQuarterAsync(string quarter, string at)
    {
        using var admin = host.Admin();
        await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", new
        {
            baseRates = new { mobile = 42.10m, @fixed = 30m },
            tiers = new[] { new { minNps = -100, upliftPercent = 5m, qualityBonusEur = 100m }, new { minNps = 30, upliftPercent = 10m, qualityBonusEur = 250m } },
            minSample = 30,
            tierBasis = "point",
        }, Ct)).EnsureStatus(HttpStatusCode.Created);
        var partners = new List<string>();
        for (var i = 0; i < 20; i++) partners.Add((await host.CreatePartnerAsync()).PartnerId);
        var transactions = partners.SelectMany((p, i) =>
            Enumerable.Repeat("mobile", 1 + i % 4).Concat(Enumerable.Repeat("fixed", i % 3))
                .Select(category => (object)new { transactionId = PortalHost.NewId("t"), partnerId = p, category, occurredAt = at })).ToArray();
        Assert.Equal(transactions.Length, (await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new { items = transactions }, Ct))
            .JsonAsync()).GetProperty("accepted").GetInt32());
        var responses = partners.Take(3).SelectMany((p, i) => Enumerable.Range(0, 30)
            .Select(j => (object)Response(PortalHost.NewId("st"), p, respondedAt: at, touchpoint: j < 15 + 5 * i ? 10 : 3))).ToArray();
        Assert.Equal(responses.Length, (await PostBatchAsync(admin, responses)).GetProperty("accepted").GetInt32());
        Assert.Equal("succeeded", (await RunJobAsync(admin, "/api/v1/scoring/recalculations", quarter)).GetProperty("state").GetString());
        return [.. partners];
    }

    /// <summary>Starts <paramref name="runs"/> recalculations of the quarter at once and waits for them; each must succeed at
    /// its first attempt (a run that failed and waits for Hangfire's retry is a failure here, not a wait). Their reports.</summary>
    private async Task<JsonElement[]> RunTogetherAsync(HttpClient client, string quarter, int runs)
    {
        var started = await Task.WhenAll(Enumerable.Range(0, runs).Select(_ => client.PostAsJsonAsync("/api/v1/incentives/recalculations", new { quarter }, Ct)));
        var jobIds = new List<string>();
        foreach (var response in started) jobIds.Add((await response.JsonAsync(HttpStatusCode.Accepted)).GetProperty("jobId").GetString()!);
        return await Task.WhenAll(jobIds.Select(id => FirstAttemptAsync(client, id)));
    }

    private async Task<JsonElement> FirstAttemptAsync(HttpClient client, string jobId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = await (await client.GetAsync($"/api/v1/jobs/{jobId}", timeout.Token)).JsonAsync();
            if (job.GetProperty("state").GetString() is "succeeded" or "failed")
            {
                Assert.True(job.GetProperty("state").GetString() == "succeeded", job.ToString());
                return job.GetProperty("result");
            }
            using (var connection = host.Services.GetRequiredService<JobStorage>().GetConnection())
                if (connection.GetJobParameter(jobId, "RetryCount") is { } retries)
                    Assert.Fail($"Recalculation {jobId} failed (retry {retries} scheduled): {connection.GetStateData(jobId)?.Reason}");
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Every partner's latest statement without its revision and calculation time.</summary>
    private static async Task<Dictionary<string, string>> ContentsAsync(HttpClient client, string quarter, IEnumerable<string> partners)
    {
        var contents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in partners)
            contents[p] = Comparable(await (await client.GetAsync($"/api/v1/incentives/statements/{quarter}/{p}", Ct)).JsonAsync());
        return contents;
    }

    private static string Comparable(JsonElement statement) => Volatile().Replace(statement.ToString(), "");

    [GeneratedRegex("\"(calculatedAt|revision)\":\\s*(\"[^\"]*\"|\\d+),?")]
    private static partial Regex Volatile();
}
