using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace PartnerPortal.Training.Kpis;

/// <summary>What a KPI recalculation did: stored as the job's result and logged.</summary>
internal sealed record TrainingRecalculationReport(int Year, int Documents, long DurationMs);

/// <summary>
/// Keeps the KPI documents current (recurring <c>training:recalculate</c>: this year and last year, nightly). Every
/// change that moves a KPI also requests a run for its year, so figures follow within seconds. Idempotent: a run
/// replaces the year's documents in one transaction; two runs for a year never overlap (Hangfire lock per year).
/// </summary>
internal sealed class TrainingRecalculation(IDocumentStore store, TimeProvider clock, ILogger<TrainingRecalculation> logger)
{
    public const string RecurringJobId = "training:recalculate";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<TrainingRecalculationReport> RunAsync(int year, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var session = store.LightweightSession();
        var kpis = await KpiCalculator.ComputeAsync(session, year, clock.GetUtcNow(), cancellationToken);
        session.DeleteWhere<TrainingKpi>(k => k.Year == year);
        session.Store(kpis.ToArray());
        await session.SaveChangesAsync(cancellationToken);
        var report = new TrainingRecalculationReport(year, kpis.Count, watch.ElapsedMilliseconds);
        logger.LogInformation("training:recalculate {Year}: {Documents} KPI documents, {DurationMs} ms", year, report.Documents, report.DurationMs);
        return report;
    }

    public async Task RunRecurringAsync(CancellationToken cancellationToken)
    {
        var year = BerlinTime.ToLocal(clock.GetUtcNow()).Year;
        await RunAsync(year - 1, cancellationToken);
        await RunAsync(year, cancellationToken);
    }
}

/// <summary>Requests a KPI recalculation of a year after a change (a background job, so the change itself stays fast).</summary>
internal sealed class KpiRefresh(IBackgroundJobClient jobs)
{
    public void Request(int year) => jobs.Enqueue<TrainingRecalculation>(j => j.RunAsync(year, CancellationToken.None));
}
