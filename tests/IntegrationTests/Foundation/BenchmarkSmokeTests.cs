using PartnerPortal.Benchmarks;

namespace PartnerPortal.IntegrationTests.Foundation;

/// <summary>The benchmark command (issue: "a small smoke version in the tests so it cannot rot"): every part runs end to
/// end on a tiny data set, with its own cluster and host process; the figures themselves are not judged here.</summary>
[Collection(PartnerPortal.IntegrationTests.Infrastructure.IsolatedHostCollection.Name)] // one host process at a time
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task The_benchmark_command_measures_every_part_on_a_small_data_set()
    {
        var options = BenchmarkOptions.Parse(["--responses", "3000", "--score-responses", "5000", "--transactions", "3000", "--partners", "5",
            "--integrity-responses", "40000",
            "--batch", "1000", "--read-seconds", "1", "--read-rate", "100",
            "--followup-responses", "3000", "--followup-trials", "1", "--followup-passes", "2", "--followup-users", "2", "--open-cases", "300", "--worked-cases", "200", "--cases-rate", "50",
            "--startups", "1", "--host", "build"]); // publishing ReadyToRun takes minutes on two cores; the benchmark command does it
        var report = await BenchmarkRun.RunAsync(options);
        foreach (var measure in new[]
                 {
                     "ingestion", "memory (ingestion)", "CSV import", "memory (CSV import)", "score recalculation", "statements", "integrity flags",
                     "reads (summary)", "reads (scorecards)", "start-up",
                     "ingestion (FollowUps on)", "ingestion (FollowUps off)", "follow-up overhead", "follow-up overhead (paired)", "reads (cases page)", "reads (cases API)",
                 })
            Assert.Contains($"| {measure} |", report);
        Assert.DoesNotContain("not measured", report);
        // The side-by-side follow-up overhead is the median of its passes, each listed.
        Assert.Contains("the median of 2 passes", report);
        var paired = report.Split("| follow-up overhead (paired) |")[1].Split('\n')[0];
        Assert.Equal(2, paired.Split(" s = ").Length - 1);
        // With each pass's CPU seconds per side: its host process and its database's backends.
        Assert.Equal(2, paired.Split(", database ").Length - 1);
        Assert.Contains("CPU seconds meanwhile, on vs off: host ", paired);
        // With partner logins the passes include the mails (the run fails when none is written).
        Assert.Contains("2 partners with a login mailed at once of each case (", paired);
    }
}
