using System.Globalization;

namespace PartnerPortal.Benchmarks;

public sealed record BenchmarkOptions(int Responses, int ScoreResponses, int Clients, int Partners, int BatchSize, string? Output, ISet<string> Skip,
    int Transactions = 1_000_000, int ReadSeconds = 30, int ReadRate = 1000, string Host = "publish", int IntegrityResponses = 2_500_000)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchmarkOptions(
            Responses: Int("--responses", 1_000_000),
            ScoreResponses: Int("--score-responses", 10_000_000),
            Clients: Int("--clients", 2),
            Partners: Int("--partners", 1_000),
            BatchSize: Int("--batch", 10_000),
            Output: Value("--out"),
            Skip: (Value("--skip") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
            Transactions: Int("--transactions", 1_000_000),
            ReadSeconds: Int("--read-seconds", 30),
            ReadRate: Int("--read-rate", 1000),
            Host: Value("--host") is { } host ? host is "publish" or "build" ? host : throw new ArgumentException("--host must be publish or build.") : "publish",
            IntegrityResponses: Int("--integrity-responses", 2_500_000));
    }
}
