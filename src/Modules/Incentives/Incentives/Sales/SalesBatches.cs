using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Incentives.Sales;

public sealed record TransactionItem(string TransactionId, string PartnerId, string? ShopId, string Category, DateTimeOffset OccurredAt);

public sealed record TransactionBatch(IReadOnlyList<TransactionItem> Items);

public sealed record CancellationItem(string TransactionId, DateTimeOffset CancelledAt);

public sealed record CancellationBatch(IReadOnlyList<CancellationItem> Items);

/// <summary><c>POST /transactions/batch</c> and <c>POST /cancellations/batch</c>: validated item by item like survey
/// responses, idempotent by transaction id.</summary>
internal static class SalesBatches
{
    public static async Task<IResult> PostTransactions(HttpRequest request, Caller caller, IDocumentStore store, IPartnerDirectory partners,
        TimeProvider clock, CancellationToken ct)
    {
        var (items, problem) = await BatchJson.ReadItemsAsync(request, ct);
        if (problem is not null) return problem;
        using var _ = items;
        var elements = items!.RootElement.GetProperty("items").EnumerateArray().ToArray();
        var known = await partners.FindManyAsync(elements.Select(e => BatchJson.String(e, "partnerId", new ValidationErrors())).OfType<string>(), ct);
        var receivedAt = clock.GetUtcNow();
        var batch = elements.Select(e => ValidateTransaction(e, known, caller, receivedAt)).ToArray();
        var results = await StoreOnce.StoreAsync(store, batch, "transactionId", t => t.Id, t => t.ContentHash, ct);
        return TypedResults.Ok(BatchResult.From(results));
    }

    public static async Task<IResult> PostCancellations(HttpRequest request, Caller caller, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var (items, problem) = await BatchJson.ReadItemsAsync(request, ct);
        if (problem is not null) return problem;
        using var _ = items;
        var elements = items!.RootElement.GetProperty("items").EnumerateArray().ToArray();
        var ids = elements.Select(e => BatchJson.String(e, "transactionId", new ValidationErrors())).OfType<string>().Distinct().ToArray();
        Dictionary<string, SalesTransaction> transactions;
        await using (var session = store.QuerySession())
            transactions = ids.Length == 0 ? [] : (await session.LoadManyAsync<SalesTransaction>(ct, ids)).ToDictionary(t => t.Id, StringComparer.Ordinal);
        var receivedAt = clock.GetUtcNow();
        var batch = elements.Select(e => ValidateCancellation(e, transactions, caller, receivedAt)).ToArray();
        var results = await StoreOnce.StoreAsync(store, batch, "transactionId", c => c.Id, c => c.ContentHash, ct);
        return TypedResults.Ok(BatchResult.From(results));
    }

    private static BatchItem<SalesTransaction> ValidateTransaction(JsonElement e, IReadOnlyDictionary<string, PartnerInfo> partners, Caller caller, DateTimeOffset receivedAt)
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
        else if (!Identifiers.IsValid(partnerId)) errors.Add("partnerId", $"'partnerId' may contain {Identifiers.Rule}.");
        else if (!partners.TryGetValue(partnerId, out partner)) errors.Add("partnerId", $"Partner '{partnerId}' does not exist.");
        else if (!caller.CanAccessPartner(partnerId)) errors.Add("partnerId", $"You may not submit transactions for partner '{partnerId}'.");
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

    private static BatchItem<Cancellation> ValidateCancellation(JsonElement e, IReadOnlyDictionary<string, SalesTransaction> transactions, Caller caller, DateTimeOffset receivedAt)
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
