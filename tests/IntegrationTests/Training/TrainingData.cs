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

    public static async Task<JsonElement> ActAsync(HttpClient client, string bookingId, string action, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/training/coaching-bookings/{bookingId}/{action}", body ?? new { }, Ct);
        return expected == HttpStatusCode.OK ? await response.JsonAsync() : await response.ProblemAsync(expected);
    }

    public static async Task AllocateAsync(HttpClient admin, string partnerId, decimal amountEur)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/training/partners/{partnerId}/wkz/allocations", new { amountEur, reason = "Budget" }, Ct);
        await response.EnsureStatus(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> WkzAsync(HttpClient client, string partnerId) =>
        await (await client.GetAsync($"/api/v1/training/partners/{partnerId}/wkz", Ct)).JsonAsync();
}
