using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Training.TrainingData;

namespace PartnerPortal.IntegrationTests.Training;

/// <summary>KPI arithmetic on hand-computed data. Owns the programme year 2025 (and nothing else writes to it).</summary>
public sealed class KpiTests(PortalHost host)
{
    private const int KpiYear = 2025;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_job_computes_days_topic_mix_people_completions_and_cost_split_for_the_programme_and_each_partner()
    {
        await EnsureProgrammeAsync(host, KpiYear, target: 100m);
        var (a, shopsA) = await host.CreatePartnerAsync();
        var (b, shopsB) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        await AllocateAsync(admin, a, 1000m);

        async Task<string> Booking(string partner, string shop, decimal days, string topic, decimal wkz, params string[] actions)
        {
            var id = (await BookAsync(admin, partner, shop, days, topic, wkz, date: "2025-04-02")).GetProperty("bookingId").GetString()!;
            foreach (var action in actions) await ActAsync(admin, id, action);
            return id;
        }
        await Booking(a, shopsA[0], 2m, "sales-conversation", 50m, "confirm", "deliver");
        await Booking(a, shopsA[0], 1m, "leadership-motivation", 0m, "confirm", "deliver");
        await Booking(a, shopsA[0], 1.5m, "sales-conversation", 0m, "confirm");
        await Booking(a, shopsA[0], 1m, "sales-conversation", 0m);
        await Booking(a, shopsA[0], 3m, "sales-conversation", 0m, "confirm", "cancel");
        await Booking(b, shopsB[0], 0.5m, "leadership-motivation", 0m, "confirm", "deliver");

        var sessionId = (await (await admin.PostAsJsonAsync("/api/v1/training/sessions",
            new { title = "Führung", date = "2025-03-10", place = "Berlin", seats = 10 }, Ct)).JsonAsync(HttpStatusCode.Created)).GetProperty("sessionId").GetString();
        foreach (var (partner, person) in new[] { (a, "a-1"), (a, "a-2"), (b, "b-1") })
            await (await admin.PostAsJsonAsync($"/api/v1/training/sessions/{sessionId}/registrations", new { partnerId = partner, personId = person }, Ct))
                .EnsureStatus(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync($"/api/v1/training/sessions/{sessionId}/attendance", new { attended = new[] { "a-1", "a-2" } }, Ct)).EnsureStatus(HttpStatusCode.OK);

        var prefix = PortalHost.NewId("c");
        object Completion(string id, string partner, string at) => new { completionId = $"{prefix}-{id}", partnerId = partner, personId = "x", courseId = "y", completedAt = at };
        await (await admin.PostAsJsonAsync("/api/v1/training/elearning-completions/batch", new { items = new[]
        {
            Completion("1", a, "2024-12-31T23:30:00Z"), // 00:30 on 1 January 2025 in Berlin: counts for 2025
            Completion("2", a, "2025-06-01T10:00:00+02:00"),
            Completion("3", b, "2025-07-01T10:00:00+02:00"),
            Completion("4", b, "2025-12-31T23:30:00Z"), // already 2026 in Berlin (a UTC year would move one of A's to 2024 and this to 2025)
        } }, Ct)).EnsureStatus(HttpStatusCode.OK);

        var job = await Jobs.RunAsync(admin, "/api/v1/training/recalculations", new { year = KpiYear }, Ct);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal(3, job.GetProperty("result").GetProperty("documents").GetInt32()); // programme, a, b

        var programme = await (await admin.GetAsync($"/api/v1/training/kpis/{KpiYear}", Ct)).JsonAsync();
        Assert.Equal(100m, programme.GetProperty("targetCoachingDays").GetDecimal());
        Assert.Equal(3.5m, programme.GetProperty("coachingDaysDelivered").GetDecimal());
        Assert.Equal(1.5m, programme.GetProperty("coachingDaysConfirmed").GetDecimal());
        Assert.Equal(57.1m, programme.GetProperty("topicMix").GetProperty("delivered").GetProperty("sales-conversation").GetDecimal());
        Assert.Equal(42.9m, programme.GetProperty("topicMix").GetProperty("delivered").GetProperty("leadership-motivation").GetDecimal());
        Assert.Equal(70m, programme.GetProperty("topicMix").GetProperty("target").GetProperty("sales-conversation").GetDecimal());
        Assert.Equal(2, programme.GetProperty("peopleTrainedInPerson").GetInt32());
        Assert.Equal(3, programme.GetProperty("elearningCompletions").GetInt32());
        AssertCosts(programme, total: 4321.00m, operatorEur: 2376.55m, partnerEur: 1944.45m, wkz: 555.56m, invoiced: 1388.89m);

        var ofA = await (await admin.GetAsync($"/api/v1/training/kpis/{KpiYear}?partnerId={a}", Ct)).JsonAsync();
        Assert.Equal(3m, ofA.GetProperty("coachingDaysDelivered").GetDecimal());
        Assert.Equal(66.7m, ofA.GetProperty("topicMix").GetProperty("delivered").GetProperty("sales-conversation").GetDecimal());
        Assert.Equal(2, ofA.GetProperty("elearningCompletions").GetInt32());
        AssertCosts(ofA, total: 3703.71m, operatorEur: 2037.04m, partnerEur: 1666.67m, wkz: 555.56m, invoiced: 1111.11m);

        // Run twice, at once: the same documents and the same figures (the run replaces the year's documents in one transaction).
        var again = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Jobs.RunAsync(admin, "/api/v1/training/recalculations", new { year = KpiYear }, Ct)));
        Assert.All(again, j => Assert.Equal(3, j.GetProperty("result").GetProperty("documents").GetInt32()));
        Assert.Equal(3L, await host.ScalarAsync<long>("select count(*) from training.mt_doc_trainingkpi where year = $1", KpiYear));
        var rerun = await (await admin.GetAsync($"/api/v1/training/kpis/{KpiYear}", Ct)).JsonAsync();
        Assert.Equal(Figures(programme), Figures(rerun));

        // A partner gets its own figures, and never another partner's.
        using var partnerA = host.WithKey(await host.CreateKeyAsync([Scopes.TrainingRead], a));
        Assert.Equal(a, (await (await partnerA.GetAsync($"/api/v1/training/kpis/{KpiYear}", Ct)).JsonAsync()).GetProperty("partnerId").GetString());
        await (await partnerA.GetAsync($"/api/v1/training/kpis/{KpiYear}?partnerId={b}", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>The KPI without its calculation time.</summary>
    private static string Figures(JsonElement kpi) =>
        string.Join(";", kpi.EnumerateObject().Where(p => p.Name != "calculatedAt").Select(p => $"{p.Name}={p.Value.GetRawText()}"));

    private static void AssertCosts(JsonElement kpi, decimal total, decimal operatorEur, decimal partnerEur, decimal wkz, decimal invoiced)
    {
        var costs = kpi.GetProperty("costs");
        Assert.Equal(total, costs.GetProperty("totalEur").GetDecimal());
        Assert.Equal(operatorEur, costs.GetProperty("operatorEur").GetDecimal());
        Assert.Equal(partnerEur, costs.GetProperty("partnerEur").GetDecimal());
        Assert.Equal(wkz, costs.GetProperty("wkzEur").GetDecimal());
        Assert.Equal(invoiced, costs.GetProperty("invoicedEur").GetDecimal());
        Assert.Equal(total, operatorEur + partnerEur);
        Assert.Equal(partnerEur, wkz + invoiced);
    }

    [Fact]
    public async Task The_recurring_job_is_registered_and_a_recalculation_needs_a_year_and_the_admin_scope()
    {
        using (var connection = host.Services.GetRequiredService<JobStorage>().GetConnection())
            Assert.Contains(connection.GetRecurringJobs(), j => j.Id == "training:recalculate");
        using var admin = host.Admin();
        Assert.NotEmpty((await (await admin.PostAsJsonAsync("/api/v1/training/recalculations", new { year = 1999 }, Ct))
            .ProblemAsync(HttpStatusCode.BadRequest)).Errors("year"));
        using var reader = host.WithKey(await host.CreateKeyAsync([Scopes.TrainingRead]));
        await (await reader.PostAsJsonAsync("/api/v1/training/recalculations", new { year = KpiYear }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
