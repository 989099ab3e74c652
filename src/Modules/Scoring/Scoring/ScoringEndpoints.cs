using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Scoring;

/// <summary>The Scoring module's whole API.</summary>
internal sealed class ScoringEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1/scoring";
    protected override string Tag => "Scoring";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapPost("/recalculations", (RecalculationRequest? request, JobLauncher jobs) =>
            {
                if (request is null || !request.TryGetQuarter(out var quarter, out var errors))
                    return Problems.Validation("quarter", "'quarter' must be a quarter of the form YYYY-Qn, e.g. 2023-Q2.");
                var jobId = jobs.Enqueue<ScoringRecalculation>(j => j.RunAsync(quarter.ToString(), CancellationToken.None), Scopes.ScoringRecalculate);
                return (IResult)JobLauncher.Accepted(jobId);
            })
            .RequireScope(Scopes.ScoringRecalculate)
            .WithSummary("Recalculate a quarter in the background; answers 202 with the job id.")
            .Produces<JobAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
    }
}
