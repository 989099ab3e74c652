using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.Scoring.Recalculation;
using PartnerPortal.Scoring.Scorecards;

namespace PartnerPortal.Scoring;

/// <summary>The Scoring module's whole API.</summary>
internal sealed class ScoringEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1/scoring";
    protected override string Tag => "Scoring";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapRecalculation<ScoringRecalculation>(Scopes.ScoringRecalculate,
            "Recalculate a quarter's score cards in the background; answers 202 with the job id.",
            quarter => j => j.RunAsync(quarter, CancellationToken.None));

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
