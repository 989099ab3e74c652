using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using PartnerPortal.Host.Database;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>The test classes that share <see cref="IsolatedHost"/>. They run one after another (one of them stops the
/// database), while the rest of the assembly runs on <see cref="PortalHost"/> in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class IsolatedHostCollection : ICollectionFixture<IsolatedHost>
{
    public const string Name = "isolated host process";
}

/// <summary>
/// The built host as a separate process (Production environment, Kestrel on 127.0.0.1) on a PostgreSQL cluster of its
/// own: what the shared in-process host cannot show. The database can be stopped and started again on the same port,
/// the host restarted on the same database, and the rate limits are low (<see cref="Limits"/>). Clients handle cookies
/// by hand: in Production the cookies are Secure, which a cookie container would not send over plain HTTP.
/// </summary>
public sealed partial class IsolatedHost : IAsyncLifetime
{
    public const string BootstrapKey = "isolated-host-bootstrap-key";

    /// <summary>The rate limits of this host; the windows are long so that no limit resets during a test run.</summary>
    public static class Limits
    {
        public const int LoginPerIp = 5;
        public const int LoginPerEmail = 3;
        public const int ApiKey = 100;
    }

    private readonly string _root = Path.Combine(Path.GetTempPath(), "partnerportal-isolated-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly int _httpPort = HostNode.FreePort();
    private EmbeddedPostgres? _postgres;
    private int _databasePort;
    private string _connectionString = "";
    private HostNode? _node;

    public Uri BaseAddress => new($"http://127.0.0.1:{_httpPort}");

    public string ConnectionString => _connectionString;

    public string Output => _node?.Output ?? "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _postgres = EmbeddedPostgres.Start(Path.Combine(_root, "pgdata"), database: "partnerportal_isolated", throwaway: true);
        _databasePort = _postgres.Port;
        _connectionString = _postgres.ConnectionString;
        await StartHostAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        _postgres?.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Stops the PostgreSQL server (fast shutdown: sessions are terminated, as in a crash or failover).</summary>
    public void StopDatabase()
    {
        _postgres?.Dispose();
        _postgres = null;
    }

    /// <summary>Starts the PostgreSQL server again on the port the host's connection string names.</summary>
    public void StartDatabase() => _postgres ??= EmbeddedPostgres.Start(Path.Combine(_root, "pgdata"), database: "partnerportal_isolated", port: _databasePort, throwaway: true);

    public async Task RestartHostAsync()
    {
        await StopHostAsync();
        await StartHostAsync();
    }

    /// <summary>A client without cookie handling or redirects, as if behind a TLS-terminating load balancer on the same
    /// machine (the host trusts loopback proxies): <c>X-Forwarded-Proto: https</c>, and <paramref name="clientIp"/> as
    /// X-Forwarded-For, so each test can be its own client address.</summary>
    public HttpClient Client(string? clientIp = null, string? apiKey = null) => HostNode.ClientFor(BaseAddress, clientIp, apiKey);

    public async Task<string> CreateKeyAsync(IEnumerable<string> scopes, string? partnerId = null)
    {
        using var admin = Client(apiKey: BootstrapKey);
        var response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "isolated test key", scopes, partnerId }, Ct);
        await response.EnsureStatus(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<KeyAnswer>(Ct))!.Key;
    }

    public async Task<string> CreatePartnerAsync(string key)
    {
        var partnerId = PortalHost.NewId("p");
        using var client = Client(apiKey: key);
        var response = await client.PutAsJsonAsync($"/api/v1/partners/{partnerId}", new { name = "Partner " + partnerId, shops = Array.Empty<object>() }, Ct);
        await response.EnsureStatus(HttpStatusCode.Created);
        return partnerId;
    }

    /// <summary>Signs in through the form, as a browser would: the login page's antiforgery cookie and token, then the
    /// post. Returns the answer and the cookies it set (name → value).</summary>
    public async Task<(HttpResponseMessage Response, Dictionary<string, string> Cookies)> SignInAsync(string email, string password, string clientIp)
    {
        using var client = Client(clientIp);
        var page = await client.GetAsync("/", Ct);
        await page.EnsureStatus(HttpStatusCode.OK);
        var cookies = Cookies(page);
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync(Ct)).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = password }),
        };
        post.Headers.Add("Cookie", CookieHeader(cookies));
        var response = await client.SendAsync(post, Ct);
        foreach (var (name, value) in Cookies(response)) cookies[name] = value;
        return (response, cookies);
    }

    public static Dictionary<string, string> Cookies(HttpResponseMessage response) =>
        SetCookies(response).Select(c => c.Split(';')[0].Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    public static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    public static string CookieHeader(IReadOnlyDictionary<string, string> cookies) => string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));

    /// <summary>Polls until <paramref name="ready"/> holds; the host and the database are other processes, so polling is
    /// the only signal there is.</summary>
    public async Task<T> PollAsync<T>(Func<Task<T>> probe, Func<T, bool> ready, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        T last = await probe();
        while (!ready(last))
        {
            if (watch.Elapsed > timeout) Assert.Fail($"{what} did not happen within {timeout.TotalSeconds:0} s; last: {last}\n{Output}");
            await Task.Delay(200, Ct);
            last = await probe();
        }
        return last;
    }

    private async Task StartHostAsync() =>
        _node = await HostNode.StartAsync(_connectionString, BootstrapKey, new Dictionary<string, string>
        {
            ["PartnerPortal__Jobs__Workers"] = "1",
            ["PartnerPortal__RateLimits__LoginPerIp__PermitLimit"] = Limits.LoginPerIp.ToString(CultureInfo.InvariantCulture),
            ["PartnerPortal__RateLimits__LoginPerIp__Window"] = "01:00:00",
            ["PartnerPortal__RateLimits__LoginPerEmail__PermitLimit"] = Limits.LoginPerEmail.ToString(CultureInfo.InvariantCulture),
            ["PartnerPortal__RateLimits__LoginPerEmail__Window"] = "01:00:00",
            ["PartnerPortal__RateLimits__ApiKey__PermitLimit"] = Limits.ApiKey.ToString(CultureInfo.InvariantCulture),
            ["PartnerPortal__RateLimits__ApiKey__Window"] = "01:00:00",
        }, Ct, _httpPort);

    private async Task StopHostAsync()
    {
        if (_node is null) return;
        await _node.DisposeAsync();
        _node = null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed record KeyAnswer(string Id, string Key);
}
