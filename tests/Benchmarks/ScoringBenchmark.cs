using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Score recalculation of four quarters over N responses, through the API and Hangfire, against the SQL floor:
/// one plain GROUP BY over the same table that computes the finest-grained counts every card derives from.
/// </summary>
public static class ScoringBenchmark
{
    public const int Year = 2024;

    /// <summary>Seeds responses straight into the surveys table with SQL (seeding is not what is measured), spread
    /// evenly over the whole year, so every quarter has cards (the reads test reads the fourth).</summary>
    public static async Task SeedAsync(string connectionString, int count, int partners)
    {
        Console.WriteLine($"Seeding {count:N0} responses of {Year} with SQL …");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        const int Step = 1_000_000;
        for (var from = 0; from < count; from += Step)
        {
            await using var insert = new NpgsqlCommand($"""
                insert into surveys.mt_doc_surveyresponse (id, data, responded_at_utc, quarter, segment, channel, partner_id, shop_id, brand, product, touchpoint, received_at)
                select id, jsonb_strip_nulls(jsonb_build_object('id', id, 'respondedAt', ts, 'segment', seg, 'channel', ch,
                         'partnerId', p, 'shopId', s, 'brand', b, 'product', pr, 'touchpoint', t, 'receivedAt', ts)),
                       ts, q, seg, ch, p, s, b, pr, t, ts
                from (
                  select id, ts, to_char(ts at time zone 'Europe/Berlin', 'YYYY-"Q"Q') q, seg, ch,
                         case when ch = 'partner-shop' then 'bp-' || lpad(pn::text, 5, '0') end p,
                         case when ch = 'partner-shop' then 'bs-' || lpad(pn::text, 5, '0') || '-' || (i % 2) end s,
                         (i * 7) % 11 b, case when i % 5 = 0 then null else (i * 3) % 11 end pr, least(10, (i * 13) % 12) t
                  from (
                    select i, 'g-' || i id, timestamptz '{Year}-01-01 00:00:00+01' + (i * 31535999 / $4) * interval '1 second' ts,
                           case when i % 4 = 0 then 'business' else 'private' end seg,
                           (array['partner-shop','partner-shop','partner-shop','partner-shop','own-shop','own-shop','hotline','online','other'])[1 + i % 9] ch,
                           (i / 9) % $1 pn
                    from generate_series($2::bigint, $3::bigint) i) g) r
                """, connection) { CommandTimeout = 0 };
            insert.Parameters.AddWithValue(partners);
            insert.Parameters.AddWithValue((long)from);
            insert.Parameters.AddWithValue((long)Math.Min(count, from + Step) - 1);
            insert.Parameters.AddWithValue((long)count);
            await insert.ExecuteNonQueryAsync();
        }
        await using var analyze = new NpgsqlCommand("analyze surveys.mt_doc_surveyresponse", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
    }

    public static async Task<TimeSpan> FloorAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        for (var q = 1; q <= 4; q++)
        {
            await using var command = new NpgsqlCommand("""
                select d.dimension, r.segment, r.channel, r.partner_id, r.shop_id, count(*),
                       count(*) filter (where d.score >= 9), count(*) filter (where d.score between 7 and 8), count(*) filter (where d.score <= 6)
                from surveys.mt_doc_surveyresponse r
                cross join lateral (values ('brand', r.brand), ('product', r.product), ('touchpoint', r.touchpoint)) as d (dimension, score)
                where r.quarter = $1 and d.score is not null
                group by d.dimension, r.segment, r.channel, r.partner_id, r.shop_id
                """, connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue($"{Year}-Q{q}");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        }
        return watch.Elapsed;
    }

    public static async Task<TimeSpan> RecalculateAsync(HttpClient client)
    {
        var watch = Stopwatch.StartNew();
        var jobs = new List<string>();
        for (var q = 1; q <= 4; q++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/scoring/recalculations", new { quarter = $"{Year}-Q{q}" });
            response.EnsureSuccessStatusCode();
            jobs.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!);
        }
        foreach (var job in jobs)
        {
            while (true)
            {
                var state = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{job}")).GetProperty("state").GetString();
                if (state == "succeeded") break;
                if (state == "failed") throw new InvalidOperationException($"Recalculation job {job} failed.");
                await Task.Delay(50);
            }
        }
        return watch.Elapsed;
    }
}
