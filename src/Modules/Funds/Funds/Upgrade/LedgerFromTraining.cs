using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Funds.Ledger;

namespace PartnerPortal.Funds.Upgrade;

/// <summary>
/// Carries the WKZ ledger over from where Training kept it before ADR 0035 (<c>training.mt_doc_wkzentry</c>, the same
/// JSON) into schema <c>funds</c>, at start-up: after the schema migration, before the host serves requests. Idempotent:
/// it copies only the entries Funds does not have (by id), so a second run, or a second host starting at the same time,
/// changes nothing. The old table stays as it was (docs/operations-funds.md says when to drop it).
/// </summary>
internal sealed class LedgerFromTraining(IDocumentStore store, ILogger<LedgerFromTraining> logger) : IHostedService
{
    /// <summary>A literal on purpose: no document maps to this table any more, so Marten cannot name it (MartenTables).</summary>
    public const string LegacyTable = "training.mt_doc_wkzentry";
    private const int BatchSize = 1000;

    public async Task StartAsync(CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Copies what is missing; returns how many entries it copied.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand($"select to_regclass('{LegacyTable}') is not null", connection))
        {
            if (await exists.ExecuteScalarAsync(ct) is not true) return 0;
        }
        var copied = 0;
        while (await MissingAsync(connection, ct) is { Count: > 0 } batch)
        {
            await using var session = store.LightweightSession();
            session.Insert(batch.ToArray());
            try
            {
                await session.SaveChangesAsync(ct);
                copied += batch.Count;
            }
            catch (Exception e) when (MartenErrors.IsAlreadyExists(e))
            {
                // Another host copied some of them meanwhile: the next read leaves those out.
            }
        }
        if (copied > 0) logger.LogInformation("Funds: copied {Count} WKZ ledger entries from {Table}.", copied, LegacyTable);
        return copied;
    }

    private async Task<List<WkzEntry>> MissingAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var read = new NpgsqlCommand($"""
            select l.data from {LegacyTable} l
            where not exists (select 1 from {MartenTables.Of<WkzEntry>(store)} f where f.id = l.id)
            order by l.id limit {BatchSize}
            """, connection);
        await using var reader = await read.ExecuteReaderAsync(ct);
        var serializer = store.Options.Serializer();
        var entries = new List<WkzEntry>();
        while (await reader.ReadAsync(ct)) entries.Add(await serializer.FromJsonAsync<WkzEntry>(reader, 0, ct));
        return entries;
    }
}
