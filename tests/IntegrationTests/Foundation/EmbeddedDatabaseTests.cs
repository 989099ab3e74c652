using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using PartnerPortal.Host.Database;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Foundation;

/// <summary>
/// The README's run command: with no connection string the host starts its own PostgreSQL cluster, seeds demo
/// data, serves the login page, and leaves no database server behind when it is stopped (SIGTERM, as Ctrl+C or
/// a service manager would). The data folder is reused by the next start.
/// </summary>
public sealed class EmbeddedDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_host_runs_on_its_own_cluster_and_stops_it_on_SIGTERM_and_reuses_the_data_folder()
    {
        var root = Path.Combine(Path.GetTempPath(), "partnerportal-run-" + Guid.NewGuid().ToString("N")[..8]);
        var dataDirectory = Path.Combine(root, "pgdata");
        try
        {
            var firstPort = await RunHostOnce(dataDirectory, signIn: true);
            AssertServerGone(dataDirectory, firstPort);
            var initialised = File.GetLastWriteTimeUtc(Path.Combine(dataDirectory, "PG_VERSION"));

            var secondPort = await RunHostOnce(dataDirectory, signIn: true); // demo logins still work: same data
            AssertServerGone(dataDirectory, secondPort);
            Assert.Equal(initialised, File.GetLastWriteTimeUtc(Path.Combine(dataDirectory, "PG_VERSION")));
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public void The_launcher_stops_its_server_when_disposed()
    {
        var root = Path.Combine(Path.GetTempPath(), "partnerportal-pg-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            int port;
            using (var server = EmbeddedPostgres.Start(Path.Combine(root, "pgdata"), database: "launcher_check"))
            {
                port = server.Port;
                using var connection = new NpgsqlConnection(server.ConnectionString);
                connection.Open();
                using var command = new NpgsqlCommand("select current_database()", connection);
                Assert.Equal("launcher_check", command.ExecuteScalar());
            }
            AssertServerGone(Path.Combine(root, "pgdata"), port);
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<int> RunHostOnce(string dataDirectory, bool signIn)
    {
        var hostDll = typeof(Program).Assembly.Location;
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(hostDll);
        info.Environment["ConnectionStrings__PartnerPortal"] = "";
        info.Environment.Remove("PartnerPortal__BootstrapApiKey");
        info.Environment.Remove("PartnerPortal__SeedDemoData");
        info.Environment["PartnerPortal__EmbeddedDatabase__DataDirectory"] = dataDirectory;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        int databasePort;
        try
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilReady(client, process, output);
            var login = await client.GetStringAsync("/", Ct);
            Assert.Contains("<h1>Anmelden</h1>", login, StringComparison.Ordinal);
            lock (output) Assert.Contains(Partners.Contracts.DemoLogins.PartnerEmail, output.ToString(), StringComparison.Ordinal);
            if (signIn)
            {
                var token = await PortalHost.AntiforgeryTokenAsync(client, "/");
                var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token, ["Email"] = Partners.Contracts.DemoLogins.PartnerEmail, ["Password"] = Partners.Contracts.DemoLogins.PartnerPassword,
                }), Ct);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            }
            databasePort = PostmasterPort(dataDirectory);
            await AssertDurableAsync(dataDirectory, databasePort);
        }
        finally
        {
            if (!process.HasExited)
            {
                using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync(Ct);
            }
            using var exit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            exit.CancelAfter(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(exit.Token);
        }
        Assert.Equal(0, process.ExitCode);
        return databasePort;
    }

    private static async Task WaitUntilReady(HttpClient client, Process process, System.Text.StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) lock (output) Assert.Fail("The host exited early:\n" + output);
            try
            {
                if ((await client.GetAsync("/health/ready", Ct)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200, Ct); // the host is a separate process: polling its readiness is the signal
        }
        lock (output) Assert.Fail("The host did not become ready in 90 s:\n" + output);
    }

    /// <summary>The cluster the host started for itself keeps what it commits: <c>fsync</c> and <c>synchronous_commit</c>
    /// are on (only the tests' and the benchmark's throwaway clusters turn them off).</summary>
    private static async Task AssertDurableAsync(string dataDirectory, int port)
    {
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "partnerportal", Database = "partnerportal", Pooling = false,
            Password = (await File.ReadAllTextAsync(dataDirectory + ".password", Ct)).Trim(),
        }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        foreach (var setting in new[] { "fsync", "synchronous_commit" })
        {
            await using var show = new NpgsqlCommand($"show {setting}", connection);
            Assert.Equal("on", await show.ExecuteScalarAsync(Ct));
        }
    }

    private static int PostmasterPort(string dataDirectory) =>
        int.Parse(File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"))[3], System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertServerGone(string dataDirectory, int port)
    {
        Assert.False(File.Exists(Path.Combine(dataDirectory, "postmaster.pid")), "postmaster.pid is still there: the server was left running.");
        using var socket = new TcpClient();
        Assert.ThrowsAny<SocketException>(() => socket.Connect(IPAddress.Loopback, port));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
