using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The built host as a separate process (Production environment, Kestrel on 127.0.0.1, a free port) on a given database:
/// one node of a deployment. Several nodes on one database are the documented way to scale out.
/// </summary>
public sealed class HostNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostNode(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Starts a node with the bootstrap key and <paramref name="settings"/> (environment variables), and waits
    /// until <c>/health/ready</c> answers 200.</summary>
    public static async Task<HostNode> StartAsync(string connectionString, string bootstrapKey, IReadOnlyDictionary<string, string> settings,
        CancellationToken ct, int? port = null)
    {
        port ??= FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(Program).Assembly.Location);
        info.Environment["ConnectionStrings__PartnerPortal"] = connectionString;
        info.Environment["PartnerPortal__BootstrapApiKey"] = bootstrapKey;
        info.Environment["PartnerPortal__SeedDemoData"] = "false";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings) info.Environment[name] = value;
        var node = new HostNode(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"));

        using var client = node.Client();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (node.HasExited) Assert.Fail("The host exited early:\n" + node.Output);
            try
            {
                if ((await client.GetAsync("/health/ready", ct)).StatusCode == HttpStatusCode.OK) return node;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (watch.Elapsed > TimeSpan.FromSeconds(120)) Assert.Fail("The host did not become ready within 120 s:\n" + node.Output);
            await Task.Delay(100, ct); // another process: polling is the only signal there is
        }
    }

    /// <summary>A client without cookie handling or redirects, behind a TLS-terminating proxy on the same machine (the host
    /// trusts loopback proxies): <c>X-Forwarded-Proto: https</c>, optionally a client address and an API key.</summary>
    public HttpClient Client(string? clientIp = null, string? apiKey = null) => ClientFor(BaseAddress, clientIp, apiKey);

    public static HttpClient ClientFor(Uri baseAddress, string? clientIp = null, string? apiKey = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        if (clientIp is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", clientIp);
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>SIGKILL: the node dies at once, as in a crash; nothing of it runs any more.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM and wait for the graceful stop (at most a minute, then SIGKILL).</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
        }
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await _process.WaitForExitAsync(exit.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
