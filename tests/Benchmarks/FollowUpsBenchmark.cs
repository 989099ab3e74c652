using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using PartnerPortal.Host.Database;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Issue 20's two figures. <b>followups</b>: the same responses (a fifth of them detractors who get a case) ingested by
/// a host with FollowUps on and by one with it off (<c>PartnerPortal:Modules:FollowUps:Enabled=false</c>), alternating,
/// each trial on a fresh database of the same cluster, paired round by round with its COPY floor (ADR 0050). <b>cases</b>: one partner with
/// <c>--open-cases</c> open cases (through ingestion), its Rückmeldungen page (signed-in cookie) and the API list under wrk.
/// </summary>
public static class FollowUpsBenchmark
{
    public const double DetractorShare = 0.2;

    public const string CasesPartner = "bp-cases";

    /// <summary>One ingestion trial: API rate, the COPY rate on the same database, and the cases it opened.</summary>
    public sealed record Trial(bool FollowUps, double Rate, double CopyRate, long Cases)
    {
        public double Ratio => Rate / CopyRate;
    }

    /// <summary>The paired trial: the summed request times of the same batches sent to a host with FollowUps and one without,
    /// side by side, and the CPU seconds each side's host process and database backends used meanwhile.</summary>
    public sealed record Paired(double OnSeconds, double OffSeconds, int Batches, CpuSeconds OnCpu, CpuSeconds OffCpu, long Mails = 0)
    {
        public double Overhead => 1 - OffSeconds / OnSeconds;
    }

