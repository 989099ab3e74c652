using System.Diagnostics;
using Hangfire;
using Marten;
using Microsoft.Extensions.Logging;
using PartnerPortal.BuildingBlocks.Jobs;

namespace PartnerPortal.Surveys;

/// <summary>The module's recalculation job (recurring <c>surveys:recalculate</c>). For now it only reports what the
/// module holds per quarter; the module's issue gives it its real work.</summary>
public sealed class SurveysRecalculation(IQuerySession session, TimeProvider clock, ILogger<SurveysRecalculation> logger)
{
    public const string RecurringJobId = "surveys:recalculate";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<RecalculationReport> RunAsync(string quarter, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var documents = await session.Query<SurveyResponse>().CountAsync(cancellationToken);
        var report = new RecalculationReport(quarter, documents, watch.ElapsedMilliseconds);
        logger.LogInformation("surveys:recalculate {Quarter}: {Documents} documents, {DurationMs} ms", quarter, documents, report.DurationMs);
        return report;
    }

    public async Task RunRecurringAsync(CancellationToken cancellationToken)
    {
        foreach (var quarter in RecalculationWindow.CurrentAndPrevious(clock))
            await RunAsync(quarter.ToString(), cancellationToken);
    }
}
