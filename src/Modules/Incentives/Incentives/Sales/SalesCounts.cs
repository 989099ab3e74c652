using Npgsql;
using PartnerPortal.BuildingBlocks.Data;

namespace PartnerPortal.Incentives.Sales;

internal static class SalesCounts
{
    /// <summary>Transactions of the quarter not cancelled at calculation time, per partner and category, counted by
    /// PostgreSQL; all partners, or one.</summary>
    public static async Task<Dictionary<string, Dictionary<string, int>>> UncancelledAsync(IDocumentStore store, string quarter, string? partnerId,
        CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            select t.partner_id, t.category, count(*)::int
            from {MartenTables.Of<SalesTransaction>(store)} t
            where t.quarter = $1 and ($2::varchar is null or t.partner_id = $2)
              and not exists (select 1 from {MartenTables.Of<Cancellation>(store)} c where c.id = t.id)
            group by t.partner_id, t.category
            """, connection);
        command.Parameters.AddWithValue(quarter);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)partnerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!counts.TryGetValue(reader.GetString(0), out var byCategory)) counts[reader.GetString(0)] = byCategory = [];
            byCategory[reader.GetString(1)] = reader.GetInt32(2);
        }
        return counts;
    }
}
