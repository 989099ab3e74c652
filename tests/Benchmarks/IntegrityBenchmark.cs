using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// The integrity flags of one quarter of N responses, through the API and Hangfire (the job asks Incentives for the
/// transactions through its query interface), against the SQL floor: one statement, written by hand, that computes the same
/// flags per partner over the same tables, reading the transactions straight from Incentives' table. The responses and
/// their transactions are inserted with SQL (seeding is not what is measured), with every kind of flag sprinkled in.
/// </summary>
public static class IntegrityBenchmark
{
    public const string Quarter = "2025-Q1";

    /// <summary>
    /// N responses over the quarter, seven in a row for one partner; 7 in 9 partner-shop. Every 13th has no transaction, every
    /// 1009th one nobody knows, every 10007th repeats the one before; every 2003rd transaction comes an hour after its
    /// response; each 5000th run of seven is a burst at one shop; each 4000th run of seven shares a comment in two spellings;
    /// every fifth response has a comment of its own; every 97th partner gives only 10s; every 100003rd response is excluded.
    /// </summary>
    public static async Task SeedAsync(string connectionString, int count, int partners)
    {
        Console.WriteLine($"Seeding {count:N0} responses of {Quarter} and their transactions with SQL …");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        const int Step = 500_000;
        for (var from = 0; from < count; from += Step)
        {
            await using var insert = new NpgsqlCommand("""
                insert into surveys.mt_doc_surveyresponse (id, data, responded_at_utc, quarter, segment, channel, partner_id, shop_id, brand, product, touchpoint, received_at)
                select id, jsonb_strip_nulls(jsonb_build_object('id', id, 'respondedAt', ts, 'segment', 'private', 'channel', ch, 'partnerId', p,
                         'shopId', s, 'transactionId', tx, 'brand', 8, 'touchpoint', t, 'comment', c, 'receivedAt', ts)),
                       ts, $4, 'private', ch, p, s, 8, null, t, ts
                from (
                  select i, 'ig-' || lpad(i::text, 8, '0') id, ts, ch,
                         case when ch = 'partner-shop' then 'bp-' || lpad(pn::text, 5, '0') end p,
                         case when ch = 'partner-shop' then 'bs-' || lpad(pn::text, 5, '0') || '-' || (case when (i / 7) % 5000 = 0 then 0 else i % 2 end) end s,
                         case when i % 13 = 0 then null when i % 1009 = 0 then 'it-unknown-' || i when i % 10007 = 0 then 'it-' || (i - 1) else 'it-' || i end tx,
                         case when pn % 97 = 0 then 10 else least(10, (i * 13) % 12) end t,
                         case when (i / 7) % 4000 = 1 then (array['Immer wieder gern hier einkaufen', '  immer WIEDER gern hier   einkaufen '])[1 + i % 2]
                              when i % 5 = 0 then 'Kommentar Nummer ' || i || ' zur Beratung im Shop' end c
                  from (select i, timestamptz '2025-01-01 00:00:00+01' + (i * 7775999 / $3) * interval '1 second' ts,
                               case when i % 9 = 7 then 'hotline' when i % 9 = 8 then 'online' else 'partner-shop' end ch,
                               (i / 7) % $5 pn
                        from generate_series($1::bigint, $2::bigint) i) g) r
                """, connection) { CommandTimeout = 0 };
            insert.Parameters.AddWithValue((long)from);
            insert.Parameters.AddWithValue((long)Math.Min(count, from + Step) - 1);
            insert.Parameters.AddWithValue((long)count);
            insert.Parameters.AddWithValue(Quarter);
            insert.Parameters.AddWithValue((long)partners);
            await insert.ExecuteNonQueryAsync();
        }
        await using (var sales = new NpgsqlCommand("""
            insert into incentives.mt_doc_salestransaction (id, data, quarter, partner_id, category)
            select tx, jsonb_build_object('id', tx, 'partnerId', partner_id, 'category', 'mobile', 'occurredAt', occ, 'quarter', quarter,
                     'contentHash', md5(tx), 'receivedAt', occ), quarter, partner_id, 'mobile'
            from (select data ->> 'transactionId' tx, partner_id, quarter,
                         case when substr(id, 4)::bigint % 2003 = 0 then responded_at_utc + interval '1 hour'
                              else responded_at_utc - (substr(id, 4)::bigint % 86400) * interval '1 second' end occ
                  from surveys.mt_doc_surveyresponse
                  where quarter = $1 and partner_id is not null and data ->> 'transactionId' = 'it-' || substr(id, 4)::bigint) t
            """, connection) { CommandTimeout = 0 })
        {
            sales.Parameters.AddWithValue(Quarter);
            await sales.ExecuteNonQueryAsync();
        }
        await using (var excluded = new NpgsqlCommand("""
            insert into surveys.mt_doc_responseexclusion (id, data)
            select id, jsonb_build_object('id', id, 'partnerId', partner_id, 'quarter', quarter, 'reason', 'integrity', 'note', 'benchmark',
                     'at', responded_at_utc, 'by', 'key:bootstrap', 'byName', 'benchmark')
            from surveys.mt_doc_surveyresponse where quarter = $1 and substr(id, 4)::bigint % 100003 = 0
            """, connection) { CommandTimeout = 0 })
        {
            excluded.Parameters.AddWithValue(Quarter);
            await excluded.ExecuteNonQueryAsync();
        }
        await using var analyze = new NpgsqlCommand(
            "analyze surveys.mt_doc_surveyresponse; analyze incentives.mt_doc_salestransaction; analyze surveys.mt_doc_responseexclusion", connection)
        { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>The job for the quarter through the API, until it succeeded; its duration and the flag totals the API then shows.</summary>
    public static async Task<(TimeSpan Elapsed, long[] Totals)> RunAsync(HttpClient client)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync("/api/v1/surveys/integrity/recalculations", new { quarter = Quarter });
        response.EnsureSuccessStatusCode();
        var job = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
        while (true)
        {
            var state = await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{job}");
            if (state.GetProperty("state").GetString() == "succeeded")
            {
                Console.WriteLine($"Integrity job: {state.GetProperty("result")}");
                break;
            }
            if (state.GetProperty("state").GetString() == "failed") throw new InvalidOperationException($"Integrity job {job} failed: {state}");
            await Task.Delay(50);
        }
        var elapsed = watch.Elapsed;
        var integrity = await client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/integrity?quarter={Quarter}");
        var totals = new long[Flags.Length];
        foreach (var partner in integrity.GetProperty("partners").EnumerateArray())
            for (var f = 0; f < Flags.Length; f++)
                totals[f] += partner.GetProperty("flagCounts").GetProperty(Flags[f]).GetInt32();
        return (elapsed, totals);
    }

    private static readonly string[] Flags = ["repeat-transaction", "unknown-transaction", "before-transaction", "burst", "duplicate-comment", "promoter-share"];

    /// <summary>The floor: one SQL pass over the same tables computing the same flags per partner, as one would write it by
    /// hand; returns its duration and the same totals, to show that both computed the same.</summary>
    public static async Task<(TimeSpan Elapsed, long[] Totals)> FloorAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var icuCheck = new NpgsqlCommand("select exists (select 1 from pg_collation where collname = 'und-x-icu')", connection);
        var icu = (bool)(await icuCheck.ExecuteScalarAsync())! ? " collate \"und-x-icu\"" : "";
        var watch = Stopwatch.StartNew();
        await using var command = new NpgsqlCommand($$"""
            with base as materialized (
              select r.id, r.partner_id, r.shop_id, r.responded_at_utc t, r.touchpoint, r.data ->> 'transactionId' tx,
                     case when char_length(r.data ->> 'comment') >= 20
                          then lower(btrim(regexp_replace(r.data ->> 'comment', '[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+', ' ', 'g'), ' '){{icu}}) collate "C" end ckey
              from surveys.mt_doc_surveyresponse r
              where r.quarter = $1 and r.channel = 'partner-shop' and r.partner_id is not null
                and not exists (select 1 from surveys.mt_doc_responseexclusion x where x.id = r.id)
            ),
            flags as (
              select id, bit_or(flag) flags from (
                select id, 1 flag from (select id, row_number() over (partition by tx order by t, id collate "C") rn from base where tx is not null) x where rn > 1
                union all
                select b.id, case when f.partner_id is distinct from b.partner_id then 2 else 4 end
                from base b left join incentives.mt_doc_salestransaction f on f.id = b.tx
                where b.tx is not null and (f.partner_id is distinct from b.partner_id or b.t < (f.data ->> 'occurredAt')::timestamptz)
                union all
                select id, 8 from (select id, bool_or(starts) over (partition by shop_id order by t, id collate "C" rows between 4 preceding and current row) b
                                   from (select id, shop_id, t, coalesce(lead(t, 4) over (partition by shop_id order by t, id collate "C") <= t + interval '10 minutes', false) starts
                                         from base where shop_id is not null) s) x where b
                union all
                select id, 16 from (select id, count(*) over (partition by partner_id, ckey) c from base where char_length(ckey) >= 20) x where c >= 3
              ) u group by id
            ),
            partners as (select partner_id, count(touchpoint) n, count(*) filter (where touchpoint >= 9) promoters from base group by partner_id),
            counts as (select b.partner_id, count(*) filter (where f.flags & 1 <> 0) r, count(*) filter (where f.flags & 2 <> 0) u,
                              count(*) filter (where f.flags & 4 <> 0) bf, count(*) filter (where f.flags & 8 <> 0) bu, count(*) filter (where f.flags & 16 <> 0) d
                       from flags f join base b on b.id = f.id group by b.partner_id)
            select p.partner_id, p.n, p.promoters, coalesce(c.r, 0), coalesce(c.u, 0), coalesce(c.bf, 0), coalesce(c.bu, 0), coalesce(c.d, 0)
            from partners p left join counts c using (partner_id)
            """, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue(Quarter);
        var rows = new List<(long N, long Promoters, long[] Counts)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                rows.Add((reader.GetInt64(1), reader.GetInt64(2), [reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)]));
        }
        var elapsed = watch.Elapsed;
        // promoter-share from the same counts: z = (p − p0) / √(p0 (1 − p0) / n) ≥ 3.09 with n ≥ 30 (p0 of 0 or 1 does not occur here).
        var (totalN, totalPromoters) = (rows.Sum(r => r.N), rows.Sum(r => r.Promoters));
        var promoterShare = rows.Count(r =>
        {
            if (r.N < 30 || totalN == r.N) return false;
            double p = (double)r.Promoters / r.N, p0 = (double)(totalPromoters - r.Promoters) / (totalN - r.N);
            return p0 is > 0 and < 1 && (p - p0) / Math.Sqrt(p0 * (1 - p0) / r.N) >= 3.09;
        });
        return (elapsed, [.. Enumerable.Range(0, 5).Select(f => rows.Sum(r => r.Counts[f])), promoterShare]);
    }

    /// <summary>The totals in the order of DOMAIN.md, for the report.</summary>
    public static string Describe(long[] totals) => string.Join(", ", Flags.Select((f, i) => $"{totals[i]:N0} {f}"));
}
