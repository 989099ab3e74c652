using System.Diagnostics;
using Hangfire;
using Marten;
using Microsoft.Extensions.Logging;
using PartnerPortal.BuildingBlocks.Jobs;

namespace PartnerPortal.Training;

/// <summary>The module's recalculation job (recurring <c>training:recalculate</c>). For now it only reports what the
/// module holds per quarter; the module's issue gives it its real work.</summary>
public sealed class TrainingRecalculation(IQuerySession session, TimeProvider clock, ILogger<TrainingRecalculation> logger)
{
    public const string RecurringJobId = "training:recalculate";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<RecalculationReport> RunAsync(string quarter, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var documents = await session.Query<TrainingKpi>().CountAsync(cancellationToken);
        var report = new RecalculationReport(quarter, documents, watch.ElapsedMilliseconds);
        logger.LogInformation("training:recalculate {Quarter}: {Documents} documents, {DurationMs} ms", quarter, documents, report.DurationMs);
        return report;
    }

    public async Task RunRecurringAsync(CancellationToken cancellationToken)
    {
        foreach (var quarter in RecalculationWindow.CurrentAndPrevious(clock))
            await RunAsync(quarter.ToString(), cancellationToken);
    }
}
