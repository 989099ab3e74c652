using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Incentives.Contracts;

namespace PartnerPortal.Incentives.Sales;

/// <summary>
/// <see cref="ISalesTransactions"/> for sets of any size: the ids go into a temporary table with one text COPY, and one
/// join finds them (a hash join over the transactions for millions of ids, the primary key for a few). Looking up millions
/// of ids one by one, or in arrays, cost several times as much. Read-only; the temporary table goes with the transaction.
/// </summary>
internal sealed class SalesTransactionLookup(IDocumentStore store) : ISalesTransactions
{
    private const int CopyBlock = 1 << 16;

    public async IAsyncEnumerable<SalesTransactionFact> FindAsync(IAsyncEnumerable<string> transactionIds,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("create temp table wanted_transaction (id text not null) on commit drop", connection, transaction))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await using (var writer = await connection.BeginTextImportAsync("copy wanted_transaction (id) from stdin", cancellationToken))
        {
            var block = new StringBuilder(CopyBlock + 1024);
            await foreach (var id in transactionIds.WithCancellation(cancellationToken))
            {
                block.Field(id).Append('\n');
                if (block.Length < CopyBlock) continue;
                await writer.WriteAsync(block, cancellationToken);
                block.Clear();
            }
            await writer.WriteAsync(block, cancellationToken);
        }
        // Temporary tables have no statistics until analysed: the planner would guess their size.
        await using (var analyze = new NpgsqlCommand("analyze wanted_transaction", connection, transaction))
            await analyze.ExecuteNonQueryAsync(cancellationToken);

        await using var command = new NpgsqlCommand($"""
            select t.id, t.partner_id, (t.data ->> 'occurredAt')::timestamptz
            from {MartenTables.Of<SalesTransaction>(store)} t
            where t.id in (select w.id from wanted_transaction w)
            """, connection, transaction) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return new SalesTransactionFact(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
    }
}