    public static async Task<(Trial[] Trials, int Detractors, Paired[] Paired)> IngestionAsync(string hostAssembly, EmbeddedPostgres postgres, BenchmarkOptions o)
    {
        Console.WriteLine($"Follow-ups: generating {o.FollowUpResponses:N0} responses, {DetractorShare:P0} detractors …");
        var items = SurveyGenerator.Generate(o.FollowUpResponses, o.Partners, "f", seed: 20, detractorShare: DetractorShare).ToArray();
        var detractors = items.Count(i => i.Detractor);
        var batches = BenchmarkRun.BatchBodies(items.Select(i => i.Json), o.BatchSize);
        var copyRows = BenchmarkRun.CopyRows(items, o.BatchSize);
        items = [];
        // Each host first ingests the warm-up, in the same mix.
        var warmUp = BenchmarkRun.WarmUpBatches(o, Math.Min(o.BatchSize, o.FollowUpResponses), DetractorShare);
        var trials = new List<Trial>();
        for (var t = 0; t < o.FollowUpTrials; t++)
        {
            // On and off alternate, on first in odd trials and off first in even ones (on, off, off, on, …), so neither a
            // burst of load from elsewhere on the machine nor the order of the runs favours one side.
            foreach (var on in t % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var connectionString = await FreshDatabaseAsync(postgres.ConnectionString, $"bench_followups_{(on ? "on" : "off")}_{t}");
                var environment = on ? null : new Dictionary<string, string> { ["PartnerPortal__Modules__FollowUps__Enabled"] = "false" };
                var host = await HostProcess.StartAsync(hostAssembly, connectionString, BenchmarkRun.Key, environment);
                try
                {
                    using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(10) };
                    client.DefaultRequestHeaders.Add("X-Api-Key", BenchmarkRun.Key);
                    await BenchmarkRun.CreatePartnersAsync(client, o.Partners);
                    await BenchmarkRun.PostBatchesAsync(host.Address, warmUp.Batches, o.Clients, warmUp.Count);
                    Console.WriteLine($"Follow-ups {(on ? "on" : "off")}, trial {t + 1}: {batches.Length} batches with {o.Clients} clients …");
                    var ingested = await BenchmarkRun.PairedIngestionAsync(host, connectionString, postgres.DataDirectory, batches, copyRows, o.Clients, o.FollowUpResponses);
                    var cases = on ? await OpenedAsync(client) - warmUp.Detractors : 0;
                    if (on && cases != detractors)
                        throw new InvalidOperationException($"Expected {detractors} cases to be opened, the figures say {cases}.");
                    if (!on && (await client.GetAsync("/api/v1/followups/stats?quarter=2023-Q1")).StatusCode != HttpStatusCode.NotFound)
                        throw new InvalidOperationException("FollowUps answered although it was switched off.");
                    var trial = new Trial(on, o.FollowUpResponses / ingested.Api.TotalSeconds, o.FollowUpResponses / ingested.Copy.TotalSeconds, cases);
                    Console.WriteLine($"  {trial.Rate:N0}/s vs COPY {trial.CopyRate:N0}/s = {trial.Ratio:0.00} × COPY, {cases:N0} cases");
                    trials.Add(trial);
                }
                finally
                {
                    await host.DisposeAsync();
                }
                await DropDatabaseAsync(postgres.ConnectionString, connectionString);
            }
        }
        // Passes of the side-by-side measurement, each on fresh hosts and databases: one pass moves by about ±3 points.
        var paired = new List<Paired>();
        for (var pass = 0; pass < o.FollowUpPasses; pass++)
            paired.Add(await PairedAsync(hostAssembly, postgres, o, batches, warmUp, detractors + warmUp.Detractors));
        return ([.. trials], detractors, [.. paired]);
    }

    /// <summary>
    /// Both hosts at once, each on its own fresh database of the same cluster: every client takes the next batch and sends
    /// it to one host and then to the other (which one first alternates by batch and client), timing each request. Both
    /// sides meet the same load from elsewhere on the machine at the same moments, which the alternating trials cannot
    /// promise on a machine whose speed drifts by a third within minutes; the summed request times give the overhead.
    /// </summary>
    private static async Task<Paired> PairedAsync(string hostAssembly, EmbeddedPostgres postgres, BenchmarkOptions o, byte[][] batches,
        BenchmarkRun.WarmUp warmUp, int expectedCases)
    {
        var onDatabase = await FreshDatabaseAsync(postgres.ConnectionString, PairedDatabase(on: true));
        var offDatabase = await FreshDatabaseAsync(postgres.ConnectionString, PairedDatabase(on: false));
        var onHost = await HostProcess.StartAsync(hostAssembly, onDatabase, BenchmarkRun.Key);
        var offHost = await HostProcess.StartAsync(hostAssembly, offDatabase, BenchmarkRun.Key,
            new Dictionary<string, string> { ["PartnerPortal__Modules__FollowUps__Enabled"] = "false" });
        try
        {
            foreach (var host in new[] { onHost, offHost })
            {
                using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(10) };
                client.DefaultRequestHeaders.Add("X-Api-Key", BenchmarkRun.Key);
                await BenchmarkRun.CreatePartnersAsync(client, o.Partners);
                await CreatePartnerUsersAsync(client, Math.Min(o.FollowUpUsers, o.Partners));
                await BenchmarkRun.PostBatchesAsync(host.Address, warmUp.Batches, o.Clients, warmUp.Count);
            }
            var mailsBefore = await MailCountAsync(onDatabase);
            Console.WriteLine($"Follow-ups paired: {batches.Length} batches to both hosts with {o.Clients} clients …");
            // Each side's CPU over the timed stretch: its host process and its database's backends.
            var onHostCpu = CpuSeconds.OfProcess(onHost.ProcessId);
            var offHostCpu = CpuSeconds.OfProcess(offHost.ProcessId);
            var onBackends = CpuSeconds.BackendsOf(postgres.DataDirectory, PairedDatabase(on: true));
            var offBackends = CpuSeconds.BackendsOf(postgres.DataDirectory, PairedDatabase(on: false));
            // After the warm-up both hosts hold pooled connections: none found means the backends' titles were misread.
            if (OperatingSystem.IsLinux() && (onBackends.Count == 0 || offBackends.Count == 0))
                throw new InvalidOperationException($"No backends of the paired databases were found ({onBackends.Count} on, {offBackends.Count} off).");
            long onTicks = 0, offTicks = 0;
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, o.Clients).Select(async c =>
            {
                using var on = new HttpClient { BaseAddress = onHost.Address, Timeout = TimeSpan.FromMinutes(10) };
                using var off = new HttpClient { BaseAddress = offHost.Address, Timeout = TimeSpan.FromMinutes(10) };
                on.DefaultRequestHeaders.Add("X-Api-Key", BenchmarkRun.Key);
                off.DefaultRequestHeaders.Add("X-Api-Key", BenchmarkRun.Key);
                int i;
                while ((i = Interlocked.Increment(ref next)) < batches.Length)
                {
                    var onFirst = (i + c) % 2 == 0;
                    foreach (var toOn in onFirst ? new[] { true, false } : [false, true])
                    {
                        using var content = new ByteArrayContent(batches[i]);
                        content.Headers.ContentType = new("application/json");
                        var watch = System.Diagnostics.Stopwatch.StartNew();
                        using var response = await (toOn ? on : off).PostAsync("/api/v1/surveys/responses/batch", content);
                        response.EnsureSuccessStatusCode();
                        await response.Content.ReadAsByteArrayAsync();
                        Interlocked.Add(ref toOn ? ref onTicks : ref offTicks, watch.Elapsed.Ticks);
                    }
                }
            }));
            var onCpu = new CpuSeconds(CpuSeconds.OfProcess(onHost.ProcessId) - onHostCpu,
                CpuSeconds.Spent(onBackends, CpuSeconds.BackendsOf(postgres.DataDirectory, PairedDatabase(on: true))));
            var offCpu = new CpuSeconds(CpuSeconds.OfProcess(offHost.ProcessId) - offHostCpu,
                CpuSeconds.Spent(offBackends, CpuSeconds.BackendsOf(postgres.DataDirectory, PairedDatabase(on: false))));
            using (var client = new HttpClient { BaseAddress = onHost.Address })
            {
                client.DefaultRequestHeaders.Add("X-Api-Key", BenchmarkRun.Key);
                var cases = await OpenedAsync(client);
                if (cases != expectedCases) throw new InvalidOperationException($"Expected {expectedCases} cases on the paired host, the figures say {cases}.");
            }
            var mails = await MailCountAsync(onDatabase) - mailsBefore;
            if (o.FollowUpUsers > 0 && mails == 0) throw new InvalidOperationException("The partners have logins, yet no case mail was written.");
            var paired = new Paired(TimeSpan.FromTicks(onTicks).TotalSeconds, TimeSpan.FromTicks(offTicks).TotalSeconds, batches.Length, onCpu, offCpu, mails);
            Console.WriteLine($"  on {paired.OnSeconds:0.00} s, off {paired.OffSeconds:0.00} s of requests: {100 * paired.Overhead:0.0} %, {mails:N0} mails written "
                              + $"(CPU s on: host {onCpu.Host:0.00}, database {onCpu.Database:0.00}; off: host {offCpu.Host:0.00}, database {offCpu.Database:0.00})");
            return paired;
        }
        finally
        {
            await onHost.DisposeAsync();
            await offHost.DisposeAsync();
            await DropDatabaseAsync(postgres.ConnectionString, onDatabase);
            await DropDatabaseAsync(postgres.ConnectionString, offDatabase);
        }
    }

    /// <summary>One partner login for each of the first <paramref name="count"/> partners (the default mail setting: at once).</summary>
    private static async Task CreatePartnerUsersAsync(HttpClient client, int count)
    {
        if (count == 0) return;
        Console.WriteLine($"Creating {count:N0} partner logins …");
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var response = await client.PostAsJsonAsync("/api/v1/users", new
            {
                email = $"shop{i}@benchmark.test", password = "Benchmark-Password-1", displayName = $"Shop manager {i}", role = "partner",
                partnerId = SurveyGenerator.PartnerId(i),
            }, ct);
            response.EnsureSuccessStatusCode();
        });
    }

    /// <summary>The messages in the mail outbox of the host with FollowUps.</summary>
    private static async Task<long> MailCountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from mail.outbox", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string PairedDatabase(bool on) => on ? "bench_followups_paired_on" : "bench_followups_paired_off";

    /// <summary>The cases the four quarters' figures count as opened (back office: every partner).</summary>
    private static async Task<long> OpenedAsync(HttpClient client)
    {
        long opened = 0;
        for (var q = 1; q <= 4; q++)
        {
            var stats = await client.GetFromJsonAsync<JsonElement>($"/api/v1/followups/stats?quarter=2023-Q{q}");
            opened += stats.GetProperty("opened").GetInt64();
        }
        return opened;
    }

    public static async Task<(ReadsBenchmark.Result Page, ReadsBenchmark.Result Api)> CasesAsync(string hostAssembly, EmbeddedPostgres postgres,
        BenchmarkOptions o)
    {
        var connectionString = await FreshDatabaseAsync(postgres.ConnectionString, "bench_cases");
        var host = await HostProcess.StartAsync(hostAssembly, connectionString, BenchmarkRun.Key);
        try
        {
            using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(10) };
            client.DefaultRequestHeaders.Add("X-Api-Key", BenchmarkRun.Key);
            (await client.PutAsJsonAsync($"/api/v1/partners/{CasesPartner}", new
            {
                name = "Benchmark-Partner mit Fällen",
                shops = new[] { new { shopId = "bs-cases-0", name = "Shop 0", city = "Berlin" }, new { shopId = "bs-cases-1", name = "Shop 1", city = "Berlin" } },
            })).EnsureSuccessStatusCode();
            const string email = "cases@benchmark.test", password = "Correct-Horse-42";
            (await client.PostAsJsonAsync("/api/v1/users", new { email, password, displayName = "Fälle", role = "partner", partnerId = CasesPartner }))
                .EnsureSuccessStatusCode();

            // First a history: detractors of the quarter before, stored two months ago and all worked (closed), as a partner
            // has after a while. Unworked cases are read from the partner's WorkedFloor on (ADR 0049), which the last close
            // moves past them. All but that last one are closed by SQL as a move would close them (the API would take
            // minutes), then vacuumed as autovacuum would have; the last one through the API.
            var now = DateTimeOffset.UtcNow;
            if (o.WorkedCases > 0)
            {
                var earlier = Quarter.Of(now).Previous();
                var start = new DateTimeOffset(earlier.Year, earlier.Number * 3 - 2, 2, 0, 0, 0, TimeSpan.Zero);
                Console.WriteLine($"Cases: {o.WorkedCases:N0} closed cases of {CasesPartner} in {earlier} …");
                string Worked(int i) => string.Create(CultureInfo.InvariantCulture, $"worked-{i:D8}");
                var history = Enumerable.Range(0, o.WorkedCases).Select(i => JsonSerializer.Serialize(new
                {
                    responseId = Worked(i),
                    respondedAt = start.AddMinutes(i % 80_000).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
                    segment = "private",
                    channel = "partner-shop",
                    partnerId = CasesPartner,
                    shopId = $"bs-cases-{i % 2}",
                    scores = new { brand = 5, touchpoint = i % 7 },
                })).ToArray();
                await BenchmarkRun.PostBatchesAsync(host.Address, BenchmarkRun.BatchBodies(history, o.BatchSize), o.Clients, o.WorkedCases);
                await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
                {
                    await connection.OpenAsync();
                    await using (var backdate = new Npgsql.NpgsqlCommand(
                                     "update surveys.mt_doc_surveyresponse set received_at = received_at - interval '60 days' where partner_id = $1", connection))
                    {
                        backdate.Parameters.AddWithValue(CasesPartner);
                        await backdate.ExecuteNonQueryAsync();
                    }
                    await using (var close = new Npgsql.NpgsqlCommand("""
                        insert into followups.mt_doc_followupcase (id, data, partner_id, quarter, status, due_at, opened_at, closed_at, root_cause)
                        select d.id, jsonb_build_object('id', d.id, 'responseId', d.id, 'partnerId', d.partner_id, 'shopId', d.shop_id, 'quarter', d.quarter,
                                 'score', d.touchpoint, 'respondedAt', d.responded_at, 'openedAt', d.received_at, 'dueAt', d.received_at + interval '2 days',
                                 'status', 'closed', 'startedAt', d.received_at, 'rootCause', 'advice', 'action', 'called-back', 'note', 'Zurückgerufen.',
                                 'closedAt', d.received_at + interval '1 day', 'closedBy', 'benchmark', 'moves', 2),
                               d.partner_id, d.quarter, 'closed', d.received_at + interval '2 days', d.received_at, d.received_at + interval '1 day', 'advice'
                        from surveys.detractor_responses d where d.partner_id = $1 and d.id <> $2
                        """, connection))
                    {
                        close.Parameters.AddWithValue(CasesPartner);
                        close.Parameters.AddWithValue(Worked(o.WorkedCases - 1));
                        close.CommandTimeout = 0;
                        await close.ExecuteNonQueryAsync();
                    }
                    await using var vacuum = new Npgsql.NpgsqlCommand("vacuum analyze surveys.mt_doc_surveyresponse, followups.mt_doc_followupcase", connection);
                    vacuum.CommandTimeout = 0;
                    await vacuum.ExecuteNonQueryAsync();
                }
                (await client.PostAsJsonAsync($"/api/v1/followups/{Worked(o.WorkedCases - 1)}/close",
                    new { rootCause = "advice", action = "called-back", note = "Zurückgerufen." })).EnsureSuccessStatusCode();
                var listed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/followups?partnerId={CasesPartner}&status=closed&limit=1000");
                if (listed.GetProperty("items").GetArrayLength() != Math.Min(1000, o.WorkedCases))
                    throw new InvalidOperationException($"Expected {o.WorkedCases} closed cases of {CasesPartner}.");
            }

            // Responses of the current quarter (the page's figures are the current quarter's), all detractors.
            var quarter = Quarter.Of(now);
            var from = new DateTimeOffset(quarter.Year, quarter.Number * 3 - 2, 2, 0, 0, 0, TimeSpan.Zero);
            var to = now.AddHours(-1);
            if (to <= from) from = to.AddMinutes(-1);
            Console.WriteLine($"Cases: {o.OpenCases:N0} detractor responses of {CasesPartner} in {quarter} …");
            var random = new Random(50);
            var items = Enumerable.Range(0, o.OpenCases).Select(i => JsonSerializer.Serialize(new
            {
                responseId = string.Create(CultureInfo.InvariantCulture, $"case-{i:D8}"),
                respondedAt = from.AddSeconds(random.NextDouble() * (to - from).TotalSeconds).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
                segment = "private",
                channel = "partner-shop",
                partnerId = CasesPartner,
                shopId = $"bs-cases-{i % 2}",
                scores = new { brand = random.Next(11), touchpoint = random.Next(7) },
                comment = i % 3 == 0 ? "Lange Wartezeit im Shop, niemand hat zurückgerufen." : null,
            })).ToArray();
            var batches = BenchmarkRun.BatchBodies(items, o.BatchSize);
            await BenchmarkRun.PostBatchesAsync(host.Address, batches, o.Clients, o.OpenCases);
            var stats = await client.GetFromJsonAsync<JsonElement>($"/api/v1/followups/stats?quarter={quarter}&partnerId={CasesPartner}");
            if (stats.GetProperty("open").GetInt32() != o.OpenCases)
                throw new InvalidOperationException($"Expected {o.OpenCases} open cases of {CasesPartner}, the figures say {stats}.");

            // The reads are measured in the steady state of a partner's page, not in the autovacuum and analyze that a bulk
            // load of 10,000 cases (and their 10,000 mails) sets off in the seconds after it: those are done here first. Nor
            // in the seconds until FollowUps has copied the new detractors (ADR 0064: until then they are read from the
            // newest responses, one partner's 10,000 sorted on every read): the run waits for its copy's mark to pass them.
            var copiedIn = await CopiedAsync(connectionString, CasesPartner);
            Console.WriteLine($"Cases: copied by FollowUps {copiedIn.TotalSeconds:0.0} s after the last was stored.");
            await BenchmarkRun.VacuumAnalyzeAsync(connectionString);
            var cookie = await SignInAsync(host.Address, email, password);
            var page = await ReadsBenchmark.MeasureAsync("cases page", host.Address, new Dictionary<string, string> { ["Cookie"] = cookie, [Https.Key] = Https.Value },
                "/rueckmeldungen", o.ReadSeconds, o.CasesRate);
            var api = await ReadsBenchmark.MeasureAsync("cases API", host.Address, new Dictionary<string, string> { ["X-Api-Key"] = BenchmarkRun.Key },
                $"/api/v1/followups?partnerId={CasesPartner}", o.ReadSeconds, o.CasesRate);
            return (page, api);
        }
        finally
        {
            await host.DisposeAsync();
            await DropDatabaseAsync(postgres.ConnectionString, connectionString);
        }
    }

    /// <summary>Waits until FollowUps' detractor copy holds every detractor of <paramref name="partnerId"/> (its mark past
    /// the newest one's store time) and returns how long after that store time the mark passed it.</summary>
    private static async Task<TimeSpan> CopiedAsync(string connectionString, string partnerId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // A host from before the copy (for comparisons): nothing to wait for.
        await using (var exists = new NpgsqlCommand("select to_regclass('followups.detractor_copy_mark') is not null", connection))
            if (!(bool)(await exists.ExecuteScalarAsync())!) return TimeSpan.Zero;
        await using var command = new NpgsqlCommand("""
            select m.copied_before > r.newest, clock_timestamp() - r.newest
            from (select max(received_at) newest from surveys.detractor_responses where partner_id = $1) r, followups.detractor_copy_mark m
            """, connection);
        command.Parameters.AddWithValue(partnerId);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using (var reader = await command.ExecuteReaderAsync())
                if (await reader.ReadAsync() && reader.GetBoolean(0)) return reader.GetFieldValue<TimeSpan>(1);
            if (waited.Elapsed > TimeSpan.FromMinutes(2)) throw new InvalidOperationException("FollowUps did not copy the detractors within 2 minutes.");
            await Task.Delay(100);
        }
    }

    /// <summary>As a TLS proxy on the same machine would send it (a trusted loopback proxy): pages need HTTPS for their
    /// Secure-only cookies (ADR 0036).</summary>
    public static readonly KeyValuePair<string, string> Https = new("X-Forwarded-Proto", "https");

    /// <summary>Signs in through the login form (antiforgery token from the start page) and returns the cookie header.
    /// The cookies are Secure, so they are carried by hand rather than by a cookie container over plain HTTP.</summary>
    private static async Task<string> SignInAsync(Uri address, string email, string password)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
        browser.DefaultRequestHeaders.Add(Https.Key, Https.Value);
        void Keep(HttpResponseMessage response)
        {
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';', 2)[0];
                var eq = pair.IndexOf('=');
                if (eq > 0) cookies[pair[..eq]] = pair[(eq + 1)..];
            }
        }
        string Header() => string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));
        using var start = await browser.GetAsync("/");
        if (start.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"The start page answered {(int)start.StatusCode}.");
        Keep(start);
        var html = await start.Content.ReadAsStringAsync();
        const string marker = "name=\"__RequestVerificationToken\" value=\"";
        var at = html.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException("No antiforgery token on the start page.");
        at += marker.Length;
        var token = html[at..html.IndexOf('"', at)];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = password }),
        };
        request.Headers.Add("Cookie", Header());
        using var login = await browser.SendAsync(request);
        if (login.StatusCode != HttpStatusCode.Redirect && login.StatusCode != HttpStatusCode.SeeOther)
            throw new InvalidOperationException($"The login answered {(int)login.StatusCode}.");
        Keep(login);
        return Header();
    }

    private static async Task<string> FreshDatabaseAsync(string clusterConnectionString, string name)
    {
        var admin = new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", connection)) await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"create database {name}", connection)) await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string clusterConnectionString, string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        var admin = new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
