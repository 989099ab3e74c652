using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// Every endpoint the host maps is in <see cref="Routes"/>, one row each, and is called: anonymously (401 for the API,
/// the login page for pages), with a key that has every scope but the route's (403), as partner A against partner B's
/// ids (with an A-bound key holding every scope, and as A's signed-in user), and as back office (the control, which must
/// succeed and, for lists, must show B's data, so that "A sees none of it" means something). A route that is mapped but
/// not in the table fails the sweep, and so does a row whose route is gone. B's stored documents are fingerprinted
/// before and after A's calls: A changes none of them. Every answer carries the security headers; every 4xx is
/// problem details; nothing is 5xx.
/// </summary>
public sealed class RouteSweepTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The routes. To add one: one line with its pattern as the host maps it (<c>METHOD /path/{param}</c>; <c>*</c> for
    /// routes mapped for every method), the scope it needs, a request that aims at partner B's data, and what partner A
    /// must get (<see cref="Refused"/>, <see cref="ListWithoutB"/>, <see cref="ItemsRejected"/>, <see cref="NoPartnerData"/>).
    /// </summary>
    private static readonly Row[] Routes =
    [
        // Host
        Public("* /health/live", _ => Get("/health/live"), HttpStatusCode.OK),
        Public("* /health/ready", _ => Get("/health/ready"), HttpStatusCode.OK),
        Api("GET /api/v1/jobs/{jobId}", Scopes.ScoringRecalculate, w => Get($"/api/v1/jobs/{w.JobId}"), Refused(403)),

        // Partners
        Public("GET /", _ => Get("/"), HttpStatusCode.OK),
        Public("POST /login", w => Form("/login", new() { ["Email"] = w.BUserEmail, ["Password"] = "Correct-Horse-42" }), HttpStatusCode.BadRequest),
        Public("POST /logout", _ => Form("/logout", []), HttpStatusCode.BadRequest),
        Api("PUT /api/v1/partners/{partnerId}", Scopes.PartnersWrite, w => Json(HttpMethod.Put, $"/api/v1/partners/{w.B}", w.BPartnerBody()), Refused(403)),
        Api("GET /api/v1/partners/{partnerId}", Scopes.PartnersRead, w => Get($"/api/v1/partners/{w.B}"), Refused(403)),
        Api("POST /api/v1/users", Scopes.UsersWrite, w => Json(HttpMethod.Post, "/api/v1/users", new
        {
            email = $"{PortalHost.NewId("sweep")}@example.test", password = "Correct-Horse-42", displayName = "B", role = Roles.Partner, partnerId = w.B,
        }), Refused(403), HttpStatusCode.Created),
        Api("POST /api/v1/api-keys", Scopes.UsersWrite, w => Json(HttpMethod.Post, "/api/v1/api-keys",
            new { name = "B's key", scopes = new[] { Scopes.PartnersRead }, partnerId = w.B }), Refused(403), HttpStatusCode.Created),

        // Surveys
        Api("POST /api/v1/surveys/responses", Scopes.SurveysWrite, w => Json(HttpMethod.Post, "/api/v1/surveys/responses", w.BResponseBody()),
            Refused(400), HttpStatusCode.Created),
        Api("POST /api/v1/surveys/responses/batch", Scopes.SurveysWrite, w => Json(HttpMethod.Post, "/api/v1/surveys/responses/batch",
            new { items = new[] { w.BResponseBody() } }), ItemsRejected),
        Api("POST /api/v1/surveys/responses/import", Scopes.SurveysWrite, w => Csv("/api/v1/surveys/responses/import", w.BResponseCsv()), ItemsRejected),
        Api("GET /api/v1/surveys/responses", Scopes.SurveysRead, _ => Get($"/api/v1/surveys/responses?quarter={World.Quarter}"), ListWithoutB),
        Api("GET /api/v1/surveys/responses/{responseId}", Scopes.SurveysRead, w => Get($"/api/v1/surveys/responses/{w.BResponse}"), Refused(404)),
        Page("GET /kundenstimmen", Scopes.SurveysRead, _ => Get($"/kundenstimmen?quarter={World.Quarter}"), ListWithoutB),

        // Scoring
        Api("POST /api/v1/scoring/recalculations", Scopes.ScoringRecalculate, _ => Json(HttpMethod.Post, "/api/v1/scoring/recalculations",
            new { quarter = World.Quarter }), Refused(403), HttpStatusCode.Accepted),
        Api("GET /api/v1/scoring/scorecards", Scopes.ScoresRead, _ => Get($"/api/v1/scoring/scorecards?quarter={World.Quarter}"), ListWithoutB),
        Api("GET /api/v1/scoring/partners/{partnerId}/summary", Scopes.ScoresRead,
            w => Get($"/api/v1/scoring/partners/{w.B}/summary?quarter={World.Quarter}"), Refused(403)),
        Page("GET /uebersicht", Scopes.ScoresRead, _ => Get($"/uebersicht?quarter={World.Quarter}"), ListWithoutB),

        // Incentives
        Api("POST /api/v1/incentives/recalculations", Scopes.StatementsRecalculate, _ => Json(HttpMethod.Post, "/api/v1/incentives/recalculations",
            new { quarter = World.Quarter }), Refused(403), HttpStatusCode.Accepted),
        Api("PUT /api/v1/incentives/plans/{quarter}", Scopes.PlansWrite, _ => Json(HttpMethod.Put, $"/api/v1/incentives/plans/{World.OpenQuarter}", World.Plan),
            Refused(403)),
        Api("PUT /api/v1/incentives/plans/{quarter}/targets/{partnerId}", Scopes.PlansWrite,
            w => Json(HttpMethod.Put, $"/api/v1/incentives/plans/{World.OpenQuarter}/targets/{w.B}", new { mobile = 10, @fixed = 5 }), Refused(403)),
        Api("GET /api/v1/incentives/plans/{quarter}", Scopes.PlansWrite, _ => Get($"/api/v1/incentives/plans/{World.OpenQuarter}"), Refused(403)),
        Api("POST /api/v1/incentives/transactions/batch", Scopes.TransactionsWrite, w => Json(HttpMethod.Post, "/api/v1/incentives/transactions/batch",
            new { items = new[] { w.BTransactionBody(PortalHost.NewId("t")) } }), ItemsRejected),
        Api("POST /api/v1/incentives/cancellations/batch", Scopes.TransactionsWrite, w => Json(HttpMethod.Post, "/api/v1/incentives/cancellations/batch",
            new { items = new[] { new { transactionId = w.BCancellable, cancelledAt = "2041-02-20T10:00:00+01:00" } } }), ItemsRejected),
        Api("GET /api/v1/incentives/statements/{quarter}/{partnerId}", Scopes.StatementsRead,
            w => Get($"/api/v1/incentives/statements/{World.Quarter}/{w.B}"), Refused(403)),
        Api("GET /api/v1/incentives/statements/{quarter}/{partnerId}/what-if", Scopes.StatementsRead,
            w => Get($"/api/v1/incentives/statements/{World.Quarter}/{w.B}/what-if?nps=55"), Refused(403)),
        Api("POST /api/v1/incentives/statements/{quarter}/{partnerId}/approve", Scopes.StatementsApprove,
            w => new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incentives/statements/{World.Quarter}/{w.B}/approve"), Refused(403)),
        Api("GET /api/v1/incentives/statements/{quarter}.csv", Scopes.StatementsRead, _ => Get($"/api/v1/incentives/statements/{World.Quarter}.csv"),
            Refused(403)),
        Page("GET /provision", Scopes.StatementsRead, w => Get($"/provision?quarter={World.Quarter}&partnerId={w.B}"), ListWithoutB,
            markers: ["Abrechnung (Stand"]),

        // Training
        Page("GET /schulungen", null, _ => Get("/schulungen"), NoPartnerData),
    ];

    [Fact]
    public async Task Every_route_is_in_the_table_and_confined()
    {
        var mapped = MappedEndpoints();
        var table = Routes.ToDictionary(r => r.Pattern, StringComparer.Ordinal);
        var unknown = mapped.Keys.Where(p => !table.ContainsKey(p)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(unknown.Length == 0, "Routes without a row in RouteSweepTests.Routes (add one line each):\n  " + string.Join("\n  ", unknown));
        var gone = table.Keys.Where(p => !mapped.ContainsKey(p)).ToArray();
        Assert.True(gone.Length == 0, "Rows for routes the host no longer maps:\n  " + string.Join("\n  ", gone));
        foreach (var row in Routes) AssertMetadataMatches(row, mapped[row.Pattern]);

        using var world = await World.CreateAsync(host);
        var failures = new List<string>();
        var before = await FingerprintAsync(world.B);
        foreach (var row in Routes) await SweepAsync(row, world, failures);
        var after = await FingerprintAsync(world.B);
        foreach (var changed in after.Except(before)) failures.Add($"Partner A's calls changed B's documents: {changed}");
        foreach (var row in Routes.Where(r => r.Kind != Kind.Public)) await ControlAsync(row, world, failures);
        Assert.True(failures.Count == 0, $"{failures.Count} problems:\n" + string.Join("\n", failures));
    }

    /// <summary>Anonymous, lacking the scope, and as partner A.</summary>
    private async Task SweepAsync(Row row, World world, List<string> failures)
    {
        using var anonymous = host.Anonymous();
        var answer = await SendAsync(anonymous, row, world, "anonymous", failures);
        switch (row.Kind)
        {
            case Kind.Public when answer.StatusCode != row.AnonymousStatus:
                failures.Add($"{row.Pattern} anonymous: {(int)answer.StatusCode}, expected {(int)row.AnonymousStatus}");
                break;
            case Kind.Api when answer.StatusCode != HttpStatusCode.Unauthorized:
                failures.Add($"{row.Pattern} anonymous: {(int)answer.StatusCode}, expected 401");
                break;
            case Kind.Page when answer.StatusCode != HttpStatusCode.Redirect || !LocalPath(answer.Headers.Location).StartsWith("/?returnUrl=", StringComparison.Ordinal):
                failures.Add($"{row.Pattern} anonymous: {(int)answer.StatusCode} {answer.Headers.Location}, expected the login page");
                break;
        }
        if (row.Kind == Kind.Public) return;

        if (row.Scope is { } scope)
        {
            using var lacking = host.WithKey(await world.KeyWithoutAsync(scope));
            var refused = await SendAsync(lacking, row, world, $"without {scope}", failures);
            if (refused.StatusCode != HttpStatusCode.Forbidden)
                failures.Add($"{row.Pattern} with every scope but {scope}: {(int)refused.StatusCode}, expected 403");
        }

        foreach (var (persona, client) in new[] { ("A's key", host.WithKey(world.AKey)), ("A's user", world.AUser) })
        {
            var response = await SendAsync(client, row, world, persona, failures);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (persona == "A's key") client.Dispose();
            if (response.StatusCode == HttpStatusCode.Forbidden) continue; // always confined (a partner user lacks many scopes)
            var problem = row.Confinement switch
            {
                Confinement.Refused r when response.StatusCode != r.Status => $"{(int)response.StatusCode}, expected {(int)r.Status}{(r.Status == HttpStatusCode.Forbidden ? "" : " or 403")}",
                Confinement.ListWithoutB when !response.IsSuccessStatusCode => $"{(int)response.StatusCode}, expected a list without B",
                Confinement.ListWithoutB when world.MarkersIn(body, row.Markers) is { } marker => $"shows B's data ('{marker}')",
                Confinement.ItemsRejected when response.StatusCode != HttpStatusCode.OK => $"{(int)response.StatusCode}, expected 200 with every item rejected",
                Confinement.ItemsRejected when !AllRejected(body) => $"stored an item of B: {body[..Math.Min(300, body.Length)]}",
                Confinement.NoPartnerData when !response.IsSuccessStatusCode => $"{(int)response.StatusCode}, expected 2xx",
                _ => null,
            };
            if (problem is not null) failures.Add($"{row.Pattern} as {persona} against B: {problem}");
        }
    }

    /// <summary>Back office does the same and succeeds: the request was right, and lists do show B.</summary>
    private async Task ControlAsync(Row row, World world, List<string> failures)
    {
        using var adminKey = host.Admin();
        var client = row.Kind == Kind.Page ? world.BackOffice : adminKey;
        var response = await SendAsync(client, row, world, "back office", failures);
        var body = await response.Content.ReadAsStringAsync(Ct);
        if (response.StatusCode != row.ControlStatus)
            failures.Add($"{row.Pattern} control as back office: {(int)response.StatusCode}, expected {(int)row.ControlStatus}: {body[..Math.Min(300, body.Length)]}");
        else if (row.Confinement is Confinement.ListWithoutB && world.MarkersIn(body, row.Markers) is null)
            failures.Add($"{row.Pattern} control as back office shows none of B's data: the check 'A sees none of it' proves nothing");
        else if (row.Confinement is Confinement.ItemsRejected && AllRejected(body))
            failures.Add($"{row.Pattern} control as back office: every item rejected: {body[..Math.Min(300, body.Length)]}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, Row row, World world, string persona, List<string> failures)
    {
        using var request = row.Request(world);
        var response = await client.SendAsync(request, Ct);
        var what = $"{row.Pattern} as {persona}";
        if ((int)response.StatusCode >= 500)
            failures.Add($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            failures.Add($"{what}: {(int)response.StatusCode} as {response.Content.Headers.ContentType?.MediaType ?? "no body"}, not problem details");
        try
        {
            SecurityHeaderTests.AssertSecurityHeaders(response, what);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            failures.Add(e.Message);
        }
        return response;
    }

    private static string LocalPath(Uri? location) =>
        location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private static bool AllRejected(string body)
    {
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            return json.GetProperty("accepted").GetInt32() == 0 && json.GetProperty("rejected").GetInt32() > 0;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The table matches what the endpoints declare: the scope, and anonymous access only for public rows.</summary>
    private static void AssertMetadataMatches(Row row, Endpoint endpoint)
    {
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        Assert.True(anonymous == (row.Kind == Kind.Public), $"{row.Pattern}: the row says {row.Kind}, the endpoint {(anonymous ? "allows" : "refuses")} anonymous callers.");
        var declared = endpoint.Metadata.GetMetadata<RequiredScope>()?.Scope
                       ?? endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p?.StartsWith("scope:", StringComparison.Ordinal) == true)?["scope:".Length..];
        if (declared is not null) Assert.True(declared == row.Scope, $"{row.Pattern}: the row says scope {row.Scope}, the endpoint needs {declared}.");
    }

    /// <summary>Every route endpoint of the host, keyed <c>METHOD /pattern</c> (<c>*</c> when mapped for any method).</summary>
    private Dictionary<string, Endpoint> MappedEndpoints()
    {
        var endpoints = new Dictionary<string, Endpoint>(StringComparer.Ordinal);
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods) endpoints[$"{method} {pattern}"] = endpoint;
        }
        return endpoints;
    }

    /// <summary>Per document table: the count and a hash of the documents that mention partner B.</summary>
    private async Task<string[]> FingerprintAsync(string partnerId)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_schema || '.' || table_name from information_schema.tables where table_name like 'mt_doc_%' order by 1", connection))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) tables.Add(reader.GetString(0));
        var fingerprint = new List<string>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"select count(*) || ':' || coalesce(md5(string_agg(data::text, '|' order by id::text)), '') from {table} where data::text like $1", connection);
            command.Parameters.AddWithValue("%" + partnerId + "%");
            fingerprint.Add($"{table} = {await command.ExecuteScalarAsync(Ct)}");
        }
        return fingerprint.ToArray();
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Json(HttpMethod method, string url, object body) => new(method, url) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Csv(string url, string csv) => new(HttpMethod.Post, url) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };

    private static HttpRequestMessage Form(string url, Dictionary<string, string> fields) => new(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };

    private static Row Api(string pattern, string? scope, Func<World, HttpRequestMessage> request, Confinement confinement, HttpStatusCode control = HttpStatusCode.OK) =>
        new(pattern, Kind.Api, scope, request, confinement, control, []);

    private static Row Page(string pattern, string? scope, Func<World, HttpRequestMessage> request, Confinement confinement, string[]? markers = null) =>
        new(pattern, Kind.Page, scope, request, confinement, HttpStatusCode.OK, markers ?? []);

    private static Row Public(string pattern, Func<World, HttpRequestMessage> request, HttpStatusCode anonymous) =>
        new(pattern, Kind.Public, null, request, NoPartnerData, anonymous, [], anonymous);

    /// <summary>403 before the handler (the partner guard, an unbound-caller route), 404 (B's item is not there for A),
    /// or 400 (a body naming B is invalid for A).</summary>
    private static Confinement Refused(int status) => new Confinement.Refused((HttpStatusCode)status);

    /// <summary>2xx, showing none of B's data (B's ids or the row's markers).</summary>
    private static Confinement ListWithoutB => new Confinement.ListWithoutB();

    /// <summary>A batch of B's items: 200, every item rejected.</summary>
    private static Confinement ItemsRejected => new Confinement.ItemsRejected();

    /// <summary>The route shows no partner's data at all.</summary>
    private static Confinement NoPartnerData => new Confinement.NoPartnerData();

    private enum Kind { Public, Page, Api }

    private abstract record Confinement
    {
        public sealed record Refused(HttpStatusCode Status) : Confinement;
        public sealed record ListWithoutB : Confinement;
        public sealed record ItemsRejected : Confinement;
        public sealed record NoPartnerData : Confinement;
    }

    private sealed record Row(string Pattern, Kind Kind, string? Scope, Func<World, HttpRequestMessage> Request, Confinement Confinement,
        HttpStatusCode ControlStatus, string[] Markers, HttpStatusCode AnonymousStatus = 0);

    /// <summary>Partners A and B with a shop each; B with a survey response (and a comment), score cards, transactions
    /// and a draft statement in <see cref="Quarter"/>; plans for it and for <see cref="OpenQuarter"/>; A's key and user,
    /// a back-office user, and keys lacking one scope each.</summary>
    private sealed class World : IDisposable
    {
        /// <summary>No other test uses 2041.</summary>
        public const string Quarter = "2041-Q1";
        public const string OpenQuarter = "2041-Q2";

        public static readonly object Plan = new
        {
            baseRates = new { mobile = 47.11m, @fixed = 20m },
            tiers = new[] { new { minNps = 0, upliftPercent = 10, qualityBonusEur = 100 } },
            minSample = 30,
            tierBasis = "point",
        };

        private readonly PortalHost _host;
        private readonly Dictionary<string, string> _keysWithout = new(StringComparer.Ordinal);

        private World(PortalHost host) => _host = host;

        public string A { get; private set; } = "";
        public string B { get; private set; } = "";
        public string BShop { get; private set; } = "";
        public string BResponse { get; private set; } = "";
        public string BTransaction { get; private set; } = "";
        public string BCancellable { get; private set; } = "";
        public string BUserEmail { get; private set; } = "";
        public string JobId { get; private set; } = "";
        public string AKey { get; private set; } = "";
        public HttpClient AUser { get; private set; } = null!;
        public HttpClient BackOffice { get; private set; } = null!;

        public static async Task<World> CreateAsync(PortalHost host)
        {
            var world = new World(host);
            world.A = (await host.CreatePartnerAsync()).PartnerId;
            (world.B, var shops) = await host.CreatePartnerAsync();
            world.BShop = shops[0];
            using var admin = host.Admin();

            world.BResponse = PortalHost.NewId("r");
            await (await admin.PostAsJsonAsync("/api/v1/surveys/responses", world.BResponseBody(world.BResponse), Ct)).EnsureStatus(HttpStatusCode.Created);
            foreach (var quarter in new[] { Quarter, OpenQuarter })
            {
                var plan = await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{quarter}", Plan, Ct);
                Assert.True(plan.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"plan {quarter}: {(int)plan.StatusCode}");
            }
            world.BTransaction = PortalHost.NewId("t");
            world.BCancellable = PortalHost.NewId("t");
            var sales = await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch",
                new { items = new[] { world.BTransactionBody(world.BTransaction), world.BTransactionBody(world.BCancellable) } }, Ct)).JsonAsync();
            Assert.Equal(2, sales.GetProperty("accepted").GetInt32());

            world.JobId = await RunJobAsync(admin, "/api/v1/scoring/recalculations");
            await RunJobAsync(admin, "/api/v1/incentives/recalculations");

            world.AKey = await host.CreateKeyAsync(Scopes.All, world.A);
            var (aEmail, aPassword) = await host.CreateUserAsync(Roles.Partner, world.A);
            world.AUser = (await host.LoginAsync(aEmail, aPassword)).Client;
            (world.BUserEmail, _) = await host.CreateUserAsync(Roles.Partner, world.B);
            var (boEmail, boPassword) = await host.CreateUserAsync(Roles.BackOffice, null);
            world.BackOffice = (await host.LoginAsync(boEmail, boPassword)).Client;
            return world;
        }

        public void Dispose()
        {
            AUser?.Dispose();
            BackOffice?.Dispose();
        }

        public async Task<string> KeyWithoutAsync(string scope)
        {
            if (!_keysWithout.TryGetValue(scope, out var key))
                _keysWithout[scope] = key = await _host.CreateKeyAsync(Scopes.All.Where(s => s != scope));
            return key;
        }

        /// <summary>The first of B's ids (or of <paramref name="extra"/>) found in <paramref name="body"/>, or null.</summary>
        public string? MarkersIn(string body, IEnumerable<string> extra) =>
            new[] { B, BShop, BResponse, BTransaction }.Concat(extra).FirstOrDefault(m => body.Contains(m, StringComparison.Ordinal));

        public object BPartnerBody() => new { name = "Partner " + B, shops = new[] { new { shopId = BShop, name = "Shop " + BShop, city = "Köln" } } };

        public Dictionary<string, object?> BResponseBody(string? responseId = null) => new()
        {
            ["responseId"] = responseId ?? PortalHost.NewId("r"),
            ["respondedAt"] = "2041-02-10T10:00:00+01:00",
            ["segment"] = "private",
            ["channel"] = "partner-shop",
            ["partnerId"] = B,
            ["shopId"] = BShop,
            ["scores"] = new Dictionary<string, object?> { ["brand"] = 9, ["product"] = 8, ["touchpoint"] = 10 },
            ["comment"] = $"Kommentar zu {B}",
        };

        public string BResponseCsv() =>
            "responseId,respondedAt,segment,channel,partnerId,shopId,brand,product,touchpoint,comment\n" +
            $"{PortalHost.NewId("r")},2041-02-10T10:00:00+01:00,private,partner-shop,{B},{BShop},9,8,10,Kommentar\n";

        public object BTransactionBody(string transactionId) =>
            new { transactionId, partnerId = B, shopId = BShop, category = "mobile", occurredAt = "2041-02-05T10:00:00+01:00" };

        private static async Task<string> RunJobAsync(HttpClient admin, string path)
        {
            var jobId = (await (await admin.PostAsJsonAsync(path, new { quarter = Quarter }, Ct)).JsonAsync(HttpStatusCode.Accepted)).GetProperty("jobId").GetString()!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(120));
            while (true)
            {
                var state = (await (await admin.GetAsync($"/api/v1/jobs/{jobId}", timeout.Token)).JsonAsync()).GetProperty("state").GetString();
                if (state == "succeeded") return jobId;
                Assert.NotEqual("failed", state);
                await Task.Delay(100, timeout.Token); // polling the jobs API, as a client would
            }
        }
    }
}
