using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Surveys;

/// <summary>Builds survey responses as a vendor would send them.</summary>
internal static class SurveyData
{
    public static Dictionary<string, object?> Response(string id, string? partnerId = null, string? shopId = null,
        string respondedAt = "2023-05-10T10:00:00+02:00", string channel = "partner-shop", string segment = "private",
        int? brand = 9, int? product = 8, int? touchpoint = 10, string? comment = null) => new()
    {
        ["responseId"] = id,
        ["respondedAt"] = respondedAt,
        ["segment"] = segment,
        ["channel"] = channel,
        ["partnerId"] = partnerId,
        ["shopId"] = shopId,
        ["scores"] = new Dictionary<string, object?> { ["brand"] = brand, ["product"] = product, ["touchpoint"] = touchpoint },
        ["comment"] = comment,
    };

    public static async Task<JsonElement> PostBatchAsync(HttpClient client, IEnumerable<object> items)
    {
        var response = await client.PostAsJsonAsync("/api/v1/surveys/responses/batch", new { items }, TestContext.Current.CancellationToken);
        return await response.JsonAsync();
    }

    public static string[] Statuses(JsonElement batch) =>
        batch.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToArray();

    public static Task<long> StoredCountAsync(PortalHost host, params string[] ids) =>
        host.ScalarAsync<long>("select count(*) from surveys.mt_doc_surveyresponse where id = any($1)", [ids]);
}
