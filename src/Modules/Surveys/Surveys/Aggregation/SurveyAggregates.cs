using PartnerPortal.BuildingBlocks.Data;
using System.Runtime.CompilerServices;
using Npgsql;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Aggregation;

/// <summary>
/// One scan of a quarter's responses: the three scores are unpivoted and counted with one plain GROUP BY at the
/// finest grain, streamed row by row. (Rolling the groups up into score cards is Scoring's business.) Excluded responses
/// (accepted appeals, quarantine) are left out here, so no card, benchmark, percentile or statement counts them.
/// </summary>
internal sealed class SurveyAggregates(IDocumentStore store) : ISurveyAggregates
{
    private readonly string _sql = $"""
        select d.dimension, r.segment, r.channel, r.partner_id, r.shop_id,
               count(*)::int,
               count(*) filter (where d.score >= 9)::int,
               count(*) filter (where d.score between 7 and 8)::int,
               count(*) filter (where d.score <= 6)::int
        from {MartenTables.Of<SurveyResponse>(store)} r
        cross join lateral (values ('brand', r.brand), ('product', r.product), ('touchpoint', r.touchpoint)) as d (dimension, score)
        where r.quarter = $1 and d.score is not null and {Trust.Exclusions.NotExcluded(store, "r")}
        group by d.dimension, r.segment, r.channel, r.partner_id, r.shop_id
        """;

    public async IAsyncEnumerable<GroupCounts> CountAsync(string quarter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(quarter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new GroupCounts(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8));
        }
    }
}
