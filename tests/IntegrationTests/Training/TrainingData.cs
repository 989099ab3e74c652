using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Training;

/// <summary>Helpers for the Training tests. The tests own the programme years 2034 (bookings, WKZ, sessions) and 2035 (KPIs).</summary>
internal static class TrainingData
{
    public const int Year = 2034;
    public const decimal DayRate = 1234.57m;
    public const decimal PartnerShare = 45m;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task EnsureProgrammeAsync(PortalHost host, int year = Year, decimal target = 5000m)
    {
        using var admin = host.Admin();
        var response = await admin.PutAsJsonAsync($"/api/v1/training/programmes/{year}", new
        {
            targetCoachingDays = target,
            topicMix = new Dictionary<string, decimal> { ["sales-conversation"] = 70, ["leadership-motivation"] = 30 },
            coachingDayRateEur = DayRate,
            partnerSharePercent = PartnerShare,
        }, Ct);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    public static async Task<JsonElement> BookAsync(HttpClient client, string partnerId, string shopId, decimal days = 1m, string topic = "sales-conversation",
        decimal? wkzPercent = null, string date = "2034-06-15")
    {
        var response = await client.PostAsJsonAsync("/api/v1/training/coaching-bookings",
            new { partnerId, shopId, date, topic, days, participants = 5, wkzPercent }, Ct);
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>"Now" for deliveries of the test programmes' bookings: after every test year, since a booking is delivered on
    /// or after its date, never before (ADR 0046).</summary>
    public static readonly DateTimeOffset AfterTheTestYears = new(2099, 12, 31, 12, 0, 0, TimeSpan.Zero);

    public static async Task<JsonElement> ActAsync(HttpClient client, string bookingId, string action, object? body = null, HttpStatusCode expected = HttpStatusCode.OK,
        DateTimeOffset? now = null)
    {
        var response = await client.SendAsync(ActRequest(bookingId, action, body, now), Ct);
        return expected == HttpStatusCode.OK ? await response.JsonAsync() : await response.ProblemAsync(expected);
    }

    /// <summary>The POST of a booking move; a delivery happens at <paramref name="now"/>, by default <see cref="AfterTheTestYears"/>.</summary>
    public static HttpRequestMessage ActRequest(string bookingId, string action, object? body = null, DateTimeOffset? now = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/training/coaching-bookings/{bookingId}/{action}") { Content = JsonContent.Create(body ?? new { }) };
        if ((now ?? (action == "deliver" ? AfterTheTestYears : (DateTimeOffset?)null)) is { } at) request.Headers.Add(PartnerPortal.TestSupport.RequestClock.Header, PartnerPortal.TestSupport.RequestClock.Format(at));
        return request;
    }

    public static async Task AllocateAsync(HttpClient admin, string partnerId, decimal amountEur)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/training/partners/{partnerId}/wkz/allocations", new { amountEur, reason = "Budget" }, Ct);
        await response.EnsureStatus(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> WkzAsync(HttpClient client, string partnerId) =>
        await (await client.GetAsync($"/api/v1/training/partners/{partnerId}/wkz", Ct)).JsonAsync();
}
