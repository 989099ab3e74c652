using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Incentives;
using PartnerPortal.Incentives.Plans;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Incentives;

/// <summary>
/// ADR 0028, DOMAIN.md "Commission": a statement records the plan version and rates it was calculated under; only a
/// draft of the plan as stored can be approved; once approved, the plan is frozen, also under concurrency; clawbacks
/// use the rates the approved statement recorded. Owns the quarters of 2050 to 2055.
/// </summary>
public sealed class PlanVersionTests(PortalHost host)
{
    private const int Trials = 20;

    private static readonly int[] HeadStarts = [0, 5, 15, 50];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Plan(decimal mobile, decimal @fixed = 5m, object[]? tiers = null) =>
        new { baseRates = new { mobile, @fixed }, tiers = tiers ?? [], minSample = 30, tierBasis = "point" };

    private static string Approve(string quarter, string partnerId) => $"/api/v1/incentives/statements/{quarter}/{partnerId}/approve";

    private async Task TransactionsAsync(HttpClient admin, string partnerId, string occurredAt, int mobile, int @fixed = 0, List<string>? ids = null)
    {
        var items = Enumerable.Range(0, mobile + @fixed).Select(i =>
        {
            var id = PortalHost.NewId("t");
            ids?.Add(id);
            return new { transactionId = id, partnerId, category = i < mobile ? "mobile" : "fixed", occurredAt };
        }).ToArray();
        var batch = await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new { items }, Ct)).JsonAsync();
        Assert.All(batch.GetProperty("results").EnumerateArray(), r => Assert.Equal("accepted", r.GetProperty("status").GetString()));
    }

    private async Task RecalculateAsync(string quarter) =>
        Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/incentives/recalculations", quarter)).GetProperty("state").GetString());

    private async Task<JsonElement> StatementAsync(HttpClient admin, string quarter, string partnerId) =>
        await (await admin.GetAsync($"/api/v1/incentives/statements/{quarter}/{partnerId}", Ct)).JsonAsync();

    private static decimal Line(JsonElement statement, string kind, string? category) =>
        statement.GetProperty("lines").EnumerateArray()
            .Single(l => l.GetProperty("kind").GetString() == kind && (category is null || l.GetProperty("category").GetString() == category))
            .GetProperty("amount").GetDecimal();

    [Fact]
    public async Task A_draft_calculated_under_an_earlier_plan_version_is_409_until_it_is_recalculated()
    {
        const string quarter = "2055-Q1";
        var (partnerId, _) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var created = await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan(10m), Ct)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        await TransactionsAsync(admin, partnerId, "2055-02-01T10:00:00+01:00", mobile: 20);
        await RecalculateAsync(quarter);
        var draft = await StatementAsync(admin, quarter, partnerId);
        Assert.Equal(200m, Line(draft, "base", "mobile"));
        Assert.Equal(1, draft.GetProperty("planVersion").GetInt32());
        Assert.Equal(10m, draft.GetProperty("baseRates").GetProperty("mobile").GetDecimal());

        var changed = await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan(77m), Ct)).JsonAsync();
        Assert.Equal(2, changed.GetProperty("version").GetInt32());
        var refused = await (await admin.PostAsync(Approve(quarter, partnerId), null, Ct)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("recalculate first", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The approval list's form says so in German too.
        var (email, password) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (browser, _) = await host.LoginAsync(email, password);
        using (browser)
        {
            var token = await PortalHost.AntiforgeryTokenAsync(browser, $"/provision/freigabe?quarter={quarter}");
            var page = await browser.PostAsync($"/provision/freigabe/{quarter}/{partnerId}",
                new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token,
                    ["revision"] = (await StatementAsync(admin, quarter, partnerId)).GetProperty("revision").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                }), Ct);
            Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
            Assert.Contains("bitte zuerst neu berechnen", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        Assert.Equal("draft", (await StatementAsync(admin, quarter, partnerId)).GetProperty("status").GetString());
        // A partner's targets are part of the plan too: they change the attainment on the statement.
        await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}/targets/{partnerId}", new { mobile = 40 }, Ct)).EnsureStatus(HttpStatusCode.OK);

        await RecalculateAsync(quarter);
        var approved = await (await admin.PostAsync(Approve(quarter, partnerId), null, Ct)).JsonAsync();
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        // The stored JSON keeps the API's names too (the status is an enum in code): rows of older hosts read the same.
        Assert.Equal("approved", await host.ScalarAsync<string>(
            "select data ->> 'status' from incentives.mt_doc_statement where quarter = $1 and partner_id = $2 order by revision desc limit 1",
            quarter, partnerId));
        Assert.Equal(20 * 77m, Line(approved, "base", "mobile"));
        Assert.Equal(20 * 77m, approved.GetProperty("total").GetDecimal());
        Assert.Equal(0.5m, approved.GetProperty("attainment").GetProperty("mobile").GetDecimal());
        Assert.Equal(3, approved.GetProperty("planVersion").GetInt32());
        Assert.Equal(77m, approved.GetProperty("baseRates").GetProperty("mobile").GetDecimal());

        // Frozen from now on: the plan, the targets, and the plan's version stay as they are.
        await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan(10m), Ct)).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}/targets/{partnerId}", new { mobile = 1 }, Ct)).ProblemAsync(HttpStatusCode.Conflict);
        var plan = await (await admin.GetAsync($"/api/v1/incentives/plans/{quarter}", Ct)).JsonAsync();
        Assert.Equal((77m, 3), (plan.GetProperty("baseRates").GetProperty("mobile").GetDecimal(), plan.GetProperty("version").GetInt32()));
    }

    /// <summary>Approval against three plan PUTs and two target PUTs, all let go at once, on 20 fresh quarters. Whatever
    /// the order: if the approval went through, every change was refused (a change before it would have made the draft
    /// stale, one after it is refused as frozen), and the approved figures are those of the plan as stored; if it did
    /// not, it says "recalculate first" and the statement is still a draft.</summary>
    [Fact]
    public async Task An_approval_racing_plan_and_target_changes_never_leaves_a_plan_changed_after_approval()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var approvals = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var q = new Quarter(2050 + trial / 4, trial % 4 + 1);
            var quarter = q.ToString();
            await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan(10m), Ct)).EnsureStatus(HttpStatusCode.Created);
            await TransactionsAsync(admin, partnerId, $"{q.Year}-{q.Number * 3 - 1:D2}-10T10:00:00+01:00", mobile: 3, @fixed: 2);
            await RecalculateAsync(quarter);

            using var approvalStart = new SemaphoreSlim(0);
            using var changesStart = new SemaphoreSlim(0);
            async Task<HttpResponseMessage> Send(SemaphoreSlim start, Func<HttpClient, Task<HttpResponseMessage>> request)
            {
                using var client = host.Admin();
                await start.WaitAsync(Ct);
                return await request(client);
            }
            var approval = Send(approvalStart, c => c.PostAsync(Approve(quarter, partnerId), null, Ct));
            var changes = Enumerable.Range(1, 3)
                .Select(i => Send(changesStart, c => c.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan(10m + i, 5m + i), Ct)))
                .Concat(Enumerable.Range(1, 2).Select(i => Send(changesStart, c => c.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}/targets/{partnerId}", new { mobile = i }, Ct))))
                .ToArray();
            // The approval gets a head start of 0, 5, 15 or 50 ms, so that each side wins some of the trials.
            approvalStart.Release();
            if (HeadStarts[trial % HeadStarts.Length] is > 0 and var headStart) await Task.Delay(headStart, Ct);
            changesStart.Release(changes.Length);
            var approvalResponse = await approval;
            var changeResponses = await Task.WhenAll(changes);

            var plan = await (await admin.GetAsync($"/api/v1/incentives/plans/{quarter}", Ct)).JsonAsync();
            var statement = await StatementAsync(admin, quarter, partnerId);
            var accepted = changeResponses.Count(r => r.StatusCode == HttpStatusCode.OK);
            Assert.All(changeResponses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"trial {trial}: {r.StatusCode}"));
            Assert.Equal(1 + accepted, plan.GetProperty("version").GetInt32());
            if (approvalResponse.StatusCode == HttpStatusCode.OK)
            {
                approvals++;
                Assert.True(accepted == 0, $"trial {trial}: {accepted} plan changes were accepted around an approval");
                Assert.Equal("approved", statement.GetProperty("status").GetString());
                Assert.Equal(plan.GetProperty("version").GetInt32(), statement.GetProperty("planVersion").GetInt32());
                // The approved figures are those of the plan as stored.
                var rates = plan.GetProperty("baseRates");
                Assert.Equal(3 * rates.GetProperty("mobile").GetDecimal(), Line(statement, "base", "mobile"));
                Assert.Equal(2 * rates.GetProperty("fixed").GetDecimal(), Line(statement, "base", "fixed"));
            }
            else
            {
                var problem = await approvalResponse.ProblemAsync(HttpStatusCode.Conflict);
                Assert.Contains("recalculate first", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.True(accepted > 0, $"trial {trial}: the approval was refused, yet no plan change was accepted");
                Assert.Equal("draft", statement.GetProperty("status").GetString());
            }
            // Either way, a change after the dust has settled is refused exactly when a statement is approved.
            var late = await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan(99m), Ct);
            Assert.Equal(approvalResponse.StatusCode == HttpStatusCode.OK ? HttpStatusCode.Conflict : HttpStatusCode.OK, late.StatusCode);
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{approvals} of {Trials} approvals won the race.");
        Assert.InRange(approvals, 1, Trials - 1); // both sides of the race were tried
    }

    /// <summary>A plan that changed behind an approved statement's back (as the race before ADR 0028 let happen, or a
    /// hand edit in the database): the clawback of that statement's transactions still uses the rates and the uplift
    /// the statement was calculated with.</summary>
    [Fact]
    public async Task A_clawback_uses_the_rates_recorded_on_the_approved_statement_not_the_plan_changed_since()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        // 40 touchpoint answers in 2055-Q2: NPS 45, n = 40 → the tier from 0 (uplift 10 %).
        var scores = Enumerable.Repeat(10, 24).Concat(Enumerable.Repeat(7, 10)).Concat(Enumerable.Repeat(2, 6));
        await PostBatchAsync(admin, scores.Select(s => (object)Response(PortalHost.NewId("pv"), partnerId, shops[0], respondedAt: "2055-05-02T10:00:00+02:00", touchpoint: s)));
        Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/scoring/recalculations", "2055-Q2")).GetProperty("state").GetString());
        object[] tier = [new { minNps = 0, upliftPercent = 10m, qualityBonusEur = 0m }];
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2055-Q2", Plan(10m, 20m, tier), Ct)).EnsureStatus(HttpStatusCode.Created);
        var ids = new List<string>();
        await TransactionsAsync(admin, partnerId, "2055-05-10T10:00:00+02:00", mobile: 2, @fixed: 0, ids);
        await RecalculateAsync("2055-Q2");
        var approved = await (await admin.PostAsync(Approve("2055-Q2", partnerId), null, Ct)).JsonAsync();
        Assert.Equal(22m, Line(approved, "uplift", "mobile") + Line(approved, "base", "mobile")); // 2 × 10 € + 10 %

        await using (var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            var plan = await session.LoadAsync<CommissionPlan>("2055-Q2", Ct);
            plan!.BaseRates = new CategoryRates(99m, 99m);
            plan.Tiers = [new NpsTier(0, 50m, 0m)];
            plan.Version++;
            session.Store(plan);
            await session.SaveChangesAsync(Ct);
        }
        await (await admin.PostAsJsonAsync("/api/v1/incentives/cancellations/batch", new { items = new[] { new { transactionId = ids[0], cancelledAt = "2055-08-01T10:00:00+02:00" } } }, Ct)).JsonAsync();
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2055-Q3", Plan(5m), Ct)).EnsureStatus(HttpStatusCode.Created);
        await RecalculateAsync("2055-Q3");

        // −1 × 10 € × (1 + 10 %) = −11.00: not −1 × 99 € × 1.10, nor at Q3's 5 €, nor with the plan's 50 % now.
        var q3 = await StatementAsync(admin, "2055-Q3", partnerId);
        Assert.Equal(-11.00m, Line(q3, "clawback", "mobile"));
        Assert.Contains(q3.GetProperty("explanation").EnumerateArray(), e => e.GetString()!.Contains("× 10,00 € × (1 + 10 %)", StringComparison.Ordinal));
    }

    /// <summary>Statements stored before plan versions (no planVersion, no rates): a draft is approvable when the plan
    /// has not changed since it was calculated, and 409 "recalculate first" when it has.</summary>
    [Fact]
    public async Task A_draft_from_before_plan_versions_is_approvable_only_when_the_plan_has_not_changed_since()
    {
        const string quarter = "2055-Q4";
        var (fresh, _) = await host.CreatePartnerAsync();
        var (stale, _) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan(10m), Ct)).EnsureStatus(HttpStatusCode.Created);
        var planUpdatedAt = (await (await admin.GetAsync($"/api/v1/incentives/plans/{quarter}", Ct)).JsonAsync()).GetProperty("updatedAt").GetDateTimeOffset();
        await using (var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            foreach (var (partnerId, calculatedAt) in new[] { (fresh, planUpdatedAt.AddMinutes(1)), (stale, planUpdatedAt.AddMinutes(-1)) })
                session.Store(new Statement
                {
                    Id = Statement.IdOf(quarter, partnerId, 1), Quarter = quarter, PartnerId = partnerId, Revision = 1, Status = StatementStatus.Draft,
                    Lines = [new StatementLine("base", "mobile", 1, 10m)], Total = 10m, CalculatedAt = calculatedAt,
                });
            await session.SaveChangesAsync(Ct);
        }
        var problem = await (await admin.PostAsync(Approve(quarter, stale), null, Ct)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("recalculate first", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var approved = await (await admin.PostAsync(Approve(quarter, fresh), null, Ct)).JsonAsync();
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("planVersion").ValueKind);
    }
}
