using System.Globalization;

namespace PartnerPortal.Benchmarks;

public sealed record BenchmarkOptions(int Responses, int ScoreResponses, int Clients, int Partners, int BatchSize, string? Output, ISet<string> Skip,
    int Transactions = 1_000_000, int ReadSeconds = 30, int ReadRate = 1000, string Host = "publish", int IntegrityResponses = 2_500_000,
    ISet<string>? Only = null, int FollowUpTrials = 2, int FollowUpResponses = 200_000, int OpenCases = 10_000, int CasesRate = 100,
    int WorkedCases = 20_000, int Startups = 5, int FollowUpPasses = 3, int FollowUpUsers = 0)
{
    /// <summary>Whether a part runs: not in <c>--skip</c> and, when <c>--only</c> is given, named there.</summary>
    public bool Runs(string part) => !Skip.Contains(part) && (Only is null || Only.Count == 0 || Only.Contains(part));

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
            // publish (the default), build, or the path of a host published before (an executable or an assembly), to
            // compare two shapes of the same code (ADR 0057).
            Host: Value("--host") is { } host
                ? host is "publish" or "build" || File.Exists(host) ? host : throw new ArgumentException("--host must be publish, build or the path of a published host.")
                : "publish",
            IntegrityResponses: Int("--integrity-responses", 2_500_000),
            Only: (Value("--only") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
            FollowUpTrials: Int("--followup-trials", 2),
            FollowUpResponses: Int("--followup-responses", 200_000),
            OpenCases: Int("--open-cases", 10_000),
            CasesRate: Int("--cases-rate", 100),
            WorkedCases: Int("--worked-cases", 20_000),
            Startups: Int("--startups", 5) is var startups and >= 1 ? startups : throw new ArgumentException("--startups must be at least 1."),
            // The side-by-side follow-up overhead moves by about ±3 points between passes: its figure is their median.
            FollowUpPasses: Int("--followup-passes", 3) is var passes and >= 1 ? passes : throw new ArgumentException("--followup-passes must be at least 1."),
            // Partner logins for the side-by-side passes: one for each of the first N partners, mailed at once of every new
            // case (the default setting), so that the passes include the mail outbox's rows. 0: no logins, no mail.
            FollowUpUsers: Int("--followup-users", 0) is var users and >= 0 ? users : throw new ArgumentException("--followup-users must not be negative."));
    }
}
