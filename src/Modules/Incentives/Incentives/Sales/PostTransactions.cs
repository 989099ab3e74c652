using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Incentives.Sales;

// The documented shape of the batch (OpenAPI); the body itself is read item by item (BatchJson).
internal sealed record TransactionItem(string TransactionId, string PartnerId, [ApiOptional] string? ShopId, [OneOf("mobile", "fixed")] string Category, DateTimeOffset OccurredAt);

[ApiExample("""
    { "items": [ { "transactionId": "t-1", "partnerId": "p-1001", "shopId": "s-1001-1", "category": "mobile", "occurredAt": "2023-04-12T09:30:00+02:00" },
                 { "transactionId": "t-2", "partnerId": "p-1001", "category": "fixed", "occurredAt": "2023-04-13T16:05:00+02:00" } ] }
    """)]
internal sealed record TransactionBatch([MaxLength(10000)] IReadOnlyList<TransactionItem> Items);

/// <summary><c>POST /api/v1/incentives/transactions/batch</c>: up to 10,000 sales transactions, validated item by item like
/// survey responses, stored once per transaction id; one result per item.</summary>
internal static class PostTransactions
{
    public static async Task<BatchResult> HandleAsync(IReadOnlyList<JsonElement> items, Caller caller, IDocumentStore store, IPartnerDirectory partners,
        TimeProvider clock, CancellationToken ct)
    {
        var known = await partners.FindManyAsync(items.Select(e => BatchJson.String(e, "partnerId", new ValidationErrors())).OfType<string>(), ct);
        var receivedAt = clock.GetUtcNow();
        var batch = items.Select(e => Validate(e, known, caller, receivedAt)).ToArray();
        return BatchResult.From(await StoreOnce.StoreAsync(store, batch, "transactionId", t => t.Id, t => t.ContentHash, ct));
    }

    public static async Task<IResult> Endpoint(HttpRequest request, Caller caller, IDocumentStore store, IPartnerDirectory partners,
        TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await BatchJson.ReadItemsAsync(request, ct);
        if (problem is not null) return problem;
        using var _ = body;
        var items = body!.RootElement.GetProperty("items").EnumerateArray().ToArray();
        return TypedResults.Ok(await HandleAsync(items, caller, store, partners, clock, ct));
    }

    private static BatchItem<SalesTransaction> Validate(JsonElement e, IReadOnlyDictionary<string, PartnerInfo> partners, Caller caller, DateTimeOffset receivedAt)
    {
        var errors = new ValidationErrors();
        if (e.ValueKind != JsonValueKind.Object) return new(null, null, errors.Add("item", "Each item must be a JSON object.").ToDictionary());
        var id = BatchJson.String(e, "transactionId", errors);
        var partnerId = BatchJson.String(e, "partnerId", errors);
        var shopId = BatchJson.String(e, "shopId", errors);
        var category = BatchJson.String(e, "category", errors);
        var occurredText = BatchJson.String(e, "occurredAt", errors);
        BatchJson.Id(errors, "transactionId", id);
        PartnerInfo? partner = null;
        if (partnerId is null) errors.Add("partnerId", "'partnerId' is required.");
        else partner = BatchJson.KnownPartner(errors, partnerId, partners, caller, "transactions");
        if (shopId is not null && !Identifiers.IsValid(shopId)) errors.Add("shopId", $"'shopId' may contain {Identifiers.Rule}.");
        else if (shopId is not null && partner is not null && !partner.HasShop(shopId))
            errors.Add("shopId", $"Shop '{shopId}' does not belong to partner '{partnerId}'.");
        if (category is not ("mobile" or "fixed")) errors.Add("category", "'category' must be 'mobile' or 'fixed'.");
        errors.Timestamp("occurredAt", occurredText, out var occurredAt);
        if (!errors.IsValid) return new(id, null, errors.ToDictionary());
        return new(id, new SalesTransaction
        {
            Id = id!, PartnerId = partnerId!, ShopId = shopId, Category = category!, OccurredAt = occurredAt,
            Quarter = Quarter.Of(occurredAt).ToString(),
            ContentHash = ContentHash.Of(id, partnerId, shopId, category, ContentHash.Instant(occurredAt)),
            ReceivedAt = receivedAt,
        }, null);
    }
}
