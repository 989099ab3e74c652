using System.Globalization;

namespace PartnerPortal.Benchmarks;

/// <summary>CPU seconds the host process and the PostgreSQL cluster (postmaster, its backends, and the backends that
/// have ended, which the postmaster has reaped) have used, read from <c>/proc</c>: where an ingestion's time goes on a
/// machine whose two cores both sides share. Beside them this benchmark's own process (the clients) and the seconds the
/// machine's cores stood idle (idle and waiting for I/O, summed over the cores).</summary>
public sealed record CpuSeconds(double Host, double Database, double Benchmark = 0, double Idle = 0)
{
    public static CpuSeconds operator -(CpuSeconds a, CpuSeconds b) =>
        new(a.Host - b.Host, a.Database - b.Database, a.Benchmark - b.Benchmark, a.Idle - b.Idle);

    public static CpuSeconds operator +(CpuSeconds a, CpuSeconds b) =>
        new(a.Host + b.Host, a.Database + b.Database, a.Benchmark + b.Benchmark, a.Idle + b.Idle);

    /// <summary>Now, for the host process <paramref name="hostPid"/> and the cluster in <paramref name="dataDirectory"/>
    /// (zero on a system without <c>/proc</c>).</summary>
    public static CpuSeconds Read(int hostPid, string dataDirectory)
    {
        if (PostmasterOf(dataDirectory) is not { } postmaster) return new(0, 0);
        double host = 0, database = 0;
        foreach (var (pid, s) in Processes())
        {
            if (pid == hostPid) host = s.Own;
            else if (pid == postmaster) database += s.Own + s.Reaped;
            else if (s.Parent == postmaster) database += s.Own;
        }
        // The first line of /proc/stat: "cpu  user nice system idle iowait …" in USER_HZ, summed over the cores.
        var total = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var idle = (long.Parse(total[4], CultureInfo.InvariantCulture) + long.Parse(total[5], CultureInfo.InvariantCulture)) / 100.0;
        return new(host, database, Environment.CpuUsage.TotalTime.TotalSeconds, idle);
    }

    /// <summary>The CPU seconds of one process so far (zero once it is gone, or without <c>/proc</c>).</summary>
    public static double OfProcess(int pid) => Stat(pid)?.Own ?? 0;

    /// <summary>The CPU seconds so far of each backend of the cluster in <paramref name="dataDirectory"/> that serves
    /// <paramref name="database"/> (its process title names it), by process id. What that database's connections used
    /// over a stretch is <see cref="Spent"/> between two such reads; a backend that ended meanwhile is missed, which the
    /// pooled connections of a host running through the stretch are not.</summary>
    public static IReadOnlyDictionary<int, double> BackendsOf(string dataDirectory, string database)
    {
        var backends = new Dictionary<int, double>();
        if (PostmasterOf(dataDirectory) is not { } postmaster) return backends;
        foreach (var (pid, s) in Processes())
        {
            if (s.Parent != postmaster) continue;
            string title;
            try { title = File.ReadAllText($"/proc/{pid}/cmdline"); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            // "postgres: user database host(port) state", padded with spaces or NULs.
            var words = title.Split([' ', '\0'], StringSplitOptions.RemoveEmptyEntries);
            if (words is ["postgres:", _, var name, ..] && name == database) backends[pid] = s.Own;
        }
        return backends;
    }

    /// <summary>The CPU seconds the backends of two <see cref="BackendsOf"/> reads used between them.</summary>
    public static double Spent(IReadOnlyDictionary<int, double> before, IReadOnlyDictionary<int, double> after) =>
        after.Sum(b => b.Value - before.GetValueOrDefault(b.Key));

    /// <summary>The process id of the cluster's postmaster, or null without <c>/proc</c> or a running cluster.</summary>
    private static int? PostmasterOf(string dataDirectory)
    {
        var postmasterFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!Directory.Exists("/proc") || !File.Exists(postmasterFile)) return null;
        return int.Parse(File.ReadLines(postmasterFile).First(), CultureInfo.InvariantCulture);
    }

    private static IEnumerable<(int Pid, (int Parent, double Own, double Reaped) Stat)> Processes()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } s)
                yield return (pid, s);
    }

    private static (int Parent, double Own, double Reaped)? Stat(int pid)
    {
        string line;
        try { line = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // pid (comm) state ppid … : the command may hold spaces and brackets, so the fields count from the last ')'.
        var f = line[(line.LastIndexOf(')') + 2)..].Split(' ');
        double Ticks(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture) / 100.0; // USER_HZ is 100 on Linux
        return (int.Parse(f[1], CultureInfo.InvariantCulture), Ticks(14) + Ticks(15), Ticks(16) + Ticks(17));
    }
}
