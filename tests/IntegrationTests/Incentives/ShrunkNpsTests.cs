using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Incentives;

/// <summary>
/// DOMAIN.md "Shrunk NPS" (ADR 0034) over HTTP: surveys → score cards → statements. The population (p̄, d̄) is every
/// partner's partner-shop touchpoint scores of the quarter, so each quarter here holds only this class's responses:
/// owns the quarters of 2049, and no other year.
/// </summary>
public sealed class ShrunkNpsTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object[] Tiers(params (double MinNps, decimal Uplift, decimal Bonus)[] tiers) =>
        tiers.Select(t => (object)new { minNps = t.MinNps, upliftPercent = t.Uplift, qualityBonusEur = t.Bonus }).ToArray();

    private static readonly object[] TwoTiers = Tiers((15, 5m, 100m), (50, 10m, 300m));

    /// <summary>A plan body; <paramref name="priorWeight"/> null leaves the field out.</summary>
    private static Dictionary<string, object?> Plan(string tierBasis, int minSample = 30, int? priorWeight = null, object[]? tiers = null)
    {
        var plan = new Dictionary<string, object?>
        {
            ["baseRates"] = new { mobile = 10m, @fixed = 20m }, ["tiers"] = tiers ?? TwoTiers, ["minSample"] = minSample, ["tierBasis"] = tierBasis,
        };
        if (priorWeight is { } w) plan["priorWeight"] = w;
        return plan;
    }

    /// <summary>Touchpoint answers of one partner's shop: promoters (10), passives (7), detractors (3).</summary>
    private async Task<string[]> AnswersAsync(HttpClient admin, string partnerId, string shopId, string respondedAt, int promoters, int passives, int detractors)
    {
        var ids = Enumerable.Range(0, promoters + passives + detractors).Select(_ => PortalHost.NewId("sh")).ToArray();
        var scores = Enumerable.Repeat(10, promoters).Concat(Enumerable.Repeat(7, passives)).Concat(Enumerable.Repeat(3, detractors)).ToArray();
        var batch = await PostBatchAsync(admin, ids.Select((id, i) => (object)Response(id, partnerId, shopId, respondedAt, touchpoint: scores[i])));
        Assert.All(Statuses(batch), s => Assert.Equal("accepted", s));
        return ids;
    }

    private async Task<(string PartnerId, string ShopId)> PartnerWithAnswersAsync(HttpClient admin, string respondedAt, int promoters, int passives, int detractors)
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        await AnswersAsync(admin, partnerId, shops[0], respondedAt, promoters, passives, detractors);
        return (partnerId, shops[0]);
    }

    private async Task RecalculateAsync(string url, string quarter) =>
        Assert.Equal("succeeded", (await host.RunJobAsync(url, quarter)).GetProperty("state").GetString());

    private static async Task<JsonElement> StatementAsync(HttpClient admin, string quarter, string partnerId) =>
        await (await admin.GetAsync($"/api/v1/incentives/statements/{quarter}/{partnerId}", Ct)).JsonAsync();

    private static double? TierOf(JsonElement statement) =>
        statement.GetProperty("tier") is { ValueKind: JsonValueKind.Object } tier ? tier.GetProperty("minNps").GetDouble() : null;

    private static double? Shrunk(JsonElement statement) =>
        statement.GetProperty("nps").GetProperty("shrunk") is { ValueKind: JsonValueKind.Number } shrunk ? shrunk.GetDouble() : null;

    private static double Round1(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// 2049-Q1, tiers from 15 and from 50, basis <c>shrunk</c>, no priorWeight (so 30). All partner-shop touchpoint scores
    /// of the quarter: 200, of them 100 promoters and 40 detractors (p̄ = 0.5, d̄ = 0.2) — one more promoter is
    /// quarantined and ten own-shop promoters are no partner-shop scores: neither may count.
    /// </summary>
    [Fact]
    public async Task The_tier_is_chosen_on_the_shrunk_NPS_of_the_quarters_partner_shop_population_with_the_minimum_sample_rule()
    {
        const string quarter = "2049-Q1", at = "2049-02-10T10:00:00+01:00";
        using var admin = host.Admin();
        var high = await PartnerWithAnswersAsync(admin, at, promoters: 21, passives: 6, detractors: 3);   // NPS 60
        var low = await PartnerWithAnswersAsync(admin, at, promoters: 12, passives: 9, detractors: 9);    // NPS 10
        var n29 = await PartnerWithAnswersAsync(admin, at, promoters: 29, passives: 0, detractors: 0);    // NPS 100, n = 29
        var n30 = await PartnerWithAnswersAsync(admin, at, promoters: 30, passives: 0, detractors: 0);    // NPS 100, n = 30
        var filler = await PartnerWithAnswersAsync(admin, at, promoters: 8, passives: 45, detractors: 28); // n = 81
        var quarantined = (await AnswersAsync(admin, filler.PartnerId, filler.ShopId, at, promoters: 1, passives: 0, detractors: 0))[0];
        await (await admin.PutAsJsonAsync($"/api/v1/surveys/responses/{quarantined}/quarantine", new { note = "Testantwort" }, Ct)).JsonAsync();
        var ownShop = Enumerable.Range(0, 10).Select(_ => (object)Response(PortalHost.NewId("sh"), respondedAt: at, channel: "own-shop", touchpoint: 10));
        Assert.All(Statuses(await PostBatchAsync(admin, ownShop)), s => Assert.Equal("accepted", s));
        await RecalculateAsync("/api/v1/scoring/recalculations", quarter);

        var plan = await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan("shrunk"), Ct)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(30, plan.GetProperty("priorWeight").GetInt32());
        Assert.Equal("shrunk", plan.GetProperty("tierBasis").GetString());
        await RecalculateAsync("/api/v1/incentives/recalculations", quarter);

        // High: 100 × (21 + 30 × 0.5 − 3 − 30 × 0.2) / (30 + 30) = 45: its NPS 60 reaches the tier from 50, 45 only the one from 15.
        var h = await StatementAsync(admin, quarter, high.PartnerId);
        Assert.Equal((60.0, 30, 45.0), (h.GetProperty("nps").GetProperty("value").GetDouble(), h.GetProperty("nps").GetProperty("n").GetInt32(), Shrunk(h)!.Value));
        Assert.Equal(15.0, TierOf(h));
        Assert.Equal(100m, h.GetProperty("total").GetDecimal());
        Assert.Contains("geglätteter NPS 45,0 erreicht die Stufe ab 15,0", h.GetProperty("explanation")[0].GetString(), StringComparison.Ordinal);
        // Low: 100 × (12 + 15 − 9 − 6) / 60 = 20: its NPS 10 reaches no tier, 20 the one from 15.
        var l = await StatementAsync(admin, quarter, low.PartnerId);
        Assert.Equal((10.0, 20.0, 15.0), (l.GetProperty("nps").GetProperty("value").GetDouble(), Shrunk(l)!.Value, TierOf(l)!.Value));
        // n = 29: 100 × (29 + 15 − 6) / 59 = 64.4 would reach the tier from 50, but the sample is below 30. n = 30: 65, tier from 50.
        var small = await StatementAsync(admin, quarter, n29.PartnerId);
        Assert.Equal(Round1(100.0 * 38 / 59), Shrunk(small));
        Assert.Null(TierOf(small));
        Assert.Contains("Stichprobe unter 30 Antworten", small.GetProperty("explanation")[0].GetString(), StringComparison.Ordinal);
        var enough = await StatementAsync(admin, quarter, n30.PartnerId);
        Assert.Equal((65.0, 50.0, 300m), (Shrunk(enough)!.Value, TierOf(enough)!.Value, enough.GetProperty("total").GetDecimal()));
        // Filler, n = 81 (the quarantined answer left out): 100 × (8 + 15 − 28 − 6) / 111 = −9.9.
        var f = await StatementAsync(admin, quarter, filler.PartnerId);
        Assert.Equal((81, Round1(-1100.0 / 111)), (f.GetProperty("nps").GetProperty("n").GetInt32(), Shrunk(f)!.Value));

        // The partner's page shows the shrunk NPS beside its NPS and explains it with the plan's prior weight, in German and English.
        var (email, password) = await host.CreateUserAsync(Roles.Partner, high.PartnerId);
        var (browser, _) = await host.LoginAsync(email, password);
        using (browser)
        {
            var page = await browser.GetStringAsync($"/provision?quarter={quarter}", Ct);
            Assert.Contains("<strong data-testid=\"nps-value\">60,0</strong>", page, StringComparison.Ordinal);
            Assert.Contains("<strong data-testid=\"nps-shrunk\">45,0</strong>", page, StringComparison.Ordinal);
            Assert.Contains("als kämen 30 typische Antworten hinzu", page, StringComparison.Ordinal);
            Assert.Contains("maßgeblich ist der geglättete NPS", page, StringComparison.Ordinal);
            Assert.Contains("noch 5,0 Punkte", page, StringComparison.Ordinal); // shrunk 45 → the tier from 50 (the NPS is past it)
            var whatIf = await browser.GetStringAsync($"/provision?quarter={quarter}&whatIf=55", Ct);
            Assert.Contains("Was wäre, wenn Ihr geglätteter NPS 55,0 betrüge?", whatIf, StringComparison.Ordinal);
            // The what-if at 55 reaches the tier from 50: its total is the 300 € bonus (the statement's is 100 €).
            Assert.Contains("data-testid=\"total\"><strong>300,00 €</strong>", whatIf, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/sprache/en?returnUrl=%2F", Ct)).StatusCode);
            var english = await browser.GetStringAsync($"/provision?quarter={quarter}", Ct);
            Assert.Contains("as if 30 typical answers were added", english, StringComparison.Ordinal);
            Assert.Contains("shrunk NPS", english, StringComparison.Ordinal);
        }

        // A statement stored before the shrunk NPS existed reads it as null.
        await host.ScalarAsync<int>(
            "with changed as (update incentives.mt_doc_statement set data = data #- '{nps,shrunk}' where quarter = $1 and partner_id = $2 returning 1) select count(*)::int from changed",
            quarter, filler.PartnerId);
        var old = await StatementAsync(admin, quarter, filler.PartnerId);
        Assert.Equal(JsonValueKind.Null, old.GetProperty("nps").GetProperty("shrunk").ValueKind);
        Assert.Equal(81, old.GetProperty("nps").GetProperty("n").GetInt32());
    }

    /// <summary>
    /// 2049-Q2: 100 partner-shop scores, 60 promoters, 20 detractors (p̄ = 0.6, d̄ = 0.2). The minimum sample 40 with
    /// n = 35 under <c>shrunk</c>; the shrunk NPS on every statement under <c>point</c> and <c>ci-low</c> too; the plan's
    /// prior weight is the one used (0 and 1000, the bounds).
    /// </summary>
    [Fact]
    public async Task Every_statement_shows_the_shrunk_NPS_under_the_plans_prior_weight_whatever_the_basis()
    {
        const string quarter = "2049-Q2", at = "2049-05-10T10:00:00+02:00";
        using var admin = host.Admin();
        var n35 = await PartnerWithAnswersAsync(admin, at, promoters: 35, passives: 0, detractors: 0);    // NPS 100
        var n40 = await PartnerWithAnswersAsync(admin, at, promoters: 20, passives: 10, detractors: 10);  // NPS 25
        await PartnerWithAnswersAsync(admin, at, promoters: 5, passives: 10, detractors: 10);             // n = 25
        await RecalculateAsync("/api/v1/scoring/recalculations", quarter);
        object[] tier30 = Tiers((30, 10m, 200m));

        async Task<(JsonElement N35, JsonElement N40)> UnderAsync(Dictionary<string, object?> plan)
        {
            var put = await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", plan, Ct);
            Assert.True(put.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Ct));
            await RecalculateAsync("/api/v1/incentives/recalculations", quarter);
            return (await StatementAsync(admin, quarter, n35.PartnerId), await StatementAsync(admin, quarter, n40.PartnerId));
        }

        // Shrunk, minimum sample 40, prior weight 30: n = 35 → 100 × (35 + 18 − 6) / 65 = 72.3, yet no tier (35 < 40);
        // n = 40 → 100 × (20 + 18 − 10 − 6) / 70 = 31.4 ≥ 30 (its NPS, 25, is not).
        var (a, b) = await UnderAsync(Plan("shrunk", minSample: 40, priorWeight: 30, tiers: tier30));
        Assert.Equal((Round1(4700.0 / 65), (double?)null), (Shrunk(a)!.Value, TierOf(a)));
        Assert.Contains("Stichprobe unter 40 Antworten", a.GetProperty("explanation")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal((Round1(2200.0 / 70), (double?)30.0), (Shrunk(b)!.Value, TierOf(b)));

        // Point, minimum sample 30: the tier follows the NPS (100 reaches 30, 25 does not); the shrunk NPS is still shown.
        (a, b) = await UnderAsync(Plan("point", tiers: tier30));
        Assert.Equal((Round1(4700.0 / 65), (double?)30.0), (Shrunk(a)!.Value, TierOf(a)));
        Assert.Equal((Round1(2200.0 / 70), (double?)null), (Shrunk(b)!.Value, TierOf(b)));

        // Ci-low with prior weight 0: the shrunk NPS is the NPS itself.
        (a, b) = await UnderAsync(Plan("ci-low", priorWeight: 0, tiers: tier30));
        Assert.Equal((100.0, 25.0), (Shrunk(a)!.Value, Shrunk(b)!.Value));

        // Shrunk with prior weight 1000: n = 40 → 100 × (20 + 600 − 10 − 200) / 1040 = 39.4; n = 35 → 100 × (35 + 600 − 200) / 1035 = 42.0.
        (a, b) = await UnderAsync(Plan("shrunk", priorWeight: 1000, tiers: Tiers((40, 10m, 200m))));
        Assert.Equal((Round1(43500.0 / 1035), (double?)40.0), (Shrunk(a)!.Value, TierOf(a)));
        Assert.Equal((Round1(41000.0 / 1040), (double?)null), (Shrunk(b)!.Value, TierOf(b)));
    }

    /// <summary>2049-Q3: no partner-shop response at all (only own-shop ones): p̄ and d̄ are undefined. A partner with
    /// transactions gets its base commission, no NPS, no tier; the what-if works under every basis. And a plan stored
    /// before priorWeight existed reads as 30.</summary>
    [Fact]
    public async Task Without_partner_shop_responses_there_is_no_shrunk_NPS_and_no_tier_and_the_what_if_works_under_every_basis()
    {
        const string quarter = "2049-Q3";
        using var admin = host.Admin();
        var (partnerId, _) = await host.CreatePartnerAsync();
        var ownShop = Enumerable.Range(0, 40).Select(_ => (object)Response(PortalHost.NewId("sh"), respondedAt: "2049-08-10T10:00:00+02:00", channel: "own-shop", touchpoint: 10));
        Assert.All(Statuses(await PostBatchAsync(admin, ownShop)), s => Assert.Equal("accepted", s));
        await RecalculateAsync("/api/v1/scoring/recalculations", quarter);
        var items = Enumerable.Range(0, 3).Select(_ => new { transactionId = PortalHost.NewId("t"), partnerId, category = "mobile", occurredAt = "2049-08-01T10:00:00+02:00" });
        await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new { items }, Ct)).JsonAsync();

        await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan("shrunk"), Ct)).JsonAsync(HttpStatusCode.Created);
        await RecalculateAsync("/api/v1/incentives/recalculations", quarter);
        var statement = await StatementAsync(admin, quarter, partnerId);
        Assert.Equal(JsonValueKind.Null, statement.GetProperty("nps").ValueKind);
        Assert.Null(TierOf(statement));
        Assert.Equal(30m, statement.GetProperty("total").GetDecimal()); // 3 × 10 €, nothing more

        foreach (var basis in new[] { "point", "ci-low", "shrunk" })
        {
            await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan(basis, minSample: 40), Ct)).JsonAsync();
            async Task<JsonElement> WhatIfAsync(string nps) =>
                await (await admin.GetAsync($"/api/v1/incentives/statements/{quarter}/{partnerId}/what-if?nps={nps}", Ct)).JsonAsync();
            var at55 = await WhatIfAsync("55");
            Assert.Equal((50.0, 333m), (TierOf(at55)!.Value, at55.GetProperty("total").GetDecimal())); // 30 + 3 (10 %) + 300
            Assert.Equal((55.0, 55.0, 55.0, 40), (at55.GetProperty("nps").GetProperty("value").GetDouble(), at55.GetProperty("nps").GetProperty("ciLow").GetDouble(),
                Shrunk(at55)!.Value, at55.GetProperty("nps").GetProperty("n").GetInt32()));
            var at20 = await WhatIfAsync("20");
            Assert.Equal((15.0, 131.50m), (TierOf(at20)!.Value, at20.GetProperty("total").GetDecimal())); // 30 + 1.50 (5 %) + 100
            Assert.Null(TierOf(await WhatIfAsync("14.9")));
        }

        // A plan stored before the setting existed (no priorWeight in its document) reads as 30.
        await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan("shrunk", priorWeight: 77), Ct)).JsonAsync();
        Assert.Equal(77, (await (await admin.GetAsync($"/api/v1/incentives/plans/{quarter}", Ct)).JsonAsync()).GetProperty("priorWeight").GetInt32());
        Assert.Equal(1, await host.ScalarAsync<int>(
            "with changed as (update incentives.mt_doc_commissionplan set data = data - 'priorWeight' where id = $1 returning 1) select count(*)::int from changed", quarter));
        Assert.Equal(30, (await (await admin.GetAsync($"/api/v1/incentives/plans/{quarter}", Ct)).JsonAsync()).GetProperty("priorWeight").GetInt32());
    }

    public static TheoryData<string, object> InvalidPriorWeights => new()
    {
        { "below 0", new { baseRates = new { mobile = 1, @fixed = 1 }, tierBasis = "shrunk", priorWeight = -1 } },
        { "above 1000", new { baseRates = new { mobile = 1, @fixed = 1 }, tierBasis = "shrunk", priorWeight = 1001 } },
        { "not whole", new { baseRates = new { mobile = 1, @fixed = 1 }, tierBasis = "shrunk", priorWeight = 12.5 } },
        { "a string", new { baseRates = new { mobile = 1, @fixed = 1 }, tierBasis = "shrunk", priorWeight = "30" } },
        { "far too large", new { baseRates = new { mobile = 1, @fixed = 1 }, tierBasis = "shrunk", priorWeight = 1e12 } },
    };

    /// <summary>2049-Q4 is never stored: every request here is refused.</summary>
    [Theory]
    [MemberData(nameof(InvalidPriorWeights))]
    public async Task A_prior_weight_that_is_not_a_whole_number_from_0_to_1000_is_400_naming_it_and_stores_nothing(string rule, object plan)
    {
        using var admin = host.Admin();
        var problem = await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2049-Q4", plan, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors("priorWeight").Length > 0, $"{rule}: no error for priorWeight in {problem}");
        await (await admin.GetAsync("/api/v1/incentives/plans/2049-Q4", Ct)).ProblemAsync(HttpStatusCode.NotFound);
    }
}
