using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// ADR 0030: the portal takes dates from 2000-01-01 to 2100-12-31, Berlin time, and nothing else. Every quarter and year
/// in a route or query, and every date or timestamp in a body, is sent at and beyond both edges (the last second of
/// 1999 in Berlin against its first instant of 2000, 2100-12-31 against 2101-01-01, 0001, 1899, 1900, 9999): outside is a
/// 400 with the field (a batch item or CSV row rejected alone, its valid neighbour stored), inside is taken, and not one
/// answer is 5xx. A route with a quarter, year or date that is not listed here is a gap in this table.
/// </summary>
public sealed class DateRangeTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] TimestampsOutside =
    [
        "1999-12-31T23:59:59+01:00", // the last second before 2000 in Berlin
        "1999-12-31T22:59:59Z",
        "2101-01-01T00:00:00+01:00", // the first instant after 2100 in Berlin
        "2100-12-31T23:00:00Z",
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+01:00", // before DateTimeOffset.MinValue in UTC
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-01:00", // after DateTimeOffset.MaxValue in UTC
        "1899-12-31T12:00:00+01:00",
        "1900-01-01T00:00:00Z",
    ];

    private static readonly string[] TimestampsInside =
    [
        "2000-01-01T00:00:00+01:00",
        "1999-12-31T23:00:00Z", // the same instant: midnight in Berlin
        "2100-12-31T23:59:59+01:00",
        "2100-12-31T22:59:59.9999999Z",
    ];

    private static readonly string[] DatesOutside = ["1999-12-31", "2101-01-01", "0001-01-01", "9999-12-31", "1899-12-31"];
    private static readonly string[] DatesInside = ["2000-01-01", "2100-12-31"];
    private static readonly string[] QuartersOutside = ["1999-Q4", "2101-Q1", "1900-Q1", "1899-Q4", "0001-Q1", "9999-Q4"];
    private static readonly string[] QuartersInside = ["2000-Q1", "2100-Q4"];
    private static readonly string[] YearsOutside = ["1999", "2101", "1900", "1899", "0001", "9999"];
    private static readonly string[] YearsInside = ["2000", "2100"];

    private enum Expect
    {
        /// <summary>400 problem details naming the field.</summary>
        Problem,

        /// <summary>200 batch result: the first item (the date under test) rejected with the field, the second accepted.</summary>
        Item,

        /// <summary>A portal page: 400 (the status page for a browser, see the next test), 200 inside.</summary>
        Page,
    }

    private sealed record DateRoute(string Name, string Field, Expect Expect, Func<string, Task<HttpResponseMessage>> Send, bool InsideAccepted = true);

    [Fact]
    public async Task Every_quarter_year_date_and_timestamp_outside_2000_to_2100_is_a_field_error_and_inside_is_taken_never_a_5xx()
    {
        await using var world = await Fixture.CreateAsync(host);
        var routes = world.Routes();
        var failures = new ConcurrentBag<string>();
        var cases = routes.SelectMany(r => ValuesOf(r).Outside.Select(v => (Route: r, Value: v, Inside: false))
                .Concat(r.InsideAccepted ? ValuesOf(r).Inside.Select(v => (Route: r, Value: v, Inside: true)) : []))
            .ToArray();
        Assert.True(cases.Length > 250, $"Only {cases.Length} cases.");

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (c, _) =>
        {
            var what = $"{c.Route.Name} with {c.Route.Field} = {c.Value}";
            using var response = await c.Route.Send(c.Value);
            var body = await response.Content.ReadAsStringAsync(Ct);
            var status = (int)response.StatusCode;
            if (status >= 500) failures.Add($"{what}: {status} {Shorten(body)}");
            else if (c.Inside) CheckInside(c.Route, what, response, body, failures);
            else CheckOutside(c.Route, what, response, body, failures);
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Length} cases failed:\n" + string.Join("\n", failures.Order(StringComparer.Ordinal).Take(80)));
    }

    [Fact]
    public async Task A_page_given_a_quarter_or_year_outside_the_range_shows_the_status_page_with_400()
    {
        var (email, password) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (browser, _) = await host.LoginAsync(email, password);
        using var _b = browser;
        foreach (var url in new[] { "/uebersicht?quarter=1900-Q1", "/provision?quarter=2101-Q1", "/provision/freigabe?quarter=0001-Q1",
                     "/kundenstimmen?quarter=9999-Q4", "/schulungen/programm?year=1899" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Accept", "text/html");
            using var response = await browser.SendAsync(request, Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
            Assert.Contains("data-status=\"400\"", html, StringComparison.Ordinal);
            Assert.Contains("2000-Q1 bis 2100-Q4", html, StringComparison.Ordinal);
        }
        // In English too.
        await browser.GetAsync("/sprache/en?returnUrl=%2F", Ct);
        using (var english = new HttpRequestMessage(HttpMethod.Get, "/uebersicht?quarter=2101-Q1"))
        {
            english.Headers.Add("Accept", "text/html");
            using var response = await browser.SendAsync(english, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("quarters from 2000-Q1 to 2100-Q4", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        // An empty choice is "all quarters" (Kundenstimmen) or "the latest" (the others), as before.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/kundenstimmen?quarter=", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/uebersicht?quarter=", Ct)).StatusCode);
    }

    private static (string[] Outside, string[] Inside) ValuesOf(DateRoute route) => route.Field switch
    {
        "quarter" => (QuartersOutside, QuartersInside),
        "year" => (YearsOutside, YearsInside),
        "date" => (DatesOutside, DatesInside),
        _ => (TimestampsOutside, TimestampsInside),
    };

    private static void CheckOutside(DateRoute route, string what, HttpResponseMessage response, string body, ConcurrentBag<string> failures)
    {
        switch (route.Expect)
        {
            case Expect.Problem or Expect.Page when response.StatusCode != HttpStatusCode.BadRequest:
                failures.Add($"{what}: {(int)response.StatusCode}, expected 400 {Shorten(body)}");
                break;
            case Expect.Problem when response.Content.Headers.ContentType?.MediaType != "application/problem+json":
                failures.Add($"{what}: 400 as {response.Content.Headers.ContentType?.MediaType}, expected problem details");
                break;
            case Expect.Problem when !HasFieldError(JsonDocument.Parse(body).RootElement, route.Field):
                failures.Add($"{what}: 400 without an error for '{route.Field}': {Shorten(body)}");
                break;
            case Expect.Item when response.StatusCode != HttpStatusCode.OK:
                failures.Add($"{what}: {(int)response.StatusCode}, expected 200 with the item rejected {Shorten(body)}");
                break;
            case Expect.Item:
                var results = JsonDocument.Parse(body).RootElement.GetProperty("results");
                if (results[0].GetProperty("status").GetString() != "rejected" || !HasFieldError(results[0], route.Field))
                    failures.Add($"{what}: the item was not rejected for '{route.Field}': {Shorten(results[0].ToString())}");
                if (results[1].GetProperty("status").GetString() != "accepted")
                    failures.Add($"{what}: its valid neighbour was not stored: {Shorten(results[1].ToString())}");
                break;
        }
    }

    private static void CheckInside(DateRoute route, string what, HttpResponseMessage response, string body, ConcurrentBag<string> failures)
    {
        if (route.Expect == Expect.Item)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{what} (inside): {(int)response.StatusCode} {Shorten(body)}");
                return;
            }
            var results = JsonDocument.Parse(body).RootElement.GetProperty("results");
            if (results[0].GetProperty("status").GetString() != "accepted") failures.Add($"{what} (inside): not accepted: {Shorten(results[0].ToString())}");
        }
        else if (route.Expect == Expect.Page ? response.StatusCode != HttpStatusCode.OK : response.StatusCode == HttpStatusCode.BadRequest)
        {
            failures.Add($"{what} (inside): {(int)response.StatusCode} {Shorten(body)}");
        }
    }

    private static bool HasFieldError(JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0;

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>A partner with a shop, logins for it and for back office, and the programmes of 2000 and 2100 (so a
    /// coaching on the first or last supported day has a programme year).</summary>
    private sealed class Fixture : IAsyncDisposable
    {
        private readonly PortalHost _host;
        private HttpClient _admin = null!;
        private HttpClient _partnerUser = null!;
        private HttpClient _backOffice = null!;
        private string _partner = "";
        private string _shop = "";
        private string _partnerToken = "";
        private string _backOfficeToken = "";

        private Fixture(PortalHost host) => _host = host;

        public static async Task<Fixture> CreateAsync(PortalHost host)
        {
            var world = new Fixture(host);
            (world._partner, var shops) = await host.CreatePartnerAsync();
            world._shop = shops[0];
            world._admin = host.Admin();
            foreach (var year in YearsInside)
            {
                var put = await world._admin.PutAsJsonAsync($"/api/v1/training/programmes/{year}", Programme, Ct);
                Assert.True(put.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"programme {year}: {(int)put.StatusCode}");
            }
            var (email, password) = await host.CreateUserAsync(Roles.Partner, world._partner);
            world._partnerUser = (await host.LoginAsync(email, password)).Client;
            world._partnerToken = await PortalHost.AntiforgeryTokenAsync(world._partnerUser, "/schulungen");
            var (boEmail, boPassword) = await host.CreateUserAsync(Roles.BackOffice, null);
            world._backOffice = (await host.LoginAsync(boEmail, boPassword)).Client;
            world._backOfficeToken = await PortalHost.AntiforgeryTokenAsync(world._backOffice, "/provision/freigabe");
            return world;
        }

        public ValueTask DisposeAsync()
        {
            _admin.Dispose();
            _partnerUser.Dispose();
            _backOffice.Dispose();
            return ValueTask.CompletedTask;
        }

        private static readonly object Programme = new
        {
            targetCoachingDays = 100,
            topicMix = new Dictionary<string, int> { ["sales-conversation"] = 70, ["leadership-motivation"] = 30 },
            coachingDayRateEur = 1000,
            partnerSharePercent = 50,
        };

        private static readonly object Plan = new
        {
            baseRates = new { mobile = 47.11m, @fixed = 20m },
            tiers = new[] { new { minNps = 0, upliftPercent = 10, qualityBonusEur = 100 } },
            minSample = 30,
            tierBasis = "point",
        };

        private const string Valid = "2034-05-10T10:00:00+02:00";

        public DateRoute[] Routes() =>
        [
            // Quarters in the route or the query (API), and in a body.
            Api("GET /api/v1/surveys/responses?quarter", "quarter", v => Get($"/api/v1/surveys/responses?quarter={v}")),
            Api("GET /api/v1/scoring/scorecards?quarter", "quarter", v => Get($"/api/v1/scoring/scorecards?quarter={v}")),
            Api("GET /api/v1/scoring/partners/{partnerId}/summary?quarter", "quarter", v => Get($"/api/v1/scoring/partners/{_partner}/summary?quarter={v}")),
            Api("POST /api/v1/scoring/recalculations", "quarter", v => Post("/api/v1/scoring/recalculations", new { quarter = v })),
            Api("POST /api/v1/incentives/recalculations", "quarter", v => Post("/api/v1/incentives/recalculations", new { quarter = v })),
            Api("PUT /api/v1/incentives/plans/{quarter}", "quarter", v => Put($"/api/v1/incentives/plans/{v}", Plan)),
            Api("GET /api/v1/incentives/plans/{quarter}", "quarter", v => Get($"/api/v1/incentives/plans/{v}")),
            Api("PUT /api/v1/incentives/plans/{quarter}/targets/{partnerId}", "quarter",
                v => Put($"/api/v1/incentives/plans/{v}/targets/{_partner}", new { mobile = 10, @fixed = 5 })),
            Api("GET /api/v1/incentives/statements?quarter", "quarter", v => Get($"/api/v1/incentives/statements?quarter={v}")),
            Api("POST /api/v1/incentives/statements/{quarter}/approve", "quarter",
                v => Post($"/api/v1/incentives/statements/{v}/approve", new { statements = new[] { new { partnerId = _partner, revision = 1 } } })),
            Api("GET /api/v1/incentives/statements/{quarter}/{partnerId}", "quarter", v => Get($"/api/v1/incentives/statements/{v}/{_partner}")),
            Api("GET /api/v1/incentives/statements/{quarter}/{partnerId}/what-if", "quarter",
                v => Get($"/api/v1/incentives/statements/{v}/{_partner}/what-if?nps=55")),
            Api("POST /api/v1/incentives/statements/{quarter}/{partnerId}/approve", "quarter",
                v => Post($"/api/v1/incentives/statements/{v}/{_partner}/approve", new { })),
            Api("GET /api/v1/incentives/statements/{quarter}.csv", "quarter", v => Get($"/api/v1/incentives/statements/{v}.csv")),

            // Quarters on the pages (the partner's own views and back office's).
            Page("GET /uebersicht?quarter (partner)", "quarter", v => _partnerUser.GetAsync($"/uebersicht?quarter={v}", Ct)),
            Page("GET /uebersicht?quarter (back office)", "quarter", v => _backOffice.GetAsync($"/uebersicht?quarter={v}", Ct)),
            Page("GET /provision?quarter (partner)", "quarter", v => _partnerUser.GetAsync($"/provision?quarter={v}", Ct)),
            Page("GET /provision?quarter (back office)", "quarter", v => _backOffice.GetAsync($"/provision?quarter={v}&partnerId={_partner}", Ct)),
            Page("GET /provision/freigabe?quarter", "quarter", v => _backOffice.GetAsync($"/provision/freigabe?quarter={v}", Ct)),
            Page("POST /provision/freigabe/{quarter}/{partnerId}", "quarter", v => _backOffice.PostAsync($"/provision/freigabe/{v}/{_partner}",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = _backOfficeToken }), Ct), InsideAccepted: false),
            Page("GET /kundenstimmen?quarter", "quarter", v => _partnerUser.GetAsync($"/kundenstimmen?quarter={v}", Ct)),

            // Years.
            Api("PUT /api/v1/training/programmes/{year}", "year", v => Put($"/api/v1/training/programmes/{v}", Programme)),
            Api("GET /api/v1/training/programmes/{year}", "year", v => Get($"/api/v1/training/programmes/{v}")),
            Api("GET /api/v1/training/kpis/{year}", "year", v => Get($"/api/v1/training/kpis/{v}")),
            Api("POST /api/v1/training/recalculations", "year", v => Post("/api/v1/training/recalculations", new { year = int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) })),
            Api("GET /api/v1/training/sessions?year", "year", v => Get($"/api/v1/training/sessions?year={v}")),
            Api("GET /api/v1/training/coaching-bookings?year", "year", v => Get($"/api/v1/training/coaching-bookings?year={v}")),
            Page("GET /schulungen/programm?year", "year", v => _backOffice.GetAsync($"/schulungen/programm?year={v}", Ct)),

            // Dates in bodies.
            Api("POST /api/v1/training/coaching-bookings", "date", v => Post("/api/v1/training/coaching-bookings",
                new { partnerId = _partner, shopId = _shop, date = v, topic = "sales-conversation", days = 1, participants = 5 })),
            Api("POST /api/v1/training/sessions", "date", v => Post("/api/v1/training/sessions",
                new { title = "Perfect Pitch", date = v, place = "Köln", seats = 10 })),
            // The partner's booking form calls the same use case; a partner may not book a day in the past, so only outside.
            new DateRoute("POST /schulungen/buchen (form)", "date", Expect.Page, v => _partnerUser.PostAsync("/schulungen/buchen",
                new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = _partnerToken, ["ShopId"] = _shop, ["Date"] = v, ["Topic"] = "sales-conversation",
                    ["Days"] = "1", ["Participants"] = "5",
                }), Ct), InsideAccepted: false),

            // Timestamps in bodies: one response, batches, the CSV import, sales, completions, the audit filters.
            Api("POST /api/v1/surveys/responses", "respondedAt", v => Post("/api/v1/surveys/responses", Response(PortalHost.NewId("dr"), v))),
            Batch("POST /api/v1/surveys/responses/batch", "respondedAt", v => Post("/api/v1/surveys/responses/batch",
                new { items = new[] { Response(PortalHost.NewId("dr"), v), Response(PortalHost.NewId("dr"), Valid) } })),
            Batch("POST /api/v1/surveys/responses/import", "respondedAt", v => _admin.PostAsync("/api/v1/surveys/responses/import", new StringContent(
                $"responseId,respondedAt,segment,channel,partnerId,shopId,brand\n{PortalHost.NewId("dr")},{v},private,partner-shop,{_partner},{_shop},9\n" +
                $"{PortalHost.NewId("dr")},{Valid},private,partner-shop,{_partner},{_shop},9\n", Encoding.UTF8, "text/csv"), Ct)),
            Batch("POST /api/v1/incentives/transactions/batch", "occurredAt", v => Post("/api/v1/incentives/transactions/batch",
                new { items = new[] { Transaction(PortalHost.NewId("dt"), v), Transaction(PortalHost.NewId("dt"), Valid) } })),
            Batch("POST /api/v1/incentives/cancellations/batch", "cancelledAt", async v =>
            {
                string first = PortalHost.NewId("dt"), second = PortalHost.NewId("dt");
                var stored = await Post("/api/v1/incentives/transactions/batch", new { items = new[]
                {
                    Transaction(first, "2000-01-01T00:00:00+01:00"), Transaction(second, "2000-01-01T00:00:00+01:00"),
                } });
                Assert.Equal(2, (await stored.JsonAsync()).GetProperty("accepted").GetInt32());
                return await Post("/api/v1/incentives/cancellations/batch", new { items = new[]
                {
                    new { transactionId = first, cancelledAt = v }, new { transactionId = second, cancelledAt = Valid },
                } });
            }),
            Batch("POST /api/v1/training/elearning-completions/batch", "completedAt", v => Post("/api/v1/training/elearning-completions/batch",
                new { items = new[] { Completion(PortalHost.NewId("dc"), v), Completion(PortalHost.NewId("dc"), Valid) } })),
            Api("GET /api/v1/audit?from", "from", v => Get($"/api/v1/audit?from={Uri.EscapeDataString(v)}&limit=1")),
            Api("GET /api/v1/audit?to", "to", v => Get($"/api/v1/audit?to={Uri.EscapeDataString(v)}&limit=1")),
        ];

        private Dictionary<string, object?> Response(string id, string respondedAt) => new()
        {
            ["responseId"] = id, ["respondedAt"] = respondedAt, ["segment"] = "private", ["channel"] = "partner-shop", ["partnerId"] = _partner,
            ["shopId"] = _shop, ["scores"] = new { brand = 9, touchpoint = 10 },
        };

        private object Transaction(string id, string occurredAt) =>
            new { transactionId = id, partnerId = _partner, shopId = _shop, category = "mobile", occurredAt };

        private object Completion(string id, string completedAt) =>
            new { completionId = id, partnerId = _partner, personId = "person-1", courseId = "course-1", completedAt };

        private static DateRoute Api(string name, string field, Func<string, Task<HttpResponseMessage>> send) => new(name, field, Expect.Problem, send);

        private static DateRoute Batch(string name, string field, Func<string, Task<HttpResponseMessage>> send) => new(name, field, Expect.Item, send);

        private static DateRoute Page(string name, string field, Func<string, Task<HttpResponseMessage>> send, bool InsideAccepted = true) =>
            new(name, field, Expect.Page, send, InsideAccepted);

        private Task<HttpResponseMessage> Get(string url) => _admin.GetAsync(url, Ct);

        private Task<HttpResponseMessage> Post(string url, object body) => _admin.PostAsJsonAsync(url, body, Ct);

        private Task<HttpResponseMessage> Put(string url, object body) => _admin.PutAsJsonAsync(url, body, Ct);
    }
}
