using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Host.Database;

namespace PartnerPortal.TestSupport;

/// <summary>
/// The real host on a throwaway PostgreSQL cluster started with the host's own launcher, for one test assembly
/// (Hangfire keeps global state: one host per process). Each assembly's fixture derives from it and calls
/// <see cref="Start"/>. Tests isolate themselves by using fresh ids (<see cref="NewId"/>).
/// </summary>
public abstract partial class PortalTestHost : IAsyncDisposable
{
    public const string BootstrapKey = "integration-tests-bootstrap-key";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "partnerportal-tests-" + Guid.NewGuid().ToString("N")[..12]);
    private EmbeddedPostgres? _postgres;
    private WebApplicationFactory<Program>? _factory;

    public string ConnectionString => _postgres?.ConnectionString ?? throw new InvalidOperationException("Not started.");

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public IServiceProvider Services => Factory.Services;

    /// <summary>With <c>kestrel</c>, where the host listens (http://127.0.0.1:port), for a real browser.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>Starts the cluster and the host. <paramref name="kestrel"/>: a real socket on a free loopback port
    /// instead of the in-memory test server; <paramref name="seedDemoData"/>: the demo partners and logins.</summary>
    protected void Start(bool kestrel = false, bool seedDemoData = false)
    {
        _postgres = EmbeddedPostgres.Start(Path.Combine(_root, "pgdata"), database: "partnerportal_tests", throwaway: true);
        // Environment variables, not UseSetting: Program reads the connection string before the host is built.
        Environment.SetEnvironmentVariable("ConnectionStrings__PartnerPortal", _postgres.ConnectionString);
        Environment.SetEnvironmentVariable("PartnerPortal__BootstrapApiKey", BootstrapKey);
        Environment.SetEnvironmentVariable("PartnerPortal__SeedDemoData", seedDemoData ? "true" : "false");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        // One machine's clock for host and database: the detractors' copy (ADR 0064) may follow them closely.
        Environment.SetEnvironmentVariable("PartnerPortal__FollowUps__CopyClockSkew", "00:00:01");
        Environment.SetEnvironmentVariable("PartnerPortal__FollowUps__CopyPeriod", "00:00:00.5");
        // The whole assembly shares this host, its client address and its bootstrap key: no limit may bite here.
        // The limits themselves are tested on a host process of their own (IntegrationTests' RateLimitTests).
        foreach (var limit in new[] { "LoginPerIp", "LoginPerEmail", "ApiKey" })
            Environment.SetEnvironmentVariable($"PartnerPortal__RateLimits__{limit}__PermitLimit", "1000000");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Testing")
            // A clock a request can set (X-Test-Now), for date rules; the real time otherwise.
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(sp => new RequestClock(sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()))));
        if (kestrel)
        {
            // An explicit loopback listener on port 0: the kernel picks a free port. UseKestrel(0) kept Kestrel's default
            // http://localhost:5000, so two test assemblies with a Kestrel host (UI and demo tests) collided when
            // `dotnet test` ran them side by side ("address already in use").
            _factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
            _factory.StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
        else
        {
            _ = _factory.Server; // start now, so the first test does not pay for it
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        _postgres?.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A client with no credentials that does not follow redirects.</summary>
    public HttpClient Anonymous() => Factory.CreateClient(ClientOptions(handleCookies: false));

    /// <summary>No auto-redirect; on Kestrel, the real address (the default, http://localhost, is the test server's).</summary>
    private WebApplicationFactoryClientOptions ClientOptions(bool handleCookies)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies };
        if (BaseAddress is not null) options.BaseAddress = BaseAddress;
        return options;
    }

    public HttpClient WithKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>The bootstrap key: every scope, bound to no partner.</summary>
    public HttpClient Admin() => WithKey(BootstrapKey);

    public async Task<string> CreateKeyAsync(IEnumerable<string> scopes, string? partnerId = null)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "test key", scopes, partnerId });
        await EnsureStatus(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<KeyAnswer>())!.Key;
    }

    /// <summary>A key bound to <paramref name="partnerId"/> with any scopes, stored as an earlier version could issue it: the
    /// API no longer issues a bound key with a scope only back office can use (ADR 0055), but keys issued before stay in
    /// the database, and every operation must still refuse them.</summary>
    public async Task<string> StoreKeyAsync(IEnumerable<string> scopes, string partnerId)
    {
        var secret = Partners.ApiKeys.ApiKey.NewSecret();
        await using var session = Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession();
        session.Insert(new Partners.ApiKeys.ApiKey
        {
            Id = Guid.NewGuid().ToString("N"), Name = "key issued before ADR 0055", Hash = Partners.ApiKeys.ApiKey.HashOf(secret),
            Scopes = scopes.ToList(), PartnerId = partnerId, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
        });
        await session.SaveChangesAsync();
        return secret;
    }

    /// <summary>Creates a partner with fresh ids; returns its id and its shop ids.</summary>
    public async Task<(string PartnerId, string[] ShopIds)> CreatePartnerAsync(int shops = 1, string prefix = "p")
    {
        var partnerId = NewId(prefix);
        var shopIds = Enumerable.Range(0, shops).Select(_ => NewId("s")).ToArray();
        using var admin = Admin();
        var response = await admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}", new
        {
            name = "Partner " + partnerId,
            shops = shopIds.Select(s => new { shopId = s, name = "Shop " + s, city = "Köln" }),
        });
        await EnsureStatus(response, HttpStatusCode.Created);
        return (partnerId, shopIds);
    }

    /// <summary>Creates a login through the API and returns its e-mail and password.</summary>
    public async Task<(string Email, string Password)> CreateUserAsync(string role, string? partnerId)
    {
        var email = $"{NewId("user")}@example.test";
        const string password = "Correct-Horse-42";
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email, password, displayName = "Test User", role, partnerId });
        await EnsureStatus(response, HttpStatusCode.Created);
        return (email, password);
    }

    /// <summary>Starts a recalculation (<c>POST {url} {{ quarter }}</c>) with the bootstrap key and polls the job until it
    /// has succeeded or failed; returns the job (<c>{ jobId, state, result?, error? }</c>).</summary>
    public async Task<System.Text.Json.JsonElement> RunJobAsync(string url, string quarter)
    {
        using var admin = Admin();
        var started = await admin.PostAsJsonAsync(url, new { quarter });
        await EnsureStatus(started, HttpStatusCode.Accepted);
        var jobId = (await started.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("jobId").GetString();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var job = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/jobs/{jobId}", timeout.Token);
            if (job.GetProperty("state").GetString() is "succeeded" or "failed") return job;
            await Task.Delay(100, timeout.Token); // polling the public API, as a client would
        }
    }

    /// <summary>A browser-like client (cookies, no auto-redirect) and the answer to its login form. With
    /// <paramref name="now"/>, every request of the client (the login included, so its cookie is valid then) happens at
    /// that instant (<see cref="RequestClock"/>).</summary>
    public async Task<(HttpClient Client, HttpResponseMessage Response)> LoginAsync(string email, string password, DateTimeOffset? now = null)
    {
        var client = Factory.CreateClient(ClientOptions(handleCookies: true));
        if (now is { } at) client.DefaultRequestHeaders.Add(RequestClock.Header, RequestClock.Format(at));
        var token = await AntiforgeryTokenAsync(client, "/");
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = password,
        }));
        return (client, response);
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No antiforgery token on {page}.");
    }

    /// <summary>Runs a scalar SQL query against the test database (positional parameters $1, $2, …).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.AddWithValue(p);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Fails with the body when the status differs.</summary>
    private static async Task EnsureStatus(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            throw new InvalidOperationException(
                $"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed record KeyAnswer(string Id, string Key);
}
