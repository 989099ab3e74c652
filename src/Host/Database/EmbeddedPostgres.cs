using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace PartnerPortal.Host.Database;

/// <summary>
/// A private PostgreSQL cluster run from the machine's own binaries (<c>initdb</c>/<c>pg_ctl</c> on PATH or under
/// <c>/usr/lib/postgresql/*/bin</c>; through <c>runuser -u postgres</c> when running as root). The data folder is
/// reused across runs; <see cref="Dispose"/> stops the server. Nothing is downloaded. Used by the host when no
/// connection string is configured, and by the tests for their throwaway cluster.
/// </summary>
public sealed class EmbeddedPostgres : IDisposable
{
    private const string User = "partnerportal";
    private readonly string _binDirectory;
    private readonly bool _asPostgresUser;
    private int _stopped;

    private EmbeddedPostgres(string dataDirectory, string binDirectory, bool asPostgresUser, int port, string password, string database)
    {
        DataDirectory = dataDirectory;
        _binDirectory = binDirectory;
        _asPostgresUser = asPostgresUser;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = User, Password = password, Database = database,
        }.ConnectionString;
    }

    public string DataDirectory { get; }
    public int Port { get; }
    public string ConnectionString { get; }

    /// <summary>Initialises the cluster when the folder is new, (re)starts the server on a free port (or on
    /// <paramref name="port"/>: tests restart a stopped cluster where its clients expect it), and makes sure
    /// <paramref name="database"/> exists. The server runs durably (<c>fsync</c> and <c>synchronous_commit</c> on: a
    /// committed change survives a power cut); only a <paramref name="throwaway"/> cluster (the tests', the benchmark's,
    /// deleted after the run) turns them off for speed.</summary>
    public static EmbeddedPostgres Start(string dataDirectory, string database = "partnerportal", Action<string>? log = null, int? port = null,
        bool throwaway = false)
    {
        var binDirectory = FindBinaries();
        var asPostgresUser = Environment.UserName == "root";
        dataDirectory = Path.GetFullPath(dataDirectory);
        var passwordFile = dataDirectory + ".password";
        Directory.CreateDirectory(dataDirectory);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            log?.Invoke($"Creating a PostgreSQL cluster in {dataDirectory} ({binDirectory}).");
            var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            File.WriteAllText(passwordFile, password);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var initPasswordFile = Path.Combine(Path.GetTempPath(), $"pp-initdb-{Guid.NewGuid():N}");
            File.WriteAllText(initPasswordFile, password);
            try
            {
                if (asPostgresUser) Chown(initPasswordFile, dataDirectory);
                RunTool(binDirectory, asPostgresUser, "initdb", "-D", dataDirectory, "-U", User, "--pwfile", initPasswordFile,
                    "-E", "UTF8", "--no-locale", "--auth-host=scram-sha-256", "--auth-local=trust");
            }
            finally
            {
                File.Delete(initPasswordFile);
            }
        }
        else if (asPostgresUser)
        {
            Chown(dataDirectory);
        }

        var server = new EmbeddedPostgres(dataDirectory, binDirectory, asPostgresUser, port ?? FreePort(),
            File.ReadAllText(passwordFile).Trim(), database);
        server.StopServer(); // a server left behind by a killed host: stop it, then start on a fresh port
        log?.Invoke($"Starting PostgreSQL on 127.0.0.1:{server.Port}.");
        server.Pg("start", "-w", "-t", "60", "-l", Path.Combine(dataDirectory, "server.log"),
            "-o", $"-p {server.Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200" +
            (throwaway ? " -c fsync=off -c synchronous_commit=off" : ""));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        server.EnsureDatabase();
        return server;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0) StopServer();
    }

    private void EnsureDatabase() => EnsureDatabase(ConnectionString);

    private static void EnsureDatabase(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(admin.ConnectionString);
        connection.Open();
        using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection);
        exists.Parameters.AddWithValue(target.Database!);
        if (exists.ExecuteScalar() is not null) return;
        using var create = new NpgsqlCommand($"create database \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        create.ExecuteNonQuery();
    }

    private void StopServer()
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))) return;
        NpgsqlConnection.ClearAllPools();
        TryRunTool(_binDirectory, _asPostgresUser, "pg_ctl", "stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60");
    }

    private void Pg(params string[] args) => RunTool(_binDirectory, _asPostgresUser, "pg_ctl", ["-D", DataDirectory, .. args]);

    /// <summary>The folder holding initdb and pg_ctl: PATH first, then the newest /usr/lib/postgresql/*/bin.</summary>
    public static string FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                    .Select(d => Path.Combine(d, "bin"))
                : []);
        foreach (var dir in candidates)
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres")))
                return dir;
        }
        throw new InvalidOperationException(
            "No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found on PATH or under /usr/lib/postgresql/*/bin. " +
            "Install them (Debian/Ubuntu: 'sudo apt-get install -y postgresql'; Fedora: 'sudo dnf install postgresql-server'; " +
            "macOS: 'brew install postgresql@16'), or set ConnectionStrings__PartnerPortal to an existing database.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Chown(params string[] paths)
    {
        foreach (var path in paths) RunProcess("chown", ["-R", "postgres:postgres", path]);
    }

    private static void RunTool(string binDirectory, bool asPostgresUser, string tool, params string[] args)
    {
        var (code, output) = TryRunTool(binDirectory, asPostgresUser, tool, args);
        if (code != 0) throw new InvalidOperationException($"{tool} failed with exit code {code}:{Environment.NewLine}{output}");
    }

    private static (int Code, string Output) TryRunTool(string binDirectory, bool asPostgresUser, string tool, params string[] args)
    {
        var path = Path.Combine(binDirectory, tool);
        return asPostgresUser ? RunProcess("runuser", ["-u", "postgres", "--", path, .. args]) : RunProcess(path, args);
    }

    private static (int Code, string Output) RunProcess(string file, string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
