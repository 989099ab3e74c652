using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Training;

/// <summary>Präsenzschulungen: seats, registrations refused when full (also concurrently), attendance.</summary>
public sealed class SessionTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> CreateSessionAsync(int seats, string date = "2024-05-10")
    {
        using var admin = host.Admin();
        var created = await (await admin.PostAsJsonAsync("/api/v1/training/sessions",
            new { title = "Perfect Pitch Grundlagen", date, place = "Köln, Messe", seats, topic = "sales-conversation" }, Ct)).JsonAsync(HttpStatusCode.Created);
        return created.GetProperty("sessionId").GetString()!;
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string sessionId, string partnerId, string personId) =>
        client.PostAsJsonAsync($"/api/v1/training/sessions/{sessionId}/registrations", new { partnerId, personId, personName = "Kim Muster" }, Ct);

    [Fact]
    public async Task A_full_session_refuses_registrations_and_the_same_person_twice_is_one_registration()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var sessionId = await CreateSessionAsync(seats: 2);
        using var admin = host.Admin();
        await (await RegisterAsync(admin, sessionId, partnerId, "person-1")).EnsureStatus(HttpStatusCode.Created);
        await (await RegisterAsync(admin, sessionId, partnerId, "person-1")).EnsureStatus(HttpStatusCode.OK);
        await (await RegisterAsync(admin, sessionId, partnerId, "person-2")).EnsureStatus(HttpStatusCode.Created);
        var problem = await (await RegisterAsync(admin, sessionId, partnerId, "person-3")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("full", problem.GetProperty("detail").GetString());
        var session = await (await admin.GetAsync($"/api/v1/training/sessions/{sessionId}", Ct)).JsonAsync();
        Assert.Equal(2, session.GetProperty("seatsTaken").GetInt32());
        Assert.Equal(0, session.GetProperty("seatsFree").GetInt32());
    }

    [Fact]
    public async Task Ten_people_registering_for_three_seats_at_once_get_three_seats()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var sessionId = await CreateSessionAsync(seats: 3);
        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 10).Select(async i =>
        {
            using var client = host.Admin();
            await start.WaitAsync(Ct);
            return (await RegisterAsync(client, sessionId, partnerId, $"person-{i}")).StatusCode;
        }).ToArray();
        start.Release(10);
        var statuses = await Task.WhenAll(attempts);
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.Conflict));
        using var admin = host.Admin();
        Assert.Equal(3, (await (await admin.GetAsync($"/api/v1/training/sessions/{sessionId}", Ct)).JsonAsync()).GetProperty("registrations").GetArrayLength());
    }

    [Fact]
    public async Task Attendance_is_a_roll_call_of_registered_people_on_or_after_the_day()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var sessionId = await CreateSessionAsync(seats: 5);
        using var admin = host.Admin();
        foreach (var person in new[] { "a", "b", "c" }) await (await RegisterAsync(admin, sessionId, partnerId, person)).EnsureStatus(HttpStatusCode.Created);

        var url = $"/api/v1/training/sessions/{sessionId}/attendance";
        var problem = await (await admin.PostAsJsonAsync(url, new { attended = new[] { "a", "stranger" } }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors("attended[1]"));
        var session = await (await admin.PostAsJsonAsync(url, new { attended = new[] { "a", "c" } }, Ct)).JsonAsync();
        var attended = session.GetProperty("registrations").EnumerateArray()
            .ToDictionary(r => r.GetProperty("personId").GetString()!, r => r.GetProperty("attended").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["a"] = true, ["b"] = false, ["c"] = true }, attended);

        var future = await CreateSessionAsync(seats: 5, date: "2099-01-15");
        await (await RegisterAsync(admin, future, partnerId, "a")).EnsureStatus(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync($"/api/v1/training/sessions/{future}/attendance", new { attended = new[] { "a" } }, Ct))
            .ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_partner_sees_seat_counts_but_only_its_own_registrations_and_registers_only_its_own_people()
    {
        var (a, _) = await host.CreatePartnerAsync();
        var (b, _) = await host.CreatePartnerAsync();
        var sessionId = await CreateSessionAsync(seats: 5);
        using var admin = host.Admin();
        await (await RegisterAsync(admin, sessionId, b, "person-of-b")).EnsureStatus(HttpStatusCode.Created);
        using var partnerA = host.WithKey(await host.CreateKeyAsync([Scopes.TrainingRead, Scopes.TrainingWrite], a));
        await (await RegisterAsync(partnerA, sessionId, a, "person-of-a")).EnsureStatus(HttpStatusCode.Created);
        await (await RegisterAsync(partnerA, sessionId, b, "another-of-b")).ProblemAsync(HttpStatusCode.Forbidden);

        var seen = await (await partnerA.GetAsync($"/api/v1/training/sessions/{sessionId}", Ct)).JsonAsync();
        Assert.Equal(2, seen.GetProperty("seatsTaken").GetInt32());
        Assert.Equal(["person-of-a"], seen.GetProperty("registrations").EnumerateArray().Select(r => r.GetProperty("personId").GetString()));
        var listed = await (await partnerA.GetAsync("/api/v1/training/sessions?year=2024", Ct)).JsonAsync();
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray().SelectMany(s => s.GetProperty("registrations").EnumerateArray()),
            r => r.GetProperty("partnerId").GetString() != a);
        await (await partnerA.PostAsJsonAsync("/api/v1/training/sessions", new { title = "x", date = "2024-01-01", place = "y", seats = 1 }, Ct))
            .ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Invalid_sessions_are_400()
    {
        using var admin = host.Admin();
        var problem = await (await admin.PostAsJsonAsync("/api/v1/training/sessions", new { title = "", date = "15.05.2024", place = "Köln", seats = 0 }, Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors("title"));
        Assert.NotEmpty(problem.Errors("date"));
        Assert.NotEmpty(problem.Errors("seats"));
        await (await admin.GetAsync("/api/v1/training/sessions/ts-unknown", Ct)).ProblemAsync(HttpStatusCode.NotFound);
    }
}
