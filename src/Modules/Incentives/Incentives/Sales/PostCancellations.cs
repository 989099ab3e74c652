using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using PartnerPortal.BuildingBlocks.Data;

namespace PartnerPortal.Incentives.Sales;

// The documented shape of the batch (OpenAPI); the body itself is read item by item (BatchJson).
internal sealed record CancellationItem(string TransactionId, DateTimeOffset CancelledAt);

[ApiExample("""
    { "items": [ { "transactionId": "t-1", "cancelledAt": "2023-07-03T12:00:00+02:00" } ] }
    """)]
internal sealed record CancellationBatch([MaxLength(10000)] IReadOnlyList<CancellationItem> Items);

/// <summary><c>POST /api/v1/incentives/cancellations/batch</c>: up to 10,000 cancellations of known transactions, validated
/// item by item, stored once per transaction id (a second cancellation of a transaction is a duplicate).</summary>
internal static class PostCancellations
{
    public static async Task<BatchResult> HandleAsync(IReadOnlyList<JsonElement> items, Caller caller, IDocumentStore store, TimeProvider clock,
        CancellationToken ct)
    {
        var ids = items.Select(e => BatchJson.String(e, "transactionId", new ValidationErrors())).OfType<string>().Distinct().ToArray();
        Dictionary<string, SalesTransaction> transactions;
        await using (var session = store.QuerySession())
            transactions = ids.Length == 0 ? [] : (await session.LoadManyAsync<SalesTransaction>(ct, ids)).ToDictionary(t => t.Id, StringComparer.Ordinal);
        var receivedAt = clock.GetUtcNow();
        var batch = items.Select(e => Validate(e, transactions, caller, receivedAt)).ToArray();
        return BatchResult.From(await StoreOnce.StoreAsync(store, batch, "transactionId", c => c.Id, c => c.ContentHash, ct));
    }

    public static async Task<IResult> Endpoint(HttpRequest request, Caller caller, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await BatchJson.ReadItemsAsync(request, ct);
        if (problem is not null) return problem;
        using var _ = body;
        var items = body!.RootElement.GetProperty("items").EnumerateArray().ToArray();
        return TypedResults.Ok(await HandleAsync(items, caller, store, clock, ct));
    }

    private static BatchItem<Cancellation> Validate(JsonElement e, IReadOnlyDictionary<string, SalesTransaction> transactions, Caller caller, DateTimeOffset receivedAt)
    {
        var errors = new ValidationErrors();
        if (e.ValueKind != JsonValueKind.Object) return new(null, null, errors.Add("item", "Each item must be a JSON object.").ToDictionary());
        var id = BatchJson.String(e, "transactionId", errors);
        var cancelledText = BatchJson.String(e, "cancelledAt", errors);
        SalesTransaction? transaction = null;
        if (BatchJson.Id(errors, "transactionId", id)
            && (!transactions.TryGetValue(id!, out transaction) || !caller.CanAccessPartner(transaction.PartnerId)))
        {
            transaction = null;
            errors.Add("transactionId", $"Transaction '{id}' is not known: only stored transactions can be cancelled.");
        }
        if (errors.Timestamp("cancelledAt", cancelledText, out var cancelledAt) && transaction is not null && cancelledAt < transaction.OccurredAt)
            errors.Add("cancelledAt", $"'cancelledAt' must not precede the transaction's occurredAt ({transaction.OccurredAt:O}).");
        if (!errors.IsValid) return new(id, null, errors.ToDictionary());
        return new(id, new Cancellation
        {
            Id = id!, PartnerId = transaction!.PartnerId, Category = transaction.Category, CancelledAt = cancelledAt,
            Quarter = Quarter.Of(cancelledAt).ToString(), TransactionQuarter = transaction.Quarter,
            ContentHash = ContentHash.Of(id, ContentHash.Instant(cancelledAt)),
            ReceivedAt = receivedAt,
        }, null);
    }
}
