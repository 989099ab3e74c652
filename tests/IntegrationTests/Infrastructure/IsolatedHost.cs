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
    private readonly int _httpPort = FreePort();
    private EmbeddedPostgres? _postgres;
    private int _databasePort;
    private string _connectionString = "";
    private Process? _process;
    private readonly StringBuilder _output = new();

    public Uri BaseAddress => new($"http://127.0.0.1:{_httpPort}");

    public string ConnectionString => _connectionString;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _postgres = EmbeddedPostgres.Start(Path.Combine(_root, "pgdata"), database: "partnerportal_isolated");
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
    public void StartDatabase() => _postgres ??= EmbeddedPostgres.Start(Path.Combine(_root, "pgdata"), database: "partnerportal_isolated", port: _databasePort);

    public async Task RestartHostAsync()
    {
        await StopHostAsync();
        await StartHostAsync();
    }

    /// <summary>A client without cookie handling or redirects, as if behind a TLS-terminating load balancer on the same
    /// machine (the host trusts loopback proxies): <c>X-Forwarded-Proto: https</c>, and <paramref name="clientIp"/> as
    /// X-Forwarded-For, so each test can be its own client address.</summary>
    public HttpClient Client(string? clientIp = null, string? apiKey = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        if (clientIp is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", clientIp);
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

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

    private async Task StartHostAsync()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(Program).Assembly.Location);
        info.Environment["ConnectionStrings__PartnerPortal"] = _connectionString;
        info.Environment["PartnerPortal__BootstrapApiKey"] = BootstrapKey;
        info.Environment["PartnerPortal__SeedDemoData"] = "false";
        info.Environment["PartnerPortal__Jobs__Workers"] = "1";
        info.Environment["PartnerPortal__RateLimits__LoginPerIp__PermitLimit"] = Limits.LoginPerIp.ToString(CultureInfo.InvariantCulture);
        info.Environment["PartnerPortal__RateLimits__LoginPerIp__Window"] = "01:00:00";
        info.Environment["PartnerPortal__RateLimits__LoginPerEmail__PermitLimit"] = Limits.LoginPerEmail.ToString(CultureInfo.InvariantCulture);
        info.Environment["PartnerPortal__RateLimits__LoginPerEmail__Window"] = "01:00:00";
        info.Environment["PartnerPortal__RateLimits__ApiKey__PermitLimit"] = Limits.ApiKey.ToString(CultureInfo.InvariantCulture);
        info.Environment["PartnerPortal__RateLimits__ApiKey__Window"] = "01:00:00";
        info.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = Client();
        var process = _process;
        await PollAsync(async () =>
        {
            if (process.HasExited) Assert.Fail("The host exited early:\n" + Output);
            try { return (await client.GetAsync("/health/ready", Ct)).StatusCode; }
            catch (HttpRequestException) { return (HttpStatusCode)0; }
        }, status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(120), "The isolated host becoming ready");
    }

    private async Task StopHostAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await _process.WaitForExitAsync(exit.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        _process.Dispose();
        _process = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed record KeyAnswer(string Id, string Key);
}
