using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Scoring.Recalculation;
using PartnerPortal.Scoring.Scorecards;
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
            .WithSummary("Recalculate a quarter's score cards in the background; answers 202 with the job id.")
            .Produces<JobAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();

        api.MapGet("/scorecards", ListScoreCards.Handle)
            .RequireScope(Scopes.ScoresRead)
            .WithSummary("Score cards of a quarter, filtered by dimension, segment, scope, partner, shop or channel.")
            .Produces<ScoreCardList>()
            .ProducesValidationProblem();

        api.MapGet("/partners/{partnerId}/summary", PartnerSummary.Handle)
            .RequireScope(Scopes.ScoresRead)
            .WithSummary("A partner's three NPS figures, benchmarks, percentile rank and four-quarter trend.")
            .Produces<PartnerSummaryView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
