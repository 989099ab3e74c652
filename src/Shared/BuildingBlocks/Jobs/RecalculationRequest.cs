using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.BuildingBlocks.Jobs;

/// <summary>The body of <c>POST …/recalculations</c>: <c>{ "quarter": "2023-Q2" }</c>.</summary>
public sealed record RecalculationRequest(string? Quarter)
{
    internal const string Message = "'quarter' must be a quarter of the form YYYY-Qn, e.g. 2023-Q2.";

    public bool TryGetQuarter(out Quarter quarter, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        return errors.Quarter("quarter", Quarter, out quarter); // within the supported dates (ADR 0030)
    }
}

/// <summary>The quarters a nightly recalculation covers: the current one and the one before (Berlin time).</summary>
public static class RecalculationWindow
{
    public static Quarter[] CurrentAndPrevious(TimeProvider clock)
    {
        var current = Quarter.Of(clock.GetUtcNow());
        return [current.Previous(), current];
    }
}

/// <summary>The <c>POST …/recalculations</c> endpoint every recalculating module offers.</summary>
public static class RecalculationEndpoint
{
    /// <summary>Maps <c>POST /recalculations</c> <c>{ quarter }</c>: validates the quarter, enqueues
    /// <paramref name="job"/> for it, answers 202 with the job id; needs <paramref name="scope"/>, which also
    /// lets the caller read the job. Partner-bound callers are refused: the job recalculates every partner.</summary>
    public static RouteHandlerBuilder MapRecalculation<TJob>(this IEndpointRouteBuilder api, string scope, string summary,
        Func<string, Expression<Func<TJob, Task>>> job, string pattern = "/recalculations") =>
        api.MapPost(pattern, async (RecalculationRequest? request, JobLauncher jobs, Caller caller, Marten.IDocumentStore store,
                TimeProvider clock, CancellationToken ct) =>
            {
                if (request is null) return Problems.Validation("quarter", RecalculationRequest.Message);
                if (!request.TryGetQuarter(out var quarter, out var errors)) return Problems.Validation(errors.ToDictionary());
                var jobId = jobs.Enqueue(job(quarter.ToString()), scope);
                await Audit.AuditLog.RecordAsync(store, caller.Actor, clock.GetUtcNow(), Audit.AuditActions.RecalculationStarted,
                    $"{typeof(TJob).Name} {quarter}", $"job {jobId} through the API", null, ct);
                return (IResult)JobLauncher.Accepted(jobId);
            })
            .RequireScope(scope)
            .RequireUnboundCaller() // a recalculation touches every partner's figures
            .WithSummary(summary)
            .Produces<JobAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
}
