using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.UiTests.Infrastructure;

/// <summary>
/// The journeys' data, created through the API with the bootstrap key on top of the demo partners and logins:
/// survey responses of the last four quarters up to the current one (the clock's, as the recurring job sees it),
/// score cards for them, the current quarter's plan, sales and draft statements.
/// </summary>
public sealed class UiData
{
    public const string Partner = "p-1001";        // Mobilfunk Müller GmbH, the demo partner login's
    public const string OtherPartner = "p-1002";   // TelePunkt Schmidt e.K.
    public const string ThirdPartner = "p-1003";   // Handy & Co. Wagner OHG

    public const string PromoterComment = "Sehr kompetente Beratung, der Vertrag war in zehn Minuten erledigt.";
    public const string DetractorComment = "Lange Wartezeit, und niemand wusste über die neuen Tarife Bescheid.";

    // The current quarter of Mobilfunk Müller: 34 mobile and 12 fixed contracts at 42,10 € and 30,00 €, NPS 46,4 (n = 56):
    // tier "ab 30" (10 %, 250 €): 1.431,40 + 143,14 + 360,00 + 36,00 + 250,00. At an assumed NPS of 60, tier "ab 50"
    // (15 %, 400 €): 1.431,40 + 214,71 + 360,00 + 54,00 + 400,00.
    public const string StatementTotal = "2.220,54 €";
    public const string WhatIfNps = "60";
    public const string WhatIfTotal = "2.460,11 €";

    private UiData(Quarter current) => Current = current;

    public Quarter Current { get; }

    public Quarter Previous => Current.Previous();

    public static async Task<UiData> SeedAsync(UiHost host)
    {
        var now = DateTimeOffset.UtcNow;
        var data = new UiData(Quarter.Of(now));
        var quarters = new[] { data.Current.Previous().Previous().Previous(), data.Current.Previous().Previous(), data.Current.Previous(), data.Current };
        using var admin = host.Admin();

        // Touchpoint answers per quarter, oldest first: (promoters, passives, detractors).
        var profiles = new (string? Partner, string[] Shops, string Channel, (int, int, int)[] Quarters)[]
        {
            (Partner, ["s-1001-1", "s-1001-2"], "partner-shop", [(12, 12, 16), (16, 14, 12), (24, 14, 10), (34, 14, 8)]),
            (OtherPartner, ["s-1002-1"], "partner-shop", [(14, 14, 10), (15, 15, 10), (18, 12, 10), (20, 12, 10)]),
            (ThirdPartner, ["s-1003-1", "s-1003-2"], "partner-shop", [(12, 10, 12), (10, 10, 14), (11, 9, 15), (12, 8, 16)]),
            (null, [], "own-shop", [(28, 16, 6), (30, 15, 5), (29, 15, 6), (30, 15, 5)]),
            (null, [], "hotline", [(8, 12, 15), (9, 11, 15), (10, 10, 15), (10, 10, 15)]),
            (null, [], "online", [(14, 10, 11), (15, 10, 10), (15, 11, 9), (15, 10, 10)]),
        };
        var items = new List<object>();
        for (var qi = 0; qi < quarters.Length; qi++)
        {
            foreach (var profile in profiles)
            {
                var (promoters, passives, detractors) = profile.Quarters[qi];
                var scores = Enumerable.Repeat(10, promoters / 2).Concat(Enumerable.Repeat(9, promoters - promoters / 2))
                    .Concat(Enumerable.Repeat(8, passives / 2)).Concat(Enumerable.Repeat(7, passives - passives / 2))
                    .Concat(Enumerable.Repeat(3, detractors / 2)).Concat(Enumerable.Repeat(5, detractors - detractors / 2)).ToArray();
                for (var i = 0; i < scores.Length; i++)
                {
                    // Mobilfunk Müller's customers of the current quarter comment once per score: two detractors among them.
                    var comment = profile.Partner == Partner && qi == quarters.Length - 1 && Array.IndexOf(scores, scores[i]) == i ? CommentFor(scores[i]) : null;
                    items.Add(Response($"ui-{quarters[qi]}-{profile.Partner ?? profile.Channel}-{i:D3}", quarters[qi], i, scores.Length, now,
                        profile.Partner, profile.Shops.Length == 0 ? null : profile.Shops[i % profile.Shops.Length], profile.Channel, scores[i], comment));
                }
            }
        }
        await PostAsync(admin, "/api/v1/surveys/responses/batch", new { items });
        foreach (var quarter in quarters) await RunJobAsync(host, "/api/v1/scoring/recalculations", quarter);

        await PutAsync(admin, $"/api/v1/incentives/plans/{data.Current}", new
        {
            baseRates = new { mobile = 42.10m, @fixed = 30m },
            tiers = new[]
            {
                new { minNps = 0, upliftPercent = 5m, qualityBonusEur = 100m },
                new { minNps = 30, upliftPercent = 10m, qualityBonusEur = 250m },
                new { minNps = 50, upliftPercent = 15m, qualityBonusEur = 400m },
            },
            minSample = 30,
            tierBasis = "point",
            defaultTargets = new { mobile = 40, @fixed = 15 },
        });
        var sales = new List<object>();
        foreach (var (partner, mobile, @fixed) in new[] { (Partner, 34, 12), (OtherPartner, 22, 9), (ThirdPartner, 15, 6) })
            for (var i = 0; i < mobile + @fixed; i++)
                sales.Add(new
                {
                    transactionId = $"ui-t-{data.Current}-{partner}-{i:D3}", partnerId = partner, category = i < mobile ? "mobile" : "fixed",
                    occurredAt = Within(data.Current, i, mobile + @fixed, now),
                });
        await PostAsync(admin, "/api/v1/incentives/transactions/batch", new { items = sales });
        await RunJobAsync(host, "/api/v1/incentives/recalculations", data.Current);
        return data;
    }

