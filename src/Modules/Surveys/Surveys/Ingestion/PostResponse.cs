using PartnerPortal.Surveys.Contracts;
using System.ComponentModel.DataAnnotations;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>The wire shape of one response (for the OpenAPI document; bodies are read leniently, item by item,
/// so a wrong type in one item rejects that item only).</summary>
internal sealed record SurveyResponseRequest(
    string ResponseId, DateTimeOffset RespondedAt, [OneOf(typeof(Segments))] string Segment, [OneOf(typeof(Channels))] string Channel,
    [ApiOptional] string? PartnerId, [ApiOptional] string? ShopId, [ApiOptional] string? TransactionId, ScoresRequest Scores,
    [ApiOptional, MaxLength(2000)] string? Comment);

/// <summary>At least one score; each 0–10.</summary>
internal sealed record ScoresRequest([ApiOptional, Range(0, 10)] int? Brand, [ApiOptional, Range(0, 10)] int? Product, [ApiOptional, Range(0, 10)] int? Touchpoint);

/// <summary><c>POST /api/v1/surveys/responses</c>: one response, 201 when stored, 200 when stored already with the same content.</summary>
internal static class PostResponse
{
    public static async Task<IResult> Handle(HttpRequest request, SurveyIngestion ingestion, CancellationToken ct)
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
}
