using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Host.Database;

namespace PartnerPortal.Benchmarks;

/// <summary>Starts a throwaway PostgreSQL and the real host, then measures each product path against its
/// physical floor in the same run on the same machine.</summary>
public static class BenchmarkRun
{
    internal const string Key = "benchmark-bootstrap-key-0000";

    /// <summary>The middle value (the mean of the two middle ones for an even count).</summary>
    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Vacuums and analyzes the whole database, so that a measurement after a bulk load does not meet the
    /// autovacuum and analyze the load sets off.</summary>
    internal static async Task VacuumAnalyzeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var vacuum = new NpgsqlCommand("vacuum analyze", connection) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
    }

    public static async Task<string> RunAsync(BenchmarkOptions o)
    {
        var root = Path.Combine(Path.GetTempPath(), "partnerportal-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var rows = new List<string[]>();
        try
        {
            var hostAssembly = o.Host switch { "build" => HostProcess.BuiltHost, "publish" => await HostProcess.PublishAsync(), var path => Path.GetFullPath(path) };
            using var postgres = EmbeddedPostgres.Start(Path.Combine(root, "pgdata"), database: "partnerportal_bench", log: Console.WriteLine, throwaway: true);
            if (o.Runs("ingestion"))
            {
            var host = await HostProcess.StartAsync(hostAssembly, postgres.ConnectionString, Key);
            try
            {
                using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(10) };
                client.DefaultRequestHeaders.Add("X-Api-Key", Key);
                await CreatePartnersAsync(client, o.Partners);

                Console.WriteLine($"Generating {o.Responses:N0} responses …");
                var items = SurveyGenerator.Generate(o.Responses, o.Partners, "r").ToArray();
                var batches = BatchBodies(items.Select(i => i.Json), o.BatchSize);
                var copyRows = CopyRows(items, o.BatchSize);
                items = [];
                var warmUp = WarmUpBatches(o, o.BatchSize);
                await PostBatchesAsync(host.Address, warmUp.Batches, o.Clients, warmUp.Count);
                GC.Collect();

                Console.WriteLine($"Ingestion: {batches.Length} batches through the API with {o.Clients} clients, each round beside a COPY of its documents …");
                host.ResetPeak();
                var paired = await PairedIngestionAsync(host, postgres.ConnectionString, postgres.DataDirectory, batches, copyRows, o.Clients, o.Responses);
                var ingestRss = host.PeakRssMb;
                var apiRate = o.Responses / paired.Api.TotalSeconds;
                var copyRate = o.Responses / paired.Copy.TotalSeconds;
                rows.Add(["ingestion", $"{o.Responses:N0} responses via batch endpoint ({o.Clients} clients) vs COPY into a plain table with a primary key, paired: "
                    + $"{paired.Rounds} rounds of {o.Clients} batches, each round's batches through the API and its documents by COPY one after the other (alternating which first), times summed",
                    $"{apiRate:N0}/s vs {copyRate:N0}/s = {apiRate / copyRate:0.00} × COPY (CPU seconds while ingesting: host {paired.Cpu.Host:0.0}, database {paired.Cpu.Database:0.0}, "
                    + $"this benchmark {paired.Cpu.Benchmark:0.0}, idle {paired.Cpu.Idle:0.0}; while COPYing: database {paired.CopyCpu.Database:0.0}, this benchmark {paired.CopyCpu.Benchmark:0.0}, idle {paired.CopyCpu.Idle:0.0})",
                    "≥ 0.5 × COPY", apiRate / copyRate >= 0.5 ? "yes" : "no"]);
                rows.Add(["memory (ingestion)", "peak RSS of the host while ingesting", $"{ingestRss:N0} MB", "≤ 400 MB", ingestRss <= 400 ? "yes" : "no"]);
                batches = [];
                copyRows = [];
                GC.Collect();

                if (o.Runs("csv"))
                {
                Console.WriteLine($"CSV import of {o.Responses:N0} rows, streamed …");
                host.ResetPeak();
                var csv = await ImportCsvAsync(client, o.Responses, o.Partners);
                var csvRss = host.PeakRssMb;
                rows.Add(["CSV import", $"{o.Responses:N0}-row file, streamed in and out", $"{o.Responses / csv.TotalSeconds:N0} rows/s", "—", "—"]);
                rows.Add(["memory (CSV import)", "peak RSS of the host while importing", $"{csvRss:N0} MB", "≤ 400 MB", csvRss <= 400 ? "yes" : "no"]);
                }

                if (o.Runs("scoring"))
                {
                    await ScoringBenchmark.SeedAsync(postgres.ConnectionString, o.ScoreResponses, o.Partners);
                    Console.WriteLine("Score recalculation of 4 quarters through the API, then the SQL floor …");
                    var recalculation = await ScoringBenchmark.RecalculateAsync(client);
                    var floor = await ScoringBenchmark.FloorAsync(postgres.ConnectionString);
                    var ratio = recalculation.TotalSeconds / floor.TotalSeconds;
                    rows.Add(["score recalculation", $"all score cards of 4 quarters over {o.ScoreResponses:N0} responses (API → Hangfire jobs) vs one plain GROUP BY per quarter computing the finest counts",
                        $"{recalculation.TotalSeconds:0.0} s vs {floor.TotalSeconds:0.0} s = {ratio:0.00} × SQL", "≤ 1.5 × SQL", ratio <= 1.5 ? "yes" : "no"]);
                }

                if (o.Runs("statements"))
                {
                    await StatementsBenchmark.SeedAsync(postgres.ConnectionString, client, o.Transactions, o.Partners);
                    Console.WriteLine("Statements of the quarter through the API …");
                    var (elapsed, statements) = await StatementsBenchmark.RecalculateAsync(client);
                    rows.Add(["statements", $"{statements:N0} partners' statements of {StatementsBenchmark.Quarter} over {o.Transactions:N0} transactions (1 % cancelled), API → Hangfire job",
                        $"{elapsed.TotalSeconds:0.0} s", "≤ 10 s", elapsed.TotalSeconds <= 10 ? "yes" : "no"]);
                }

                if (o.Runs("reads"))
                {
                    if (!ReadsBenchmark.Available)
                        rows.Add(["reads", "wrk is not installed (apt-get install wrk)", "—", "p99 ≤ 10 ms", "not measured"]);
                    else
                    {
                        foreach (var r in await ReadsBenchmark.RunAsync(host.Address, Key, o.Partners, o.ReadSeconds, o.ReadRate, $"{ScoringBenchmark.Year}-Q4"))
                        {
                            rows.Add([$"reads ({r.Endpoint})", $"GET …/{(r.Endpoint == "summary" ? "scoring/partners/{id}/summary" : "scoring/scorecards?partnerId={id}")} for {o.Partners:N0} partners in turn, ~{o.ReadRate:N0} req/s for {o.ReadSeconds} s after an uncounted warm-up (wrk, 20 connections)",
                                $"{r.RequestsPerSecond:N0} req/s, p50 {r.P50Ms:0.0} ms, p99 {r.P99Ms:0.0} ms, {r.Errors} errors (warm-up pass, every partner once: p99 {r.ColdP99Ms:0.0} ms)", "p99 ≤ 10 ms", r.P99Ms <= 10 && r.Errors == 0 ? "yes" : "no"]);
                        }
                    }
                }

                if (o.Runs("integrity"))
                {
                    await IntegrityBenchmark.SeedAsync(postgres.ConnectionString, o.IntegrityResponses, o.Partners);
                    Console.WriteLine("Integrity flags of the quarter through the API, then the SQL floor …");
                    var (job, jobTotals) = await IntegrityBenchmark.RunAsync(client);
                    var (floor, floorTotals) = await IntegrityBenchmark.FloorAsync(postgres.ConnectionString);
                    if (!jobTotals.SequenceEqual(floorTotals))
                        throw new InvalidOperationException($"The job and the SQL floor disagree: {IntegrityBenchmark.Describe(jobTotals)} vs {IntegrityBenchmark.Describe(floorTotals)}.");
                    var ratio = job.TotalSeconds / floor.TotalSeconds;
                    rows.Add(["integrity flags", $"the six flags of {IntegrityBenchmark.Quarter} over {o.IntegrityResponses:N0} responses and their transactions (API → Hangfire job; the transactions through Incentives' query interface) vs one SQL statement computing the same flags by hand ({IntegrityBenchmark.Describe(floorTotals)})",
                        $"{job.TotalSeconds:0.0} s vs {floor.TotalSeconds:0.0} s = {ratio:0.00} × SQL", "≤ 2 × SQL", ratio <= 2 ? "yes" : "no"]);
                }
            }
            finally
            {
                await host.DisposeAsync();
            }

            // One start is one draw from a machine whose speed drifts: the median of several, every one listed (ADR 0057).
            // The database is vacuumed first, so autovacuum's work on the rows just ingested does not run beside the starts.
            Console.WriteLine($"Start-up on the existing database (vacuumed), {o.Startups} times …");
            await VacuumAnalyzeAsync(postgres.ConnectionString);
            var startups = new List<double>();
            for (var i = 0; i < o.Startups; i++)
            {
                var again = await HostProcess.StartAsync(hostAssembly, postgres.ConnectionString, Key);
                startups.Add(again.StartupToReady.TotalSeconds);
                await again.DisposeAsync();
            }
            var median = Median(startups);
            rows.Add(["start-up", $"{o.Host switch { "build" => "host as built (JIT)", "publish" => "published host (self-contained, one composite ReadyToRun image)", var path => $"the host at {path}" }} process to /health/ready on an existing database (vacuumed after the ingestion), median of {o.Startups} starts",
                $"{median:0.00} s (each: {string.Join(", ", startups.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))} s)", "≤ 2 s", median <= 2 ? "yes" : "no"]);
            }

            if (o.Runs("followups")) rows.AddRange(FollowUpRows(o, await FollowUpsBenchmark.IngestionAsync(hostAssembly, postgres, o)));

            if (o.Runs("cases"))
            {
                if (!ReadsBenchmark.Available)
                    rows.Add(["reads (cases)", "wrk is not installed (apt-get install wrk)", "—", "p99 ≤ 50 ms", "not measured"]);
                else
                {
                    var (page, api) = await FollowUpsBenchmark.CasesAsync(hostAssembly, postgres, o);
                    foreach (var (r, what) in new[] { (page, "the partner's Rückmeldungen page /rueckmeldungen (signed-in cookie; 25 cases, oldest due first, and the quarter's figures)"),
                                 (api, $"GET /api/v1/followups?partnerId={FollowUpsBenchmark.CasesPartner} (API key; first 100 cases)") })
                        rows.Add([$"reads ({r.Endpoint})", $"{what} with {o.OpenCases:N0} open cases of one partner (after {o.WorkedCases:N0} closed ones of the quarter before), ~{o.CasesRate:N0} req/s for {o.ReadSeconds} s after an uncounted warm-up (wrk, 20 connections)",
                            $"{r.RequestsPerSecond:N0} req/s, p50 {r.P50Ms:0.0} ms, p99 {r.P99Ms:0.0} ms, {r.Errors} errors (first request: {r.ColdP99Ms:0.0} ms)", "p99 ≤ 50 ms", r.P99Ms <= 50 && r.Errors == 0 ? "yes" : "no"]);
                }
            }
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
        return Render(o, rows);
    }

    internal static async Task CreatePartnersAsync(HttpClient client, int partners)
    {
        Console.WriteLine($"Creating {partners:N0} partners …");
        await Parallel.ForEachAsync(Enumerable.Range(0, partners), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var response = await client.PutAsJsonAsync($"/api/v1/partners/{SurveyGenerator.PartnerId(i)}", new
            {
                name = $"Benchmark-Partner {i}",
                shops = new[] { 0, 1 }.Select(s => new { shopId = SurveyGenerator.ShopId(i, s), name = $"Shop {s}", city = "Berlin" }),
            }, ct);
            response.EnsureSuccessStatusCode();
        });
    }

    /// <summary>The bodies of <c>POST /api/v1/surveys/responses/batch</c>: the items' JSON, <paramref name="batchSize"/> to a body.</summary>
    internal static byte[][] BatchBodies(IEnumerable<string> itemJson, int batchSize) =>
        itemJson.Chunk(batchSize).Select(chunk => Encoding.UTF8.GetBytes("{\"items\":[" + string.Join(',', chunk) + "]}")).ToArray();

    /// <summary>One uncounted batch per client of other responses (ids <c>w-…</c>, the same every run), for a host to ingest
    /// before it is timed: the timed part then measures ingestion, not the JIT, the connection pool, the partner cache and
    /// the first pages of a fresh database. The headline and the follow-up trials warm up alike.</summary>
    internal sealed record WarmUp(byte[][] Batches, int Count, int Detractors);

    internal static WarmUp WarmUpBatches(BenchmarkOptions o, int batchSize, double? detractorShare = null)
    {
        var items = SurveyGenerator.Generate(o.Clients * batchSize, o.Partners, "w", seed: 21, detractorShare: detractorShare).ToArray();
        return new WarmUp(BatchBodies(items.Select(i => i.Json), batchSize), items.Length, items.Count(i => i.Detractor));
    }

    /// <summary>Posts the batches with <paramref name="clients"/> clients, untimed (set-up and warm-up), and checks that all
    /// <paramref name="expected"/> responses were accepted.</summary>
    internal static async Task PostBatchesAsync(Uri address, byte[][] batches, int clients, int expected)
    {
        var queue = new ConcurrentQueue<byte[]>(batches);
        var accepted = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(10) };
            client.DefaultRequestHeaders.Add("X-Api-Key", Key);
            while (queue.TryDequeue(out var batch)) Interlocked.Add(ref accepted, await PostBatchAsync(client, batch));
        }));
        if (accepted != expected) throw new InvalidOperationException($"Expected {expected} accepted responses, got {accepted}.");
    }

    /// <summary>What <see cref="PairedIngestionAsync"/> measured: the summed wall times of the API's and the COPY's halves
    /// of every round, and the CPU seconds of host, database and this benchmark, and the idle seconds, in each.</summary>
    internal sealed record PairedIngestion(TimeSpan Api, TimeSpan Copy, int Rounds, CpuSeconds Cpu, CpuSeconds CopyCpu);

    /// <summary>
    /// Ingestion against its floor on the same machine at the same moment: the batches go in rounds of one per client;
    /// each round's batches are posted through the API (the clients in parallel) and the same documents are written by
    /// one binary COPY into a plain table with a primary key, one after the other, alternating which goes first. This
    /// machine's speed drifts by a third within minutes, so an API run followed by a COPY run compared two machines;
    /// rounds of a fraction of a second each meet the same one.
    /// </summary>
    internal static async Task<PairedIngestion> PairedIngestionAsync(HostProcess host, string connectionString, string dataDirectory, byte[][] batches,
        byte[][] copyRows, int clients, int expected)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("drop table if exists bench_copy; create table bench_copy (id varchar primary key, data jsonb not null)", connection))
            await create.ExecuteNonQueryAsync();
        var http = Enumerable.Range(0, clients).Select(_ => new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(10) }).ToArray();
        foreach (var c in http) c.DefaultRequestHeaders.Add("X-Api-Key", Key);
        TimeSpan api = TimeSpan.Zero, copy = TimeSpan.Zero;
        CpuSeconds apiCpu = new(0, 0), copyCpu = new(0, 0);
        var accepted = 0;
        var rounds = 0;
        try
        {
            for (var first = 0; first < batches.Length; first += clients, rounds++)
            {
                var round = Enumerable.Range(first, Math.Min(clients, batches.Length - first)).ToArray();
                foreach (var viaApi in rounds % 2 == 0 ? new[] { true, false } : [false, true])
                {
                    var cpuBefore = CpuSeconds.Read(host.ProcessId, dataDirectory);
                    var watch = Stopwatch.StartNew();
                    if (viaApi)
                    {
                        var counts = await Task.WhenAll(round.Select((b, i) => PostBatchAsync(http[i], batches[b])));
                        watch.Stop();
                        accepted += counts.Sum();
                        api += watch.Elapsed;
                        apiCpu += (CpuSeconds.Read(host.ProcessId, dataDirectory) - cpuBefore);
                    }
                    else
                    {
                        await CopyAsync(connection, "bench_copy", round.Select(b => copyRows[b]));
                        watch.Stop();
                        copy += watch.Elapsed;
                        copyCpu += (CpuSeconds.Read(host.ProcessId, dataDirectory) - cpuBefore);
                    }
                }
            }
        }
        finally
        {
            foreach (var c in http) c.Dispose();
        }
        if (accepted != expected) throw new InvalidOperationException($"Expected {expected} accepted responses, got {accepted}.");
        await using (var drop = new NpgsqlCommand("drop table bench_copy", connection)) await drop.ExecuteNonQueryAsync();
        return new PairedIngestion(api, copy, rounds, apiCpu, copyCpu);
    }

    private static async Task<int> PostBatchAsync(HttpClient client, byte[] batch)
    {
        using var content = new ByteArrayContent(batch);
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync("/api/v1/surveys/responses/batch", content);
        response.EnsureSuccessStatusCode();
        using var result = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return result.RootElement.GetProperty("accepted").GetInt32();
    }

    /// <summary>
    /// The floor's rows (id, document) of each batch in PostgreSQL's binary COPY format, encoded before the clock starts,
    /// so the floor's client only hands bytes over (as generous to the floor as a client can be). The generated items, a
    /// million objects with their strings, are then let go: this process's own collections competed with the host and
    /// the database for the same two cores while the API was timed (ADR 0051).
    /// </summary>
    internal static byte[][] CopyRows(IEnumerable<SurveyGenerator.Item> items, int batchSize) =>
        items.Chunk(batchSize).Select(batch =>
        {
            var rows = new BinaryCopyRows();
            foreach (var item in batch)
            {
                rows.Row(2);
                rows.Text(item.Id);
                rows.Jsonb(Encoding.UTF8.GetBytes(item.Json));
            }
            return rows.Written.ToArray();
        }).ToArray();

    private static async Task CopyAsync(NpgsqlConnection connection, string table, IEnumerable<byte[]> batches)
    {
        await using var copy = await connection.BeginRawBinaryCopyAsync($"copy {table} (id, data) from stdin (format binary)");
        var frame = new BinaryCopyRows();
        frame.Header();
        await copy.WriteAsync(frame.Written);
        frame.Reset();
        foreach (var rows in batches) await copy.WriteAsync(rows);
        await frame.FinishAsync(copy, CancellationToken.None);
    }

    private static async Task<TimeSpan> ImportCsvAsync(HttpClient client, int count, int partners)
    {
        var watch = Stopwatch.StartNew();
        using var content = new CsvContent(count, partners);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/surveys/responses/import") { Content = content };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        // The counts come first; the per-row results are drained, not held.
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        var first = await body.ReadAtLeastAsync(buffer, 200, throwOnEndOfStream: false);
        var head = Encoding.UTF8.GetString(buffer, 0, first);
        while (await body.ReadAsync(buffer) > 0) { }
        watch.Stop();
        if (!head.StartsWith($"{{\"accepted\":{count},", StringComparison.Ordinal))
            throw new InvalidOperationException("The CSV import did not accept every row: " + head[..Math.Min(200, head.Length)]);
        return watch.Elapsed;
    }

    /// <summary>A CSV body generated while it is sent, so the client holds no file either.</summary>
    private sealed class CsvContent : HttpContent
    {
        private readonly int _count;
        private readonly int _partners;

        public CsvContent(int count, int partners)
        {
            _count = count;
            _partners = partners;
            Headers.ContentType = new("text/csv") { CharSet = "utf-8" };
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            await writer.WriteAsync(SurveyGenerator.CsvHeader);
            foreach (var item in SurveyGenerator.Generate(_count, _partners, "csv", seed: 7)) await writer.WriteAsync(item.Csv);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Ingestion with FollowUps on and off: every trial's rate and its ratio to COPY, paired round by round as the
    /// headline (ADR 0050), and the overhead of opening cases as the drop of the mean ratio (the mean rates compare trials
    /// minutes apart on a drifting machine: shown, not judged).</summary>
    private static IEnumerable<string[]> FollowUpRows(BenchmarkOptions o, (FollowUpsBenchmark.Trial[] Trials, int Detractors, FollowUpsBenchmark.Paired[] Paired) result)
    {
        string Describe(bool on) => string.Join("; ", result.Trials.Where(t => t.FollowUps == on)
            .Select(t => $"{t.Rate:N0}/s vs {t.CopyRate:N0}/s = {t.Ratio:0.00} × COPY"));
        double Mean(bool on) => result.Trials.Where(t => t.FollowUps == on).Average(t => t.Ratio);
        double MinRatio(bool on) => result.Trials.Where(t => t.FollowUps == on).Min(t => t.Ratio);
        // --followup-trials 0 measures the side-by-side passes alone: no trial rows then.
        if (result.Trials.Length > 0)
            foreach (var row in TrialRows()) yield return row;
        var passes = result.Paired;
        var median = Median(passes.Select(p => p.Overhead).ToArray());
        yield return ["follow-up overhead (paired)", $"the same {passes[0].Batches} batches sent to a host with FollowUps and to one without, side by side ({o.Clients} clients, each batch to both, alternating which first): 1 − off ÷ on summed request time; the median of {passes.Length} passes, each on fresh hosts and databases"
                + (o.FollowUpUsers > 0 ? $"; {Math.Min(o.FollowUpUsers, o.Partners):N0} partners with a login mailed at once of each case ({string.Join(", ", passes.Select(p => $"{p.Mails:N0}"))} mails written)" : "; no partner logins, so no mail"),
            $"{100 * median:0.0} % ({string.Join("; ", passes.Select(p => $"on {p.OnSeconds:0.00} s, off {p.OffSeconds:0.00} s = {100 * p.Overhead:0.0} %"))}; "
            + $"CPU seconds meanwhile, on vs off: {string.Join("; ", passes.Select(p => $"host {p.OnCpu.Host:0.0} vs {p.OffCpu.Host:0.0}, database {p.OnCpu.Database:0.0} vs {p.OffCpu.Database:0.0}"))})",
            "≤ 10 %", median <= 0.10 ? "yes" : "no"];

        IEnumerable<string[]> TrialRows()
        {
            var what = $"{o.FollowUpResponses:N0} responses ({result.Detractors:N0} = {100.0 * result.Detractors / o.FollowUpResponses:0.0} % detractors: partner shop, touchpoint 0–6) via batch endpoint ({o.Clients} clients), fresh database per trial, vs COPY paired round by round as the headline";
            yield return ["ingestion (FollowUps on)", what + $", {result.Detractors:N0} cases opened per trial", Describe(true), "≥ 0.5 × COPY", MinRatio(true) >= 0.5 ? "yes" : "no"];
            yield return ["ingestion (FollowUps off)", what + " (PartnerPortal:Modules:FollowUps:Enabled=false)", Describe(false), "≥ 0.5 × COPY", MinRatio(false) >= 0.5 ? "yes" : "no"];
            double MeanRate(bool on) => result.Trials.Where(t => t.FollowUps == on).Average(t => t.Rate);
            var byRatio = 100 * (1 - Mean(true) / Mean(false));
            var byRate = 100 * (1 - MeanRate(true) / MeanRate(false));
            yield return ["follow-up overhead", $"1 − (FollowUps on ÷ off) by the mean paired ratio to COPY ({o.FollowUpTrials} trials each, alternating); the mean rates beside it compare trials minutes apart, for information",
                $"{Mean(true):0.00} vs {Mean(false):0.00} × COPY = {byRatio:0.0} % (rates {MeanRate(true):N0}/s vs {MeanRate(false):N0}/s = {byRate:0.0} %)", "≤ 10 %",
                byRatio <= 10 ? "yes" : "no"];
        }
    }

    private static string Render(BenchmarkOptions o, List<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Benchmarks");
        sb.AppendLine();
        var skip = (o.Skip.Count > 0 ? $" --skip {string.Join(',', o.Skip)}" : "") + (o.Only is { Count: > 0 } only ? $" --only {string.Join(',', only)}" : "")
            + (o.Runs("followups") ? $" --followup-responses {o.FollowUpResponses} --followup-trials {o.FollowUpTrials} --followup-passes {o.FollowUpPasses}" + (o.FollowUpUsers > 0 ? $" --followup-users {o.FollowUpUsers}" : "") : "")
            + (o.Runs("cases") ? $" --open-cases {o.OpenCases} --worked-cases {o.WorkedCases} --cases-rate {o.CasesRate}" : "")
            + (o.Runs("ingestion") ? $" --startups {o.Startups}" : "");
        sb.AppendLine(CultureInfo.InvariantCulture, $"`dotnet run --project tests/Benchmarks -c Release -- --responses {o.Responses} --score-responses {o.ScoreResponses} --transactions {o.Transactions} --partners {o.Partners} --clients {o.Clients} --batch {o.BatchSize} --integrity-responses {o.IntegrityResponses} --read-seconds {o.ReadSeconds} --read-rate {o.ReadRate} --host {o.Host}{skip}` · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · .NET {Environment.Version} · PostgreSQL from the machine's binaries (a throwaway cluster: fsync off)");
        sb.AppendLine();
        sb.AppendLine("| measure | how | result | target | met |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var r in rows) sb.AppendLine("| " + string.Join(" | ", r) + " |");
        return sb.ToString();
    }
}
