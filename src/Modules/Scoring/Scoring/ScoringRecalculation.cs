using System.Diagnostics;
using Hangfire;
using Marten;
using Microsoft.Extensions.Logging;
using PartnerPortal.BuildingBlocks.Jobs;

namespace PartnerPortal.Scoring;

/// <summary>The module's recalculation job (recurring <c>scoring:recalculate</c>). For now it only reports what the
/// module holds per quarter; the module's issue gives it its real work.</summary>
public sealed class ScoringRecalculation(IQuerySession session, TimeProvider clock, ILogger<ScoringRecalculation> logger)
{
    public const string RecurringJobId = "scoring:recalculate";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<RecalculationReport> RunAsync(string quarter, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var documents = await session.Query<ScoreCard>().CountAsync(cancellationToken);
        var report = new RecalculationReport(quarter, documents, watch.ElapsedMilliseconds);
        logger.LogInformation("scoring:recalculate {Quarter}: {Documents} documents, {DurationMs} ms", quarter, documents, report.DurationMs);
        return report;
    }

    public async Task RunRecurringAsync(CancellationToken cancellationToken)
    {
        foreach (var quarter in RecalculationWindow.CurrentAndPrevious(clock))
            await RunAsync(quarter.ToString(), cancellationToken);
    }
}
