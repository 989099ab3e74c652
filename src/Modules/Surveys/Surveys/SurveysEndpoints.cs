using Microsoft.AspNetCore.Mvc;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.Surveys.Ingestion;
using PartnerPortal.Surveys.Listing;
using PartnerPortal.Surveys.Trust;

namespace PartnerPortal.Surveys;

/// <summary>The Surveys module's whole API.</summary>
internal sealed class SurveysEndpoints : ApiModule
{
    /// <summary>10,000 responses with 2,000-character comments fit comfortably.</summary>
    private const long BatchBodyLimit = 64L * 1024 * 1024;

    protected override string BasePath => "/api/v1/surveys";
    protected override string Tag => "Surveys";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapPost("/responses", PostResponse.Handle)
            .RequireScope(Scopes.SurveysWrite)
            .WithSummary("Store one survey response: 201 accepted, 200 duplicate, 409 conflict, 400 invalid.")
            .Accepts<SurveyResponseRequest>("application/json")
            .Produces<ItemResult>(StatusCodes.Status201Created)
            .Produces<ItemResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/responses/batch", PostResponseBatch.Handle)
            .RequireScope(Scopes.SurveysWrite)
            .WithSummary("Store up to 10,000 responses; one result per item, in order.")
            .Accepts<SurveyBatchRequest>("application/json")
            .Produces<BatchResult>()
            .ProducesValidationProblem()
            .WithMetadata(new RequestSizeLimitAttribute(BatchBodyLimit));

        api.MapPost("/responses/import", CsvImport.Handle)
            .RequireScope(Scopes.SurveysWrite)
            .WithSummary("Import a vendor CSV export of any size; the batch result is streamed back.")
            .Accepts<string>("text/csv")
            .Produces<BatchResult>()
            .ProducesValidationProblem()
            .WithMetadata(new DisableRequestSizeLimitAttribute());

        api.MapGet("/responses", ListResponses.Handle)
            .RequireScope(Scopes.SurveysRead)
            .WithSummary("Responses, newest first, with filters and cursor paging (a partner sees its own only).")
            .Produces<ResponsePage>()
            .ProducesValidationProblem();

        api.MapGet("/responses/{responseId}", GetResponse.Handle)
            .RequireScope(Scopes.SurveysRead)
            .WithSummary("One response.")
            .Produces<ResponseView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/responses/{responseId}/quarantine", QuarantineResponse.Put)
            .RequireScope(Scopes.SurveysReview)
            .RequireUnboundCaller()
            .WithSummary("Quarantine a response (back office, with a note): it leaves every score card and statement; its quarter is recalculated.")
            .Produces<ResponseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/responses/{responseId}/quarantine", ReleaseQuarantine.Delete)
            .RequireScope(Scopes.SurveysReview)
            .RequireUnboundCaller()
            .WithSummary("Release a quarantined response (back office, with a note); its quarter is recalculated.")
            .Produces<ResponseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/responses/{responseId}/appeals", FileAppeal.Post)
            .RequireScope(Scopes.SurveysAppeal)
            .WithSummary("Appeal a response that counts for your partner, once, inside the appeal window (DOMAIN.md \"Trust in the score\").")
            .Produces<Trust.AppealView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/appeals", ListAppeals.Handle)
            .RequireScope(Scopes.SurveysRead)
            .WithSummary("Appeals, oldest first, with filters and cursor paging (a partner sees its own only).")
            .Produces<Trust.AppealPage>()
            .ProducesValidationProblem();

        api.MapGet("/appeals/{appealId}", GetAppeal.Handle)
            .RequireScope(Scopes.SurveysRead)
            .WithSummary("One appeal.")
            .Produces<Trust.AppealView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/appeals/{appealId}/decision", DecideAppeal.Post)
            .RequireScope(Scopes.SurveysReview)
            .RequireUnboundCaller()
            .WithSummary("Decide an open appeal (back office): accepted excludes the response and recalculates its quarter; rejected needs a note. Final.")
            .Produces<Trust.AppealView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/integrity", GetIntegrity.Handle)
            .RequireScope(Scopes.SurveysReview)
            .RequireUnboundCaller()
            .WithSummary("Integrity flags of a quarter per partner, as of the last run of the job surveys:integrity (back office).")
            .Produces<Trust.IntegrityView>()
            .ProducesValidationProblem();

        api.MapRecalculation<Trust.IntegrityRecalculation>(Scopes.SurveysReview,
            "Compute a quarter's integrity flags now, in the background; answers 202 with the job id.",
            quarter => j => j.RunAsync(quarter, CancellationToken.None), "/integrity/recalculations");
    }
}
