using Marten;
using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.BuildingBlocks.Data;

/// <summary>One batch item after validation: a document to store, or the reasons it was rejected.</summary>
public sealed record BatchItem<T>(string? Id, T? Document, IDictionary<string, string[]>? Errors) where T : class;

/// <summary>
/// Stores documents keyed by a natural id exactly once (API.md's batch contract): the same id with the same content
/// hash is a duplicate, with another hash a conflict (the stored one is kept), repeats inside the batch included.
/// New documents are inserted in one round trip; if another request inserted one of them meanwhile, the primary
/// key refuses it and the batch is classified again against what is now stored.
/// </summary>
public static class StoreOnce
{
    public static async Task<ItemResult[]> StoreAsync<T>(IDocumentStore store, IReadOnlyList<BatchItem<T>> items, string idField,
        Func<T, string> idOf, Func<T, string> hashOf, CancellationToken ct) where T : class
    {
        var results = new ItemResult[items.Count];
        var first = new Dictionary<string, (int Index, T Document)>(StringComparer.Ordinal);
        var repeats = new List<(int Index, T Document)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Document is null) results[i] = new ItemResult(i, item.Id, ItemStatus.Rejected, item.Errors);
            else if (first.ContainsKey(idOf(item.Document))) repeats.Add((i, item.Document));
            else first[idOf(item.Document)] = (i, item.Document);
        }
        if (first.Count == 0) return results;

        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var stored = (await session.LoadManyAsync<T>(ct, first.Keys.ToArray())).ToDictionary(idOf, hashOf, StringComparer.Ordinal);
            foreach (var (id, (_, document)) in first)
                if (!stored.ContainsKey(id)) session.Insert(document);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (attempt < 3 && MartenErrors.IsAlreadyExists(e))
            {
                continue; // another request stored one of these ids at the same moment: classify again
            }
            foreach (var (id, (index, document)) in first)
                results[index] = stored.TryGetValue(id, out var hash)
                    ? Compare(index, idField, id, hashOf(document), hash)
                    : new ItemResult(index, id, ItemStatus.Accepted);
            foreach (var (index, document) in repeats)
            {
                var id = idOf(document);
                results[index] = Compare(index, idField, id, hashOf(document), stored.TryGetValue(id, out var hash) ? hash : hashOf(first[id].Document));
            }
            return results;
        }
    }

    private static ItemResult Compare(int index, string idField, string id, string hash, string storedHash) =>
        hash == storedHash
            ? new ItemResult(index, id, ItemStatus.Duplicate)
            : new ItemResult(index, id, ItemStatus.Conflict, new Dictionary<string, string[]>
            {
                [idField] = [$"'{id}' is stored already with other content; the stored one is kept."],
            });
}
