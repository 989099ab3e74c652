using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.TestSupport;

namespace PartnerPortal.IntegrationTests.FollowUps;

/// <summary>Partners (ids <c>fu-…</c>), detractor responses and case calls for the FollowUps tests.</summary>
internal static class FollowUpData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A partner with one shop (<see cref="PortalTestHost.CreatePartnerAsync"/>).</summary>
    public static async Task<(string PartnerId, string ShopId)> PartnerAsync(PortalHost host)
    {
        var (partnerId, shops) = await host.CreatePartnerAsync(prefix: "fu");
        return (partnerId, shops[0]);
    }

    /// <summary>A client of <paramref name="key"/> (admin when null) whose requests happen at <paramref name="now"/> (X-Test-Now).</summary>
    public static HttpClient At(PortalHost host, DateTimeOffset? now, string? key = null)
    {
        var client = key is null ? host.Admin() : host.WithKey(key);
        if (now is { } at) client.DefaultRequestHeaders.Add(RequestClock.Header, RequestClock.Format(at));
        return client;
    }

    public static Dictionary<string, object?> Response(string id, string partnerId, string? shopId, string respondedAt, int? touchpoint,
        string channel = "partner-shop", string? comment = null) => new()
    {
        ["responseId"] = id,
        ["respondedAt"] = respondedAt,
        ["segment"] = "private",
        ["channel"] = channel,
        ["partnerId"] = partnerId,
        ["shopId"] = shopId,
        ["scores"] = new Dictionary<string, object?> { ["brand"] = 5, ["product"] = 5, ["touchpoint"] = touchpoint },
        ["comment"] = comment,
    };

    public static async Task<JsonElement> BatchAsync(HttpClient client, IEnumerable<object> items) =>
        await (await client.PostAsJsonAsync("/api/v1/surveys/responses/batch", new { items }, Ct)).JsonAsync();

    /// <summary>How often the partner's case list (every status, all pages of 7, as back office sees it) holds a case of
    /// one of <paramref name="responseIds"/>: once per case, so a case listed twice counts twice.</summary>
    public static async Task<long> CaseCountAsync(PortalHost host, string partnerId, params string[] responseIds)
    {
        var wanted = responseIds.ToHashSet(StringComparer.Ordinal);
        return await ListedAsync(host, partnerId, 7).CountAsync(i => wanted.Contains(i.GetProperty("caseId").GetString()!), Ct);
    }

    /// <summary>The partner's case <paramref name="caseId"/> as the API lists it (every status), or null.</summary>
    public static async Task<JsonElement?> ListedCaseAsync(PortalHost host, string partnerId, string caseId)
    {
        await foreach (var item in ListedAsync(host, partnerId, 1000))
            if (item.GetProperty("caseId").GetString() == caseId) return item;
        return null;
    }

    /// <summary>Every case of the partner's list, page by page (at most 1,000 pages: a cursor that never ends fails).</summary>
    private static async IAsyncEnumerable<JsonElement> ListedAsync(PortalHost host, string partnerId, int limit)
    {
        using var admin = host.Admin();
        string? after = null;
        for (var pages = 1; ; pages++)
        {
            Assert.True(pages <= 1000, "The list's pages do not end.");
            var page = await (await admin.GetAsync($"/api/v1/followups?partnerId={partnerId}&limit={limit}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)), Ct)).JsonAsync();
            foreach (var item in page.GetProperty("items").EnumerateArray()) yield return item;
            after = page.GetProperty("next").GetString();
            if (after is null) yield break;
        }
    }

    public static Task<HttpResponseMessage> MoveAsync(HttpClient client, string caseId, string move, object? body = null) =>
        client.PostAsJsonAsync($"/api/v1/followups/{caseId}/{move}", body ?? new { }, Ct);

    public static readonly object GoodClose = new { rootCause = "waiting-time", action = "called-back", note = "Kunde zurückgerufen, Termin vereinbart." };

    public static Task<long> AuditCountAsync(PortalHost host, string caseId, string action) =>
        host.ScalarAsync<long>("select count(*) from audit.mt_doc_auditentry where data ->> 'subject' = $1 and data ->> 'action' = $2", "followup " + caseId, action);
}
