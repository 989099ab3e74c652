using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.BuildingBlocks.Jobs;

namespace PartnerPortal.Training.Kpis;

internal sealed record YearRecalculationRequest([System.ComponentModel.DataAnnotations.Range(2000, 2100)] int? Year);

/// <summary><c>POST /api/v1/training/recalculations { year }</c>: back office starts <c>training:recalculate</c> for a year
/// (audited); answers 202 with the job id.</summary>
internal static class RequestRecalculation
{
    /// <summary>The job's id, or the field error.</summary>
    public static async Task<Outcome<string>> HandleAsync(YearRecalculationRequest? request, JobLauncher jobs, Caller caller, IDocumentStore store,
        TimeProvider clock, CancellationToken ct)
    {
        if (request?.Year is not { } year || !SharedKernel.SupportedDates.Contains(year))
            return Outcome<string>.Invalid("year", $"'year' must be {SharedKernel.SupportedDates.YearExpected}.");
        var jobId = jobs.Enqueue<TrainingRecalculation>(j => j.RunAsync(year, CancellationToken.None), SharedKernel.Scopes.TrainingAdmin);
        await AuditLog.RecordAsync(store, caller.Actor, clock.GetUtcNow(), AuditActions.RecalculationStarted, $"{nameof(TrainingRecalculation)} {year}",
            $"job {jobId} through the API", null, ct);
        return Outcome<string>.Done(jobId);
    }

    public static async Task<IResult> Endpoint(YearRecalculationRequest? request, JobLauncher jobs, Caller caller, IDocumentStore store,
        TimeProvider clock, CancellationToken ct)
    {
        var outcome = await HandleAsync(request, jobs, caller, store, clock, ct);
        return outcome.Succeeded ? JobLauncher.Accepted(outcome.Value!) : Problems.Validation(outcome.Errors!);
    }
}
