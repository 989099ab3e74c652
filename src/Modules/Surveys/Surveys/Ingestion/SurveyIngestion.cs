using Marten;
using Weasel.Core;
using Npgsql;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>
/// Stores responses exactly once. Items are validated, de-duplicated inside the batch, then — under one database
/// advisory lock, so concurrent requests on any host cannot interleave — compared with what is stored and the new
/// ones written with one COPY. Identical content again is a duplicate; other content under a known id is a conflict
/// and the stored response is kept.
/// </summary>
internal sealed class SurveyIngestion(IDocumentStore store, IPartnerDirectory partners, Caller caller, TimeProvider clock)
{
    /// <summary>Arbitrary, fixed key of the advisory lock that serialises the check-and-insert step.</summary>
    private const long IngestionLockKey = 0x5375_7276_6579_7301;

    public async Task<IReadOnlyList<ItemResult>> IngestAsync(IReadOnlyList<ResponseInput> inputs, int firstIndex, CancellationToken ct)
    {
        var known = await partners.FindManyAsync(inputs.Select(i => i.PartnerId).OfType<string>(), ct);
        var receivedAt = clock.GetUtcNow();
        var results = new ItemResult?[inputs.Count];
        var candidates = new Dictionary<string, (int Position, SurveyResponse Response)>(StringComparer.Ordinal);

        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var response = ResponseRules.Validate(input, known, caller, receivedAt);
            if (response is null)
                results[i] = new ItemResult(firstIndex + i, input.ResponseId, ItemStatus.Rejected, input.Errors.ToDictionary());
            else if (candidates.TryGetValue(response.Id, out var first))
                results[i] = Compare(firstIndex + i, response, first.Response.ContentHash);
            else
                candidates[response.Id] = (i, response);
        }

        if (candidates.Count > 0)
        {
            var stored = await StoreNewAsync(candidates.Values.Select(c => c.Response).ToArray(), ct);
            foreach (var (position, response) in candidates.Values)
                results[position] = stored.TryGetValue(response.Id, out var existingHash)
                    ? Compare(firstIndex + position, response, existingHash)
                    : new ItemResult(firstIndex + position, response.Id, ItemStatus.Accepted);
        }
        return results!;
    }

    private static ItemResult Compare(int index, SurveyResponse response, string storedHash) =>
        storedHash == response.ContentHash
            ? new ItemResult(index, response.Id, ItemStatus.Duplicate)
            : new ItemResult(index, response.Id, ItemStatus.Conflict, new Dictionary<string, string[]>
            {
                ["responseId"] = [$"Response '{response.Id}' is stored already with other content; the stored one is kept."],
            });

    /// <summary>Writes the responses not stored yet; returns the content hashes of those that were.</summary>
    private async Task<Dictionary<string, string>> StoreNewAsync(SurveyResponse[] responses, CancellationToken ct)
    {
        await using var lockConnection = store.Storage.Database.CreateConnection();
        await lockConnection.OpenAsync(ct);
        await using (var acquire = new NpgsqlCommand("select pg_advisory_lock($1)", lockConnection))
        {
            acquire.Parameters.AddWithValue(IngestionLockKey);
            await acquire.ExecuteNonQueryAsync(ct);
        }
        try
        {
            var ids = responses.Select(r => r.Id).ToArray();
            var existing = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var query = new NpgsqlCommand(
                             $"select id, data ->> 'contentHash' from {SurveysModule.Schema}.mt_doc_surveyresponse where id = any($1)", lockConnection))
            {
                query.Parameters.AddWithValue(ids);
                await using var reader = await query.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) existing[reader.GetString(0)] = reader.GetString(1);
            }
            var fresh = responses.Where(r => !existing.ContainsKey(r.Id)).ToArray();
            if (fresh.Length > 0) await store.BulkInsertDocumentsAsync(fresh, BulkInsertMode.InsertsOnly, batchSize: fresh.Length, ct);
            return existing;
        }
        finally
        {
            await using var release = new NpgsqlCommand("select pg_advisory_unlock($1)", lockConnection);
            release.Parameters.AddWithValue(IngestionLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
