using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Surveys;

/// <summary>
/// The integrity flags (DOMAIN.md "Trust in the score"), each at the edge of its rule, computed by the job
/// <c>surveys:integrity</c> through the API and read back from <c>GET /api/v1/surveys/integrity</c>. This class owns the
/// quarters of 2048: 2048-Q1 for the response flags (each test uses partners, shops and transactions of its own, and the job
/// recomputes the whole quarter every time), 2048-Q2 and 2048-Q3 for promoter-share, which compares a partner with every
/// other partner of the quarter, and 2057-Q2 for promoter-share with 9s as the promoters.
/// </summary>
public sealed partial class IntegrityTests(PortalHost host)
{
    private const string Q1 = "2048-Q1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A partner-shop response of 2048-Q1 at <paramref name="at"/> (Berlin winter time, e.g. <c>02-10T10:00:00</c>).</summary>
    private static Dictionary<string, object?> At(string id, string partner, string at, string? shop = null, string? transaction = null,
        string? comment = null, int touchpoint = 8)
    {
        var response = Response(id, partner, shop, respondedAt: $"2048-{at}+01:00", touchpoint: touchpoint, comment: comment);
        response["transactionId"] = transaction;
        return response;
    }

    private async Task PostAsync(params Dictionary<string, object?>[] responses)
    {
        using var admin = host.Admin();
        var batch = await PostBatchAsync(admin, responses);
        Assert.True(responses.Length == batch.GetProperty("accepted").GetInt32(), batch.ToString());
    }

