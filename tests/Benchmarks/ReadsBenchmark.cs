using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Reads under a steady load with wrk (Debian's package): the partner summary and the partner's score cards, for all
/// benchmark partners in turn, at about <c>rate</c> requests per second for <c>seconds</c>. Debian's wrk has no
/// constant-rate option, so a Lua script paces each connection (<c>delay()</c>); wrk's latency excludes that pause.
/// </summary>
public static partial class ReadsBenchmark
{
    /// <summary>One measured run; <see cref="ColdP99Ms"/> is the warm-up's p99 (first request of every partner), reported beside it.</summary>
    public sealed record Result(string Endpoint, double RequestsPerSecond, double P50Ms, double P99Ms, long Errors, double ColdP99Ms = 0);

    public static bool Available => File.Exists("/usr/bin/wrk") || (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':').Any(p => File.Exists(Path.Combine(p, "wrk")));

    public static async Task<Result[]> RunAsync(Uri address, string key, int partners, int seconds, int rate, string quarter)
    {
        var results = new List<Result>();
        foreach (var (name, path) in new (string, Func<string, string>)[]
        {
            ("summary", p => $"/api/v1/scoring/partners/{p}/summary?quarter={quarter}"),
            ("scorecards", p => $"/api/v1/scoring/scorecards?quarter={quarter}&partnerId={p}"),
        })
        {
            var script = await ScriptAsync(name, new Dictionary<string, string> { ["X-Api-Key"] = key },
                Enumerable.Range(0, partners).Select(i => path(SurveyGenerator.PartnerId(i))), rate);
            try
            {
                // Every partner once (their summaries built and cached), then wrk for a few seconds (the code paths
                // compiled at their final tier); neither is counted. wrk alone did not reach every partner: misses cost
                // milliseconds, so its pace fell and each of its threads walked only part of the list.
                Console.WriteLine($"Reads: {name}, warm-up: every partner once, then {WarmUpSeconds} s of wrk (not counted) …");
                var cold = await EveryPartnerOnceAsync(address, key, partners, path);
                await WrkAsync(script, WarmUpSeconds, address);
                Console.WriteLine($"  every partner once: p50 {cold.P50Ms:0.0} ms, p99 {cold.P99Ms:0.0} ms");
                Console.WriteLine($"Reads: {name} at ~{rate}/s for {seconds} s with wrk …");
                results.Add((await WrkAsync(script, seconds, address)) with { Endpoint = name, ColdP99Ms = cold.P99Ms });
            }
            finally
            {
                File.Delete(script);
            }
        }
        return [.. results];
    }

    private const int Connections = 20;

    /// <summary>A wrk script sending <paramref name="paths"/> in turn with <paramref name="headers"/> (an API key or a
    /// sign-in cookie), paced to about <paramref name="rate"/> requests per second over all connections.</summary>
    private static async Task<string> ScriptAsync(string name, IReadOnlyDictionary<string, string> headers, IEnumerable<string> paths, int rate)
    {
        var script = Path.Combine(Path.GetTempPath(), $"partnerportal-wrk-{name}-{Guid.NewGuid():N}.lua");
        var sb = new StringBuilder();
        // Long brackets: a cookie's value is taken as it is.
        foreach (var (header, value) in headers) sb.AppendLine(CultureInfo.InvariantCulture, $"wrk.headers[\"{header}\"] = [==[{value}]==]");
        sb.AppendLine("local paths = {");
        foreach (var path in paths) sb.AppendLine(CultureInfo.InvariantCulture, $"  \"{path}\",");
        sb.AppendLine("}");
        sb.AppendLine("local n = math.random(1, #paths)");
        sb.AppendLine("request = function() n = n % #paths + 1; return wrk.format(\"GET\", paths[n]) end");
        // Each connection waits so that all of them together send about `rate` requests per second.
        sb.AppendLine(CultureInfo.InvariantCulture, $"delay = function() return {Connections * 1000 / rate} end");
        sb.AppendLine("done = function(summary, latency, requests) io.write(string.format(\"RESULT %d %d %d %.0f %.0f\\n\", summary.requests, summary.duration, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, latency:percentile(50), latency:percentile(99))) end");
        await File.WriteAllTextAsync(script, sb.ToString());
        return script;
    }

    /// <summary>One path (<paramref name="name"/>) with fixed headers: the first request alone (reported as the cold
    /// figure), <see cref="WarmUpSeconds"/> of wrk not counted, then <paramref name="seconds"/> of wrk at about
    /// <paramref name="rate"/> requests per second.</summary>
    public static async Task<Result> MeasureAsync(string name, Uri address, IReadOnlyDictionary<string, string> headers, string path, int seconds, int rate)
    {
        // No redirects followed: a sign-in page instead of the page must fail here (wrk would count a 302 as an answer).
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
        foreach (var (header, value) in headers) client.DefaultRequestHeaders.Add(header, value);
        var started = Stopwatch.GetTimestamp();
        using (var first = await client.GetAsync(path))
        {
            await first.Content.ReadAsByteArrayAsync();
            if (first.StatusCode != System.Net.HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} answered {(int)first.StatusCode}.");
        }
        var cold = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var script = await ScriptAsync(name, headers, [path], rate);
        try
        {
            Console.WriteLine($"Reads: {name}, {WarmUpSeconds} s of wrk (not counted), then ~{rate}/s for {seconds} s …");
            await WrkAsync(script, WarmUpSeconds, address);
            return (await WrkAsync(script, seconds, address)) with { Endpoint = name, ColdP99Ms = cold };
        }
        finally
        {
            File.Delete(script);
        }
    }

    private const int WarmUpSeconds = 3;

    /// <summary>Each partner's path once, four at a time, timed per request (the first, uncached read of each).</summary>
    private static async Task<Result> EveryPartnerOnceAsync(Uri address, string key, int partners, Func<string, string> path)
    {
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var times = new double[partners];
        long errors = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, partners), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path(SurveyGenerator.PartnerId(i)), ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
        });
        Array.Sort(times);
        double Percentile(double p) => times[Math.Min(partners - 1, (int)Math.Ceiling(p / 100 * partners) - 1)];
        return new Result("", partners / watch.Elapsed.TotalSeconds, Percentile(50), Percentile(99), errors);
    }

    private static async Task<Result> WrkAsync(string script, int seconds, Uri address)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-t2", $"-c{Connections}", $"-d{seconds}s", "--timeout", "5s", "-s", script, address.ToString().TrimEnd('/') })
            info.ArgumentList.Add(a);
        using var wrk = Process.Start(info)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var m = ResultLine().Match(output);
        if (!m.Success) throw new InvalidOperationException("wrk printed no result: " + output + await wrk.StandardError.ReadToEndAsync());
        double N(int g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        return new Result("", N(1) / (N(2) / 1e6), N(4) / 1000, N(5) / 1000, (long)N(3));
    }

    [GeneratedRegex(@"RESULT (\d+) (\d+) (\d+) (\d+) (\d+)")]
    private static partial Regex ResultLine();
}
