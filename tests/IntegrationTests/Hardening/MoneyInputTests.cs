using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Incentives.Plans;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// ADR 0028, API.md "Money is a JSON number in EUR with at most two decimals": every money input of the API (plan base
/// rates, quality bonus, WKZ allocations and adjustments, the coaching day rate) and every percentage that multiplies
/// money (uplift, partner share, WKZ share) is refused with a 400 field error when it has more than two decimals or is
/// out of range — nothing is stored — and every money output has at most two decimals. Bodies are raw JSON, so the
/// numbers arrive exactly as written. Owns the quarters 2056-Q1 (never stored), 2056-Q2 and 2056-Q3, the programme years
/// 2096 and 2097 (never stored).
/// </summary>
public sealed partial class MoneyInputTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Numbers no money field takes: beyond two decimals (1e-30 reads as a zero with 28 decimals), and far beyond any range (1e30 does not even fit a decimal).</summary>
    private static readonly string[] NeverMoney = ["1e-30", "0.001", "10.005", "10.501", "0.0000000000000000000000000001", "1e30", "-1e30"];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Plan(string mobile = "10", string @fixed = "5", string uplift = "5", string bonus = "100") =>
        $$"""{ "baseRates": { "mobile": {{mobile}}, "fixed": {{@fixed}} }, "tiers": [ { "minNps": 0, "upliftPercent": {{uplift}}, "qualityBonusEur": {{bonus}} } ] }""";

    public static TheoryData<string, string> InvalidPlans()
    {
        var data = new TheoryData<string, string>();
        foreach (var n in NeverMoney.Concat(["-1", "-0.01", "1000000.01", "1e7"]))
        {
            data.Add(Plan(mobile: n), "baseRates.mobile");
            data.Add(Plan(@fixed: n), "baseRates.fixed");
            data.Add(Plan(bonus: n), "tiers[0].qualityBonusEur");
        }
        foreach (var n in new[] { "1e-30", "12.345", "-0.5", "100.01", "1e30" })
            data.Add(Plan(uplift: n), "tiers[0].upliftPercent");
        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidPlans))]
    public async Task A_plan_with_an_amount_beyond_cents_or_range_is_400_for_that_field_and_stores_nothing(string plan, string field)
    {
        using var admin = host.Admin();
        var problem = await (await admin.PutAsync("/api/v1/incentives/plans/2056-Q1", Json(plan), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors(field).Length > 0, $"no error for {field} in {problem}");
        await (await admin.GetAsync("/api/v1/incentives/plans/2056-Q1", Ct)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_plan_in_cents_is_accepted_and_its_statement_has_cents_only()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var created = await (await admin.PutAsync("/api/v1/incentives/plans/2056-Q2", Json(Plan(mobile: "10.5", @fixed: "10.50", uplift: "12.5", bonus: "0.10")), Ct))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(10.5m, created.GetProperty("baseRates").GetProperty("mobile").GetDecimal());
        Assert.Equal(10.5m, created.GetProperty("baseRates").GetProperty("fixed").GetDecimal());
        AssertCents(created);

        var items = Enumerable.Range(0, 3).Select(i => $$"""{ "transactionId": "{{PortalHost.NewId("t")}}", "partnerId": "{{partnerId}}", "category": "{{(i == 0 ? "fixed" : "mobile")}}", "occurredAt": "2056-05-05T10:00:00+02:00" }""");
        await (await admin.PostAsync("/api/v1/incentives/transactions/batch", Json($$"""{ "items": [ {{string.Join(",", items)}} ] }"""), Ct)).JsonAsync();
        Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/incentives/recalculations", "2056-Q2")).GetProperty("state").GetString());
        var statement = await (await admin.GetAsync($"/api/v1/incentives/statements/2056-Q2/{partnerId}", Ct)).JsonAsync();
        Assert.Equal(31.5m, statement.GetProperty("total").GetDecimal());
        AssertCents(statement);
    }

    /// <summary>Plans stored before the rule (1e-30 was accepted and kept as a zero with 28 decimals): the API still
    /// answers in cents.</summary>
    [Fact]
    public async Task A_plan_stored_before_the_rule_is_shown_in_cents()
    {
        await using (var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Store(new CommissionPlan
            {
                Id = "2056-Q3", Version = 1, UpdatedAt = DateTimeOffset.UtcNow,
                BaseRates = new CategoryRates(decimal.Parse("1e-30", NumberStyles.Float, CultureInfo.InvariantCulture), 12.345m),
                Tiers = [new NpsTier(0, 5m, 100.005m)],
            });
            await session.SaveChangesAsync(Ct);
        }
        using var admin = host.Admin();
        var plan = await (await admin.GetAsync("/api/v1/incentives/plans/2056-Q3", Ct)).JsonAsync();
        AssertCents(plan);
        Assert.Equal("12.35", plan.GetProperty("baseRates").GetProperty("fixed").GetRawText());
        Assert.Equal("100.01", plan.GetProperty("tiers")[0].GetProperty("qualityBonusEur").GetRawText());
    }

    [Fact]
    public async Task WKZ_allocations_and_adjustments_take_cents_only_within_range_and_store_nothing_else()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var url = $"/api/v1/training/partners/{partnerId}/wkz";
        foreach (var n in NeverMoney.Concat(["-5", "0", "1000000.01", "1e7"]))
            Assert.NotEmpty((await (await admin.PostAsync(url + "/allocations", Json($$"""{ "amountEur": {{n}}, "reason": "Budget" }"""), Ct))
                .ProblemAsync(HttpStatusCode.BadRequest)).Errors("amountEur"));
        foreach (var n in NeverMoney.Concat(["-10.005", "0", "-1000000.01", "1e7"]))
            Assert.NotEmpty((await (await admin.PostAsync(url + "/adjustments", Json($$"""{ "amountEur": {{n}}, "reason": "Korrektur" }"""), Ct))
                .ProblemAsync(HttpStatusCode.BadRequest)).Errors("amountEur"));
        var empty = await (await admin.GetAsync(url, Ct)).JsonAsync();
        Assert.Equal(0, empty.GetProperty("entries").GetArrayLength());

        foreach (var n in new[] { "10.5", "10.50", "10.500" })
            AssertCents(await (await admin.PostAsync(url + "/allocations", Json($$"""{ "amountEur": {{n}}, "reason": "Budget" }"""), Ct)).JsonAsync(HttpStatusCode.Created));
        await (await admin.PostAsync(url + "/adjustments", Json("""{ "amountEur": -0.25, "reason": "Korrektur" }"""), Ct)).JsonAsync(HttpStatusCode.Created);
        var account = await (await admin.GetAsync(url, Ct)).JsonAsync();
        Assert.Equal(31.25m, account.GetProperty("balanceEur").GetDecimal()); // 3 × 10.5 − 0.25
        AssertCents(account);
    }

    private static string Programme(string rate = "1234.5", string share = "45") =>
        $$"""{ "targetCoachingDays": 100, "topicMix": { "sales-conversation": 70, "leadership-motivation": 30 }, "coachingDayRateEur": {{rate}}, "partnerSharePercent": {{share}} }""";

    [Fact]
    public async Task A_programme_takes_a_day_rate_in_cents_and_a_partner_share_with_two_decimals_at_most()
    {
        using var admin = host.Admin();
        var cases = NeverMoney.Concat(["-1", "100000.01"]).Select(n => (Programme(rate: n), "coachingDayRateEur"))
            .Concat(new[] { "1e-30", "12.345", "-1", "100.5", "1e30" }.Select(n => (Programme(share: n), "partnerSharePercent")));
        foreach (var (body, field) in cases)
        {
            var problem = await (await admin.PutAsync("/api/v1/training/programmes/2097", Json(body), Ct)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.Errors(field).Length > 0, $"no error for {field} in {problem} ({body})");
        }
        await (await admin.GetAsync("/api/v1/training/programmes/2097", Ct)).ProblemAsync(HttpStatusCode.NotFound);

        var created = await (await admin.PutAsync("/api/v1/training/programmes/2096", Json(Programme(rate: "1234.50", share: "12.5")), Ct)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(1234.5m, created.GetProperty("coachingDayRateEur").GetDecimal());
        AssertCents(created);
    }

    [Fact]
    public async Task A_booking_takes_a_WKZ_share_with_two_decimals_at_most()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        foreach (var n in new[] { "33.333", "1e-30", "100.01" })
            Assert.NotEmpty((await (await admin.PostAsync("/api/v1/training/coaching-bookings", Json(
                    $$"""{ "partnerId": "{{partnerId}}", "shopId": "{{shops[0]}}", "date": "2096-06-15", "topic": "sales-conversation", "days": 1, "participants": 5, "wkzPercent": {{n}} }"""), Ct))
                .ProblemAsync(HttpStatusCode.BadRequest)).Errors("wkzPercent"));
    }

    /// <summary>Every number in the answer whose property names money (…Eur, amount, total, base rates) has at most two
    /// decimals as written.</summary>
    private static void AssertCents(JsonElement json, string path = "$")
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in json.EnumerateObject())
                {
                    if (p.Value.ValueKind == JsonValueKind.Number && IsMoney(p.Name, path))
                        Assert.True(TwoDecimalsAtMost().IsMatch(p.Value.GetRawText()), $"{path}.{p.Name} = {p.Value.GetRawText()}");
                    AssertCents(p.Value, $"{path}.{p.Name}");
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in json.EnumerateArray()) AssertCents(item, $"{path}[{i++}]");
                break;
        }
    }

    private static bool IsMoney(string name, string path) =>
        name.EndsWith("Eur", StringComparison.Ordinal) || name is "amount" or "total" || path.EndsWith(".baseRates", StringComparison.Ordinal);

    [GeneratedRegex(@"^-?\d+(\.\d{1,2})?$")]
    private static partial Regex TwoDecimalsAtMost();
}
