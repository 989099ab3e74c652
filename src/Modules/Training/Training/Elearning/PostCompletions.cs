using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Training.Kpis;

namespace PartnerPortal.Training.Elearning;

// The documented shape of the batch (OpenAPI); the body itself is read item by item (BatchJson).
internal sealed record CompletionItem(string CompletionId, string PartnerId, string PersonId, string CourseId, DateTimeOffset CompletedAt);

[ApiExample("""
    { "items": [ { "completionId": "c-1", "partnerId": "p-1001", "personId": "person-17", "courseId": "course-pitch-basics", "completedAt": "2023-03-08T14:20:00+01:00" } ] }
    """)]
internal sealed record CompletionBatch([MaxLength(10000)] IReadOnlyList<CompletionItem> Items);

/// <summary><c>POST /api/v1/training/elearning-completions/batch</c>: up to 10,000 completions, validated item by item, stored
/// once per completion id; one result per item.</summary>
internal static class PostCompletions
{
    public static async Task<BatchResult> HandleAsync(IReadOnlyList<JsonElement> items, Caller caller, IDocumentStore store, IPartnerDirectory partners,
        KpiRefresh kpis, TimeProvider clock, CancellationToken ct)
    {
        var known = await partners.FindManyAsync(items.Select(e => BatchJson.String(e, "partnerId", new ValidationErrors())).OfType<string>(), ct);
        var receivedAt = clock.GetUtcNow();
        var batch = items.Select(e => Validate(e, known, caller, receivedAt)).ToArray();
        var results = await StoreOnce.StoreAsync(store, batch, "completionId", c => c.Id, c => c.ContentHash, ct);
        foreach (var year in batch.Where(b => b.Document is not null).Select(b => b.Document!.Year).Distinct()) kpis.Request(year);
        return BatchResult.From(results);
    }

    public static async Task<IResult> Endpoint(HttpRequest request, Caller caller, IDocumentStore store, IPartnerDirectory partners, KpiRefresh kpis,
        TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await BatchJson.ReadItemsAsync(request, ct);
        if (problem is not null) return problem;
        using var _ = body;
        var items = body!.RootElement.GetProperty("items").EnumerateArray().ToArray();
        return TypedResults.Ok(await HandleAsync(items, caller, store, partners, kpis, clock, ct));
    }

    private static BatchItem<ElearningCompletion> Validate(JsonElement e, IReadOnlyDictionary<string, PartnerInfo> partners, Caller caller, DateTimeOffset receivedAt)
    {
        var errors = new ValidationErrors();
        if (e.ValueKind != JsonValueKind.Object) return new(null, null, errors.Add("item", "Each item must be a JSON object.").ToDictionary());
        var id = BatchJson.String(e, "completionId", errors);
        var partnerId = BatchJson.String(e, "partnerId", errors);
        var personId = BatchJson.String(e, "personId", errors);
        var courseId = BatchJson.String(e, "courseId", errors);
        var completedText = BatchJson.String(e, "completedAt", errors);
        BatchJson.Id(errors, "completionId", id);
        if (partnerId is null) errors.Add("partnerId", "'partnerId' is required.");
        else BatchJson.KnownPartner(errors, partnerId, partners, caller, "completions");
        errors.Identifier("personId", personId, 128);
        errors.Identifier("courseId", courseId, 128);
        errors.Timestamp("completedAt", completedText, out var completedAt);
        if (!errors.IsValid) return new(id, null, errors.ToDictionary());
        return new(id, new ElearningCompletion
        {
            Id = id!, PartnerId = partnerId!, PersonId = personId!, CourseId = courseId!, CompletedAt = completedAt,
            Year = BerlinTime.ToLocal(completedAt).Year,
            ContentHash = ContentHash.Of(id, partnerId, personId, courseId, ContentHash.Instant(completedAt)),
            ReceivedAt = receivedAt,
        }, null);
    }
}
