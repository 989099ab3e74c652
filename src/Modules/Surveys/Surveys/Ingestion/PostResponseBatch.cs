using System.ComponentModel.DataAnnotations;

namespace PartnerPortal.Surveys.Ingestion;

[ApiExample("""
    { "items": [
        { "responseId": "r-1", "respondedAt": "2023-05-02T10:15:00+02:00", "segment": "private", "channel": "partner-shop",
          "partnerId": "p-1001", "shopId": "s-1001-1", "transactionId": "t-1", "scores": { "brand": 9, "product": 8, "touchpoint": 10 },
          "comment": "Sehr gute Beratung" },
        { "responseId": "r-2", "respondedAt": "2023-05-02T11:00:00+02:00", "segment": "business", "channel": "hotline",
          "scores": { "touchpoint": 3 } } ] }
    """)]
internal sealed record SurveyBatchRequest([MaxLength(10000)] IReadOnlyList<SurveyResponseRequest> Items);

/// <summary><c>POST /api/v1/surveys/responses/batch</c>: up to the batch limit, one answer per item.</summary>
internal static class PostResponseBatch
{
    public static async Task<IResult> Handle(HttpRequest request, SurveyIngestion ingestion, CancellationToken ct)
    {
        var (inputs, problem) = await ResponseJson.ReadBatchAsync(request, ct);
        if (problem is not null) return problem;
        return TypedResults.Ok(BatchResult.From(await ingestion.IngestAsync(inputs!, 0, ct)));
    }
}