    /// <summary>Touchpoint promoters for a partner in the current quarter, e.g. to see figures change on recalculation.</summary>
    public static Dictionary<string, object?> Promoter(string id, Quarter quarter, string partnerId, string shopId) =>
        Response(id, quarter, 0, 1, DateTimeOffset.UtcNow, partnerId, shopId, "partner-shop", 10, null);

    private static string? CommentFor(int score) => score switch
    {
        10 => PromoterComment,
        9 => "Freundliches Team in Köln, ich komme gerne wieder.",
        8 => "Gute Beratung, aber mein Wunschgerät war nicht vorrätig.",
        3 => DetractorComment,
        5 => "Die Rufnummernmitnahme hat drei Wochen gedauert, das ist zu lang.",
        _ => null,
    };

    private static Dictionary<string, object?> Response(string id, Quarter quarter, int index, int count, DateTimeOffset now,
        string? partnerId, string? shopId, string channel, int touchpoint, string? comment) => new()
    {
        ["responseId"] = id,
        ["respondedAt"] = Within(quarter, index, count, now),
        ["segment"] = index % 4 == 3 ? "business" : "private",
        ["channel"] = channel,
        ["partnerId"] = partnerId,
        ["shopId"] = shopId,
        ["scores"] = new Dictionary<string, object?>
        {
            ["brand"] = Math.Clamp(touchpoint + (index % 3) - 1, 0, 10),
            ["product"] = index % 5 == 4 ? null : touchpoint,
            ["touchpoint"] = touchpoint,
        },
        ["comment"] = comment,
    };

    /// <summary>The index-th of count instants spread over the quarter, never later than an hour before now.</summary>
    private static string Within(Quarter quarter, int index, int count, DateTimeOffset now)
    {
        var end = quarter.End < now ? quarter.End : now.AddHours(-1);
        var span = end - quarter.Start;
        if (span <= TimeSpan.Zero) span = now - quarter.Start; // the quarter began less than an hour ago
        var instant = quarter.Start + span * ((index + 1.0) / (count + 1.0));
        return instant.ToOffset(TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {json}");
        if (json.TryGetProperty("rejected", out var rejected) && rejected.GetInt32() > 0)
            throw new InvalidOperationException($"POST {url}: items rejected: {json}");
        return json;
    }

    private static async Task PutAsync(HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"PUT {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task RunJobAsync(UiHost host, string url, Quarter quarter)
    {
        var job = await host.RunJobAsync(url, quarter.ToString());
        if (job.GetProperty("state").GetString() != "succeeded") throw new InvalidOperationException($"{url} {quarter}: {job}");
    }

    /// <summary>The demo logins (seeded by the host, <see cref="DemoLogins"/>).</summary>
    public static (string Email, string Password) PartnerLogin => (DemoLogins.PartnerEmail, DemoLogins.PartnerPassword);

    public static (string Email, string Password) BackOfficeLogin => (DemoLogins.BackOfficeEmail, DemoLogins.BackOfficePassword);
}