    private async Task TransactionAsync(string id, string partner, string occurredAt)
    {
        using var admin = host.Admin();
        var batch = await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch",
            new { items = new[] { new { transactionId = id, partnerId = partner, category = "mobile", occurredAt } } }, Ct)).JsonAsync();
        Assert.Equal(1, batch.GetProperty("accepted").GetInt32());
    }

    private async Task<JsonElement> RunAsync(string quarter)
    {
        var job = await host.RunJobAsync("/api/v1/surveys/integrity/recalculations", quarter);
        Assert.True(job.GetProperty("state").GetString() == "succeeded", job.ToString());
        return job.GetProperty("result");
    }

    private async Task<JsonElement> IntegrityAsync(string quarter, string? partner = null)
    {
        using var admin = host.Admin();
        return await (await admin.GetAsync($"/api/v1/surveys/integrity?quarter={quarter}{(partner is null ? "" : "&partnerId=" + partner)}", Ct)).JsonAsync();
    }

    /// <summary>The partner's entry of the last run.</summary>
    private async Task<JsonElement> PartnerAsync(string quarter, string partner)
    {
        var partners = (await IntegrityAsync(quarter, partner)).GetProperty("partners").EnumerateArray().ToArray();
        return Assert.Single(partners);
    }

    /// <summary>The flagged responses of the partner in the last run: response id → flags.</summary>
    private async Task<Dictionary<string, string[]>> FlagsAsync(string partner, string quarter = Q1) =>
        (await PartnerAsync(quarter, partner)).GetProperty("responses").EnumerateArray()
        .ToDictionary(r => r.GetProperty("responseId").GetString()!, r => r.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).ToArray());

    [Fact]
    public async Task Burst_is_five_responses_of_one_shop_within_ten_minutes_inclusive_and_flags_every_one_of_them()
    {
        var (partner, shops) = await host.CreatePartnerAsync(shops: 5);
        string Id() => PortalHost.NewId("ib");
        var four = Enumerable.Range(0, 4).Select(i => At(Id(), partner, $"02-10T09:0{i}:00", shops[0])).ToArray();
        // Five at 0, 1, 2, 3 and exactly 10:00 minutes: the first and the last are within 10 minutes of each other.
        var exactly = new[] { "10:00:00", "10:01:00", "10:02:00", "10:03:00", "10:10:00" }.Select(t => At(Id(), partner, $"02-10T{t}", shops[1])).ToArray();
        // The same, but the last 10:00.001 after the first: no five lie within 10 minutes.
        var over = new[] { "11:00:00", "11:01:00", "11:02:00", "11:03:00", "11:10:00.001" }.Select(t => At(Id(), partner, $"02-10T{t}", shops[2])).ToArray();
        // Five within four minutes, and a sixth 10:01 after the fifth: only the five are a burst.
        var group = new[] { "12:00:00", "12:01:00", "12:02:00", "12:03:00", "12:04:00" }.Select(t => At(Id(), partner, $"02-10T{t}", shops[3])).ToArray();
        var straggler = At(Id(), partner, "02-10T12:14:01", shops[3]);
        // A sixth response of another shop inside a four: shops are not mixed.
        var mixed = Enumerable.Range(0, 4).Select(i => At(Id(), partner, $"02-10T13:0{i}:00", shops[4])).Append(At(Id(), partner, "02-10T13:02:30", shops[0])).ToArray();
        // Six responses without a shop within a minute: never a burst.
        var noShop = Enumerable.Range(0, 6).Select(i => At(Id(), partner, $"02-10T14:00:{i:D2}")).ToArray();
        await PostAsync([.. four, .. exactly, .. over, .. group, straggler, .. mixed, .. noShop]);

        await RunAsync(Q1);

        var flags = await FlagsAsync(partner);
        var expected = exactly.Concat(group).Select(r => (string)r["responseId"]!).Order().ToArray();
        Assert.Equal(expected, flags.Keys.Order().ToArray());
        Assert.All(flags.Values, f => Assert.Equal(["burst"], f));
        Assert.Equal(10, (await PartnerAsync(Q1, partner)).GetProperty("flagCounts").GetProperty("burst").GetInt32());
    }

    [Fact]
    public async Task Duplicate_comment_is_the_same_normalised_comment_of_twenty_characters_on_three_of_the_partners_responses()
    {
        var (partner, _) = await host.CreatePartnerAsync();
        var (other, _) = await host.CreatePartnerAsync();
        var minute = 0;
        Dictionary<string, object?> With(string who, string comment) => At(PortalHost.NewId("ic"), who, $"02-11T10:{minute++:D2}:00", comment: comment);

        // Three spellings of one comment: trimmed, case-insensitive, inner whitespace (spaces, tabs, line breaks) collapsed.
        var three = new[] { "Tolle Beratung im Laden, danke", "  tolle   BERATUNG im Laden, danke  ", "TOLLE beratung\tim laden,\r\n danke" }
            .Select(c => With(partner, c)).ToArray();
        // Only two of another comment, plus the same comment once at another partner: not flagged.
        var two = new[] { "Nie wieder diesen Tarif, bitte nicht", "nie wieder diesen tarif, bitte nicht" }.Select(c => With(partner, c)).ToArray();
        var elsewhere = With(other, "Nie wieder diesen Tarif, bitte nicht");
        // 19 characters once normalised (raw, with the extra spaces, they are longer): not flagged; 20: flagged.
        var nineteen = new[] { "abcdefghi jklmnopqr", "  abcdefghi   jklmnopqr  ", "ABCDEFGHI JKLMNOPQR" }.Select(c => With(partner, c)).ToArray();
        var twenty = new[] { "abcdefghi jklmnopqrs", "  abcdefghi   jklmnopqrs  ", "ABCDEFGHI JKLMNOPQRS" }.Select(c => With(partner, c)).ToArray();
        // Letters beyond ASCII are compared case-insensitively too.
        var umlauts = new[] { "Ärgerlich lange Wartezeit", "ärgerlich lange wartezeit", "ÄRGERLICH LANGE WARTEZEIT" }.Select(c => With(partner, c)).ToArray();
        Assert.Equal(19, "abcdefghi jklmnopqr".Length);
        await PostAsync([.. three, .. two, elsewhere, .. nineteen, .. twenty, .. umlauts]);

        await RunAsync(Q1);

        var flags = await FlagsAsync(partner);
        var expected = three.Concat(twenty).Concat(umlauts).Select(r => (string)r["responseId"]!).Order().ToArray();
        Assert.Equal(expected, flags.Keys.Order().ToArray());
        Assert.All(flags.Values, f => Assert.Equal(["duplicate-comment"], f));
        Assert.Empty(await FlagsAsync(other));
    }

    [Fact]
    public async Task Repeat_transaction_flags_every_later_carrier_but_not_the_earliest_with_ties_broken_by_the_response_id()
    {
        var (partner, _) = await host.CreatePartnerAsync();
        var (other, _) = await host.CreatePartnerAsync();
        var transaction = PortalHost.NewId("t");
        await TransactionAsync(transaction, partner, "2048-02-01T10:00:00+01:00");
        var id = PortalHost.NewId("ir");
        // Two at the same earliest instant: the smaller id, compared ordinally ("-B" < "-a"), is the earliest.
        var earliest = At(id + "-B", partner, "02-12T10:00:00", transaction: transaction);
        var tie = At(id + "-a", partner, "02-12T10:00:00", transaction: transaction);
        var later = At(id + "-0", partner, "02-12T11:00:00", transaction: transaction);
        // Another partner's response with the same transaction is a repeat too (and not its transaction).
        var foreign = At(id + "-c", other, "02-13T10:00:00", transaction: transaction);
        var alone = At(PortalHost.NewId("ir"), partner, "02-12T10:00:00", transaction: PortalHost.NewId("t"));
        await TransactionAsync((string)alone["transactionId"]!, partner, "2048-02-01T10:00:00+01:00");
        await PostAsync(later, foreign, tie, alone, earliest); // the order of arrival does not count

        await RunAsync(Q1);

        var flags = await FlagsAsync(partner);
        Assert.Equal([id + "-0", id + "-a"], flags.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.All(flags.Values, f => Assert.Equal(["repeat-transaction"], f));
        Assert.Equal(["repeat-transaction", "unknown-transaction"], (await FlagsAsync(other))[id + "-c"]);
    }

    [Fact]
    public async Task Unknown_transaction_is_an_id_incentives_does_not_know_or_a_transaction_of_another_partner()
    {
        var (partner, _) = await host.CreatePartnerAsync();
        var (other, _) = await host.CreatePartnerAsync();
        var own = PortalHost.NewId("t");
        var othersTransaction = PortalHost.NewId("t");
        await TransactionAsync(own, partner, "2048-02-01T10:00:00+01:00");
        await TransactionAsync(othersTransaction, other, "2048-02-01T10:00:00+01:00");
        var known = At(PortalHost.NewId("iu"), partner, "02-14T10:00:00", transaction: own);
        var unknown = At(PortalHost.NewId("iu"), partner, "02-14T11:00:00", transaction: PortalHost.NewId("t-unknown"));
        var foreign = At(PortalHost.NewId("iu"), partner, "02-14T12:00:00", transaction: othersTransaction);
        var none = At(PortalHost.NewId("iu"), partner, "02-14T13:00:00");
        await PostAsync(known, unknown, foreign, none);

        Assert.Equal("checked", (await RunAsync(Q1)).GetProperty("transactions").GetString());

        var flags = await FlagsAsync(partner);
        Assert.Equal(new[] { (string)unknown["responseId"]!, (string)foreign["responseId"]! }.Order(), flags.Keys.Order());
        Assert.All(flags.Values, f => Assert.Equal(["unknown-transaction"], f));
        var counts = (await PartnerAsync(Q1, partner)).GetProperty("flagCounts");
        Assert.Equal(2, counts.GetProperty("unknown-transaction").GetInt32());
        Assert.Equal(0, counts.GetProperty("before-transaction").GetInt32());
        Assert.True((await IntegrityAsync(Q1)).GetProperty("transactionsChecked").GetBoolean());
    }

    [Fact]
    public async Task Before_transaction_is_a_response_given_before_its_transaction_occurred()
    {
        var (partner, _) = await host.CreatePartnerAsync();
        var early = PortalHost.NewId("t");
        var same = PortalHost.NewId("t");
        var later = PortalHost.NewId("t");
        foreach (var t in new[] { early, same, later }) await TransactionAsync(t, partner, "2048-02-15T10:00:00+01:00");
        var before = At(PortalHost.NewId("iv"), partner, "02-15T09:59:59.999", transaction: early);
        var atTheSameInstant = Response(PortalHost.NewId("iv"), partner, respondedAt: "2048-02-15T09:00:00Z"); // 10:00 Berlin
        atTheSameInstant["transactionId"] = same;
        var after = At(PortalHost.NewId("iv"), partner, "02-15T10:00:01", transaction: later);
        await PostAsync(before, atTheSameInstant, after);

        await RunAsync(Q1);

        var flags = await FlagsAsync(partner);
        Assert.Equal(["before-transaction"], Assert.Single(flags, f => f.Key == (string)before["responseId"]!).Value);
        Assert.Single(flags);
    }

    [Fact]
    public async Task Excluded_responses_are_neither_flagged_nor_counted_for_the_others()
    {
        var (partner, shops) = await host.CreatePartnerAsync();
        var burst = Enumerable.Range(0, 5).Select(i => At(PortalHost.NewId("ix"), partner, $"02-16T10:0{i}:00", shops[0])).ToArray();
        var transaction = PortalHost.NewId("t");
        await TransactionAsync(transaction, partner, "2048-02-01T10:00:00+01:00");
        var first = At(PortalHost.NewId("ix"), partner, "02-17T10:00:00", transaction: transaction);
        var second = At(PortalHost.NewId("ix"), partner, "02-17T11:00:00", transaction: transaction);
        var unknown = At(PortalHost.NewId("ix"), partner, "02-17T12:00:00", transaction: PortalHost.NewId("t-unknown"));
        await PostAsync([.. burst, first, second, unknown]);
        await RunAsync(Q1);
        Assert.Equal(7, (await FlagsAsync(partner)).Count); // five in the burst, the repeat, the unknown transaction

        using var admin = host.Admin();
        foreach (var excluded in new[] { burst[2], first, unknown })
            await (await admin.PutAsJsonAsync($"/api/v1/surveys/responses/{excluded["responseId"]}/quarantine", new { note = "Integritätstest" }, Ct))
                .EnsureStatus(HttpStatusCode.OK);
        await RunAsync(Q1);

        // Four are left of the burst, and the second carrier of the transaction is now the earliest; nor do they count as scores.
        Assert.Empty(await FlagsAsync(partner));
        Assert.Equal(8 - 3, (await PartnerAsync(Q1, partner)).GetProperty("promoterShare").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Promoter_share_is_flagged_from_z_3_09_with_at_least_30_scores()
    {
        // 2048-Q2: B 63 scores (16 promoters), X 30 (20), W 29 (20). X's z is just above 3.09; W's is higher, with 29 scores.
        const string quarter = "2048-Q2";
        var b = await PromoterSampleAsync(quarter, "05", 63, 16);
        var x = await PromoterSampleAsync(quarter, "05", 30, 20);
        var w = await PromoterSampleAsync(quarter, "05", 29, 20);
        await RunAsync(quarter);

        var xShare = await AssertPromoterShareAsync(quarter, x, 30, 20, others: (63 + 29, 16 + 20));
        Assert.InRange(xShare, 3.09, 3.10); // the edge from above
        Assert.True(await PromoterFlaggedAsync(quarter, x));
        var wShare = await AssertPromoterShareAsync(quarter, w, 29, 20, others: (63 + 30, 16 + 20));
        Assert.True(wShare > 3.09);
        Assert.False(await PromoterFlaggedAsync(quarter, w)); // 29 scores are too few
        Assert.False(await PromoterFlaggedAsync(quarter, b));
        Assert.Equal(1, (await PartnerAsync(quarter, x)).GetProperty("flagCounts").GetProperty("promoter-share").GetInt32());
        Assert.Equal(0, (await PartnerAsync(quarter, w)).GetProperty("flagCounts").GetProperty("promoter-share").GetInt32());
    }

    [Fact]
    public async Task Promoter_share_just_below_z_3_09_is_not_flagged()
    {
        // 2048-Q3: B 66 scores (32 promoters), Y 30 (23): Y's z is just below 3.09.
        const string quarter = "2048-Q3";
        await PromoterSampleAsync(quarter, "08", 66, 32);
        var y = await PromoterSampleAsync(quarter, "08", 30, 23);
        await RunAsync(quarter);

        var z = await AssertPromoterShareAsync(quarter, y, 30, 23, others: (66, 32));
        Assert.InRange(z, 3.08, 3.0899999);
        Assert.False(await PromoterFlaggedAsync(quarter, y));
    }

    [Fact]
    public async Task Promoter_share_counts_a_9_as_a_promoter()
    {
        // 2057-Q2 (this class's too): B 63 scores (16 promoters), X 30 (20), every promoter a 9 and every other score a 7, the
        // edges of promoter and passive. With the 9s counted X's z is 5.2; without them nobody has a promoter.
        const string quarter = "2057-Q2";
        var b = await PromoterSampleAsync(quarter, "05", 63, 16, promoterScore: 9, otherScore: 7);
        var x = await PromoterSampleAsync(quarter, "05", 30, 20, promoterScore: 9, otherScore: 7);
        await RunAsync(quarter);

        var z = await AssertPromoterShareAsync(quarter, x, 30, 20, others: (63, 16));
        Assert.True(z >= 3.09, $"z = {z}");
        Assert.True(await PromoterFlaggedAsync(quarter, x));
        Assert.False(await PromoterFlaggedAsync(quarter, b));
    }

    /// <summary>A partner with <paramref name="n"/> touchpoint scores in the quarter, <paramref name="promoters"/> of them
    /// <paramref name="promoterScore"/>, the rest <paramref name="otherScore"/>, an hour apart, without shop or transaction (so no
    /// other flag).</summary>
    private async Task<string> PromoterSampleAsync(string quarter, string month, int n, int promoters, int promoterScore = 10, int otherScore = 8)
    {
        var (partner, _) = await host.CreatePartnerAsync();
        await PostAsync([.. Enumerable.Range(0, n).Select(i => Response(PortalHost.NewId("ip"), partner,
            respondedAt: $"{quarter[..4]}-{month}-{1 + i / 24:D2}T{i % 24:D2}:00:00+02:00", touchpoint: i < promoters ? promoterScore : otherScore))]);
        return partner;
    }

    /// <summary>Checks n, p, p0 and z against DOMAIN.md's formula; returns z.</summary>
    private async Task<double> AssertPromoterShareAsync(string quarter, string partner, int n, int promoters, (int N, int Promoters) others)
    {
        var share = (await PartnerAsync(quarter, partner)).GetProperty("promoterShare");
        double p = (double)promoters / n, p0 = (double)others.Promoters / others.N;
        var z = (p - p0) / Math.Sqrt(p0 * (1 - p0) / n);
        Assert.Equal(n, share.GetProperty("n").GetInt32());
        Assert.Equal(p, share.GetProperty("p").GetDouble(), 12);
        Assert.Equal(p0, share.GetProperty("p0").GetDouble(), 12);
        Assert.Equal(z, share.GetProperty("z").GetDouble(), 9);
        return z;
    }

    private async Task<bool> PromoterFlaggedAsync(string quarter, string partner) =>
        (await PartnerAsync(quarter, partner)).GetProperty("promoterShare").GetProperty("flagged").GetBoolean();

    [Fact]
    public async Task Partners_never_see_flags_and_partner_bound_keys_are_refused_on_the_integrity_routes()
    {
        var (partner, shops) = await host.CreatePartnerAsync();
        var burst = Enumerable.Range(0, 5).Select(i => At(PortalHost.NewId("ii"), partner, $"02-18T10:0{i}:00", shops[0])).ToArray();
        await PostAsync(burst);
        await RunAsync(Q1);
        var id = (string)burst[0]["responseId"]!;

        using (var admin = host.Admin())
            Assert.Equal(["burst"], (await (await admin.GetAsync($"/api/v1/surveys/responses/{id}", Ct)).JsonAsync()).GetProperty("flags")
                .EnumerateArray().Select(f => f.GetString()).ToArray());

        // The partner's own key, even with every scope, never sees the field, and may not read or start the check.
        using var partnerKey = host.WithKey(await host.StoreKeyAsync(Scopes.All, partner));
        var own = await (await partnerKey.GetAsync($"/api/v1/surveys/responses/{id}", Ct)).JsonAsync();
        Assert.False(own.TryGetProperty("flags", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await partnerKey.GetAsync($"/api/v1/surveys/integrity?quarter={Q1}&partnerId={partner}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partnerKey.GetAsync($"/api/v1/surveys/integrity?quarter={Q1}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await partnerKey.PostAsJsonAsync("/api/v1/surveys/integrity/recalculations", new { quarter = Q1 }, Ct)).StatusCode);
        // Nor does its signed-in user, in the API or on the page.
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partner);
        var (browser, _) = await host.LoginAsync(email, password);
        using (browser)
        {
            Assert.False((await (await browser.GetAsync($"/api/v1/surveys/responses/{id}", Ct)).JsonAsync()).TryGetProperty("flags", out _));
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/auffaelligkeiten?quarter={Q1}", Ct)).StatusCode);
            Assert.DoesNotContain("Auffälligkeiten", await browser.GetStringAsync("/kundenstimmen", Ct), StringComparison.Ordinal);
        }
        // An unbound reader without surveys:review does not see flags either.
        using var reader = host.WithKey(await host.CreateKeyAsync([Scopes.SurveysRead]));
        Assert.False((await (await reader.GetAsync($"/api/v1/surveys/responses/{id}", Ct)).JsonAsync()).TryGetProperty("flags", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/api/v1/surveys/integrity?quarter={Q1}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_job_is_idempotent_and_safe_when_started_twice_at_once()
    {
        var (partner, shops) = await host.CreatePartnerAsync();
        await PostAsync([.. Enumerable.Range(0, 6).Select(i => At(PortalHost.NewId("ij"), partner, $"02-19T10:0{i}:00", shops[0]))]);
        await RunAsync(Q1);
        var first = Comparable(await IntegrityAsync(Q1));
        Assert.Contains(partner, first, StringComparison.Ordinal);

        await RunAsync(Q1);
        Assert.Equal(first, Comparable(await IntegrityAsync(Q1)));

        using var admin = host.Admin();
        for (var trial = 0; trial < 5; trial++)
        {
            var started = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => admin.PostAsJsonAsync("/api/v1/surveys/integrity/recalculations", new { quarter = Q1 }, Ct)));
            foreach (var response in started)
            {
                var jobId = (await response.JsonAsync(HttpStatusCode.Accepted)).GetProperty("jobId").GetString()!;
                Assert.Equal("succeeded", (await Jobs.WaitAsync(admin, jobId, Ct)).GetProperty("state").GetString());
            }
            var now = await IntegrityAsync(Q1);
            Assert.Equal(first, Comparable(now));
            var listed = now.GetProperty("partners").EnumerateArray().Sum(p => p.GetProperty("responses").GetArrayLength());
            Assert.Equal(listed, await host.ScalarAsync<long>("select count(*) from surveys.integrity_flag where quarter = $1", Q1));
        }
    }

    /// <summary>The answer without its <c>calculatedAt</c>.</summary>
    private static string Comparable(JsonElement integrity) => CalculatedAt().Replace(integrity.ToString(), "");

    [GeneratedRegex("\"calculatedAt\":\\s*\"[^\"]*\"")]
    private static partial Regex CalculatedAt();

    [Fact]
    public async Task A_quarter_without_a_run_says_so_and_bad_requests_are_refused()
    {
        var none = await IntegrityAsync("2048-Q4");
        Assert.Equal("2048-Q4", none.GetProperty("quarter").GetString());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("calculatedAt").ValueKind);
        Assert.Empty(none.GetProperty("partners").EnumerateArray());

        using var admin = host.Admin();
        foreach (var query in new[] { "", "?quarter=", "?quarter=2048-Q5", "?quarter=2048Q1", "?quarter=2048-Q1&partnerId=a%00b" })
        {
            var problem = await (await admin.GetAsync("/api/v1/surveys/integrity" + query, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
        }
        foreach (var body in new object[] { new { }, new { quarter = "2048-Q9" } })
            await (await admin.PostAsJsonAsync("/api/v1/surveys/integrity/recalculations", body, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_integrityrun where id = '2048-Q4'"));
    }

    [Fact]
    public void The_recurring_job_is_registered_and_the_old_placeholder_is_gone()
    {
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs();
        Assert.Contains(jobs, j => j.Id == "surveys:integrity" && j.Job.Method.Name == "RunRecurringAsync");
        Assert.DoesNotContain(jobs, j => j.Id == "surveys:recalculate");
    }

    [Fact]
    public async Task Back_office_sees_the_burst_on_Auffaelligkeiten_and_quarantines_a_response_with_a_note()
    {
        var (partner, shops) = await host.CreatePartnerAsync();
        var burst = Enumerable.Range(0, 5).Select(i => At(PortalHost.NewId("ig"), partner, $"02-20T10:0{i}:00", shops[0])).ToArray();
        await PostAsync(burst);
        await RunAsync(Q1);
        var (email, password) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (browser, _) = await host.LoginAsync(email, password);
        using var _b = browser;
        var url = $"/auffaelligkeiten?quarter={Q1}&partnerId={partner}";
        var page = await browser.GetStringAsync(url, Ct);
        Assert.Contains("Auffälligkeiten · Q1 2048", page, StringComparison.Ordinal);
        foreach (var r in burst) Assert.Contains($"data-response=\"{r["responseId"]}\"", page, StringComparison.Ordinal);
        Assert.Contains("Häufung am Standort", page, StringComparison.Ordinal);

        var target = (string)burst[1]["responseId"]!;
        var action = $"/auffaelligkeiten/antworten/{target}/quarantaene";
        var token = await PortalHost.AntiforgeryTokenAsync(browser, url);
        // Without a note: 400, the page says why, nothing is excluded.
        var refused = await browser.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Note"] = "  ", ["Quarter"] = Q1, ["PartnerId"] = partner,
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Bitte geben Sie eine Notiz an", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_responseexclusion where id = $1", target));

        var done = await browser.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Note"] = "Fünf Antworten in fünf Minuten", ["Quarter"] = Q1, ["PartnerId"] = partner,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await browser.GetStringAsync(done.Headers.Location!.OriginalString, Ct);
        Assert.Contains($"Antwort {target} ist in Quarantäne", after, StringComparison.Ordinal);
        Assert.Contains("in Quarantäne</span>", after, StringComparison.Ordinal);
        using var admin = host.Admin();
        var excluded = (await (await admin.GetAsync($"/api/v1/surveys/responses/{target}", Ct)).JsonAsync()).GetProperty("excluded");
        Assert.Equal("integrity", excluded.GetProperty("reason").GetString());
        Assert.Equal(1, await host.ScalarAsync<long>(
            "select count(*) from audit.mt_doc_auditentry where data ->> 'subject' = $1 and data ->> 'action' = 'response.excluded' and data ->> 'details' like '%Fünf Antworten%'",
            "response " + target));
        // In English, through the language switch.
        await (await browser.GetAsync("/sprache/en?returnUrl=%2F", Ct)).EnsureStatus(HttpStatusCode.Redirect);
        var english = await browser.GetStringAsync(url, Ct);
        Assert.Contains("Integrity flags · Q1 2048", english, StringComparison.Ordinal);
        Assert.Contains("Burst at one shop", english, StringComparison.Ordinal);
        Assert.Contains("quarantined</span>", english, StringComparison.Ordinal);
        await (await browser.GetAsync("/sprache/de?returnUrl=%2F", Ct)).EnsureStatus(HttpStatusCode.Redirect);
        // Without the antiforgery token the form is refused.
        var forged = await browser.PostAsync($"/auffaelligkeiten/antworten/{burst[2]["responseId"]}/quarantaene",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Note"] = "ohne Token" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_responseexclusion where id = $1", (string)burst[2]["responseId"]!));
    }
}
