using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PartnerPortal.Benchmarks;

/// <summary>The real host as a separate process (as in production), on the benchmark's database.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private long _peakRssKb;
    private readonly CancellationTokenSource _sampling = new();
    private readonly Task _sampler;

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _sampler = Task.Run(SampleAsync);
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public TimeSpan StartupToReady { get; private set; }

    /// <summary>Peak resident set size since the last <see cref="ResetPeak"/>, in MB (sampled every 50 ms).</summary>
    public double PeakRssMb => Interlocked.Read(ref _peakRssKb) / 1024.0;

    public void ResetPeak() => Interlocked.Exchange(ref _peakRssKb, 0);

    /// <summary>The host as built with the benchmark (compiled by the JIT at run time): the smoke test's choice.</summary>
    public static string BuiltHost => typeof(PartnerPortal.Host.Database.EmbeddedPostgres).Assembly.Location;

    /// <summary>Publishes the host as it is deployed (self-contained, one composite ReadyToRun image: ADR 0026, ADR 0057)
    /// into <c>tests/Benchmarks/bin/published-host</c> and returns its executable. Incremental: seconds when nothing changed,
    /// about five minutes on two cores when anything did (the composite image is compiled as a whole). A folder published
    /// in the framework-dependent shape before is emptied first, and so is the host's intermediate ReadyToRun output: the
    /// SDK's incremental step would otherwise reuse images compiled for the other shape, and such a host aborts at start.</summary>
    public static async Task<string> PublishAsync()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PartnerPortal.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("PartnerPortal.sln not found above " + AppContext.BaseDirectory);
        var output = Path.Combine(root.FullName, "tests", "Benchmarks", "bin", "published-host");
        if (Directory.Exists(output) && !File.Exists(Path.Combine(output, CompositeImage)))
        {
            Directory.Delete(output, recursive: true);
            var intermediate = Path.Combine(root.FullName, "src", "Host", "obj", "Release", "net10.0", RuntimeInformation.RuntimeIdentifier);
            if (Directory.Exists(intermediate)) Directory.Delete(intermediate, recursive: true);
        }
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "publish", Path.Combine(root.FullName, "src", "Host", "PartnerPortal.Host.csproj"), "-c", "Release",
                     "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "true", "-o", output, "-nologo", "-v", "quiet" })
            info.ArgumentList.Add(a);
        Console.WriteLine($"Publishing the host (ReadyToRun) to {output} …");
        using var publish = Process.Start(info)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0) throw new InvalidOperationException("dotnet publish failed: " + await stdout + await stderr);
        if (!File.Exists(Path.Combine(output, CompositeImage))) throw new InvalidOperationException($"The published host has no composite image ({CompositeImage}).");
        return Path.Combine(output, "PartnerPortal.Host");
    }

    /// <summary>The runtime's, the packages' and the host's precompiled code in one file (ADR 0057).</summary>
    private const string CompositeImage = "PartnerPortal.Host.r2r.dll";

    /// <summary>Starts the host; <paramref name="environment"/> adds settings (e.g. a module switched off).</summary>
    public static async Task<HostProcess> StartAsync(string hostAssembly, string connectionString, string bootstrapKey,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        // An assembly (the host as built) runs on the machine's runtime; the published host is its own executable.
        var dll = hostAssembly.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(dll ? "dotnet" : hostAssembly) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (dll) info.ArgumentList.Add(hostAssembly);
        info.Environment["ConnectionStrings__PartnerPortal"] = connectionString;
        info.Environment["PartnerPortal__BootstrapApiKey"] = bootstrapKey;
        info.Environment["PartnerPortal__SeedDemoData"] = "false";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // Throughput is measured here, not the per-key rate limit (the job polling alone would exceed the default).
        info.Environment["PartnerPortal__RateLimits__ApiKey__PermitLimit"] = "100000000";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var watch = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine("  host| " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine("  host| " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = host.Address };
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException("The host exited during start-up.");
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException) { }
            await Task.Delay(20);
        }
        host.StartupToReady = watch.Elapsed;
        return host;
    }

    private async Task SampleAsync()
    {
        var status = $"/proc/{_process.Id}/status";
        while (!_sampling.IsCancellationRequested && !_process.HasExited)
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(status))
                {
                    if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                    var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                    long seen;
                    do seen = Interlocked.Read(ref _peakRssKb); while (kb > seen && Interlocked.CompareExchange(ref _peakRssKb, kb, seen) != seen);
                }
            }
            catch (IOException) { }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sampling.CancelAsync();
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            await _process.WaitForExitAsync();
        }
        await _sampler;
        _process.Dispose();
        _sampling.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
