using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>The wire shape of one response (for the OpenAPI document; bodies are read leniently, item by item,
/// so a wrong type in one item rejects that item only).</summary>
public sealed record SurveyResponseRequest(
    string ResponseId, DateTimeOffset RespondedAt, string Segment, string Channel, string? PartnerId, string? ShopId,
    string? TransactionId, ScoresRequest Scores, string? Comment);

public sealed record ScoresRequest(int? Brand, int? Product, int? Touchpoint);

public sealed record SurveyBatchRequest(IReadOnlyList<SurveyResponseRequest> Items);

/// <summary><c>POST /api/v1/surveys/responses</c> and <c>…/batch</c>.</summary>
internal static class IngestEndpoints
{
    public static async Task<IResult> PostOne(HttpRequest request, SurveyIngestion ingestion, CancellationToken ct)
    {
        var (input, problem) = await ResponseJson.ReadOneAsync(request, ct);
        if (problem is not null) return problem;
        var result = (await ingestion.IngestAsync([input!], 0, ct))[0];
        return result.Status switch
        {
            ItemStatus.Accepted => TypedResults.Created($"/api/v1/surveys/responses/{Uri.EscapeDataString(result.Id!)}", result),
            ItemStatus.Duplicate => TypedResults.Ok(result),
            ItemStatus.Conflict => Problems.Conflict(result.Errors!["responseId"][0]),
            _ => Problems.Validation(result.Errors!),
        };
    }

    public static async Task<IResult> PostBatch(HttpRequest request, SurveyIngestion ingestion, CancellationToken ct)
    {
        var (inputs, problem) = await ResponseJson.ReadBatchAsync(request, ct);
        if (problem is not null) return problem;
        return TypedResults.Ok(BatchResult.From(await ingestion.IngestAsync(inputs!, 0, ct)));
    }
}
