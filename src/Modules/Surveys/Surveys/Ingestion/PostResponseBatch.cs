
namespace PartnerPortal.Surveys.Ingestion;

internal sealed record SurveyBatchRequest(IReadOnlyList<SurveyResponseRequest> Items);

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
