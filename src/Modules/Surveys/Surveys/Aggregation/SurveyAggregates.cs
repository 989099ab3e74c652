using System.Runtime.CompilerServices;
using Marten;
using Npgsql;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Aggregation;

/// <summary>
/// One scan of a quarter's responses: the three scores are unpivoted and counted with GROUPING SETS, so every
/// score card's counts come out of a single GROUP BY in PostgreSQL and are streamed row by row.
/// </summary>
internal sealed class SurveyAggregates(IDocumentStore store) : ISurveyAggregates
{
    internal const string Sql = $"""
        select d.dimension,
               r.segment, r.channel, r.partner_id, r.shop_id,
               grouping(r.segment)::int, grouping(r.channel)::int, grouping(r.partner_id)::int, grouping(r.shop_id)::int,
               count(*)::int,
               count(*) filter (where d.score >= 9)::int,
               count(*) filter (where d.score between 7 and 8)::int,
               count(*) filter (where d.score <= 6)::int
        from {SurveysModule.Schema}.mt_doc_surveyresponse r
        cross join lateral (values ('brand', r.brand), ('product', r.product), ('touchpoint', r.touchpoint)) as d (dimension, score)
        where r.quarter = $1 and d.score is not null
        group by grouping sets (
            (d.dimension, r.segment), (d.dimension),
            (d.dimension, r.segment, r.channel), (d.dimension, r.channel),
            (d.dimension, r.segment, r.channel, r.partner_id), (d.dimension, r.channel, r.partner_id),
            (d.dimension, r.segment, r.channel, r.partner_id, r.shop_id), (d.dimension, r.channel, r.partner_id, r.shop_id))
        """;

    public async IAsyncEnumerable<ScoreCounts> CountAsync(string quarter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(quarter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var segment = reader.GetInt32(5) == 1 ? "all" : reader.GetString(1);
            string? channel = reader.IsDBNull(2) ? null : reader.GetString(2);
            string? partner = reader.IsDBNull(3) ? null : reader.GetString(3);
            string? shop = reader.IsDBNull(4) ? null : reader.GetString(4);
            string scope;
            if (reader.GetInt32(6) == 1) scope = Contracts.Scopes.All;
            else if (reader.GetInt32(7) == 1) scope = Contracts.Scopes.Channel;
            else if (reader.GetInt32(8) == 1) scope = Contracts.Scopes.Partner;
            else scope = Contracts.Scopes.Shop;

            // Partner and shop cards count the partner's own shops only (DOMAIN.md: touchpoint NPS = channel partner-shop).
            if (scope is Contracts.Scopes.Partner or Contracts.Scopes.Shop && (channel != Channels.PartnerShop || partner is null)) continue;
            if (scope == Contracts.Scopes.Shop && shop is null) continue;
            yield return new ScoreCounts(reader.GetString(0), segment, scope,
                scope is Contracts.Scopes.Partner or Contracts.Scopes.Shop ? partner : null,
                scope == Contracts.Scopes.Shop ? shop : null,
                scope == Contracts.Scopes.Channel ? channel : null,
                reader.GetInt32(9), reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12));
        }
    }
}
