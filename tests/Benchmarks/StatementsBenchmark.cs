using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Commission statements of one quarter for every partner over N transactions (1 % of them cancelled), through the
/// API and Hangfire. The transactions are inserted with SQL (seeding is not what is measured); the NPS comes from the
/// score cards the scoring part computed for the same quarter, when it ran.
/// </summary>
public static class StatementsBenchmark
{
    public const string Quarter = "2024-Q2";

    public static async Task SeedAsync(string connectionString, HttpClient client, int transactions, int partners)
    {
        Console.WriteLine($"Seeding {transactions:N0} transactions of {Quarter} for {partners:N0} partners with SQL …");
        var plan = await client.PutAsJsonAsync($"/api/v1/incentives/plans/{Quarter}", new
        {
            baseRates = new { mobile = 25.00m, @fixed = 40.00m },
            tiers = new[] { new { minNps = 0, upliftPercent = 5, qualityBonusEur = 100 }, new { minNps = 30, upliftPercent = 10, qualityBonusEur = 250 } },
            minSample = 30,
            tierBasis = "point",
            defaultTargets = new { mobile = 800, @fixed = 200 },
        });
        plan.EnsureSuccessStatusCode();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand("""
            insert into incentives.mt_doc_salestransaction (id, data, quarter, partner_id, category)
            select id, jsonb_build_object('id', id, 'partnerId', p, 'shopId', s, 'category', c, 'occurredAt', ts, 'quarter', $3::text,
                     'contentHash', md5(id), 'receivedAt', ts), $3, p, c
            from (select 't-' || i id, 'bp-' || lpad((i % $1)::text, 5, '0') p, 'bs-' || lpad((i % $1)::text, 5, '0') || '-' || (i % 2) s,
                         case when i % 4 = 0 then 'fixed' else 'mobile' end c,
                         timestamptz '2024-04-01 00:00:00+02' + (i % 7862400) * interval '1 second' ts
                  from generate_series(0, $2 - 1) i) g
            """, connection) { CommandTimeout = 0 })
        {
            insert.Parameters.AddWithValue(partners);
            insert.Parameters.AddWithValue(transactions);
            insert.Parameters.AddWithValue(Quarter);
            await insert.ExecuteNonQueryAsync();
        }
        await using (var cancel = new NpgsqlCommand("""
            insert into incentives.mt_doc_cancellation (id, data, quarter, partner_id, transaction_quarter, category)
            select id, jsonb_build_object('id', id, 'partnerId', partner_id, 'category', category, 'cancelledAt', (data->>'occurredAt')::timestamptz,
                     'quarter', quarter, 'transactionQuarter', quarter, 'contentHash', md5(id), 'receivedAt', (data->>'occurredAt')::timestamptz),
                   quarter, partner_id, quarter, category
            from incentives.mt_doc_salestransaction where quarter = $1 and right(id, 2) = '00'
            """, connection) { CommandTimeout = 0 })
        {
            cancel.Parameters.AddWithValue(Quarter);
            await cancel.ExecuteNonQueryAsync();
        }
        await using var analyze = new NpgsqlCommand("analyze incentives.mt_doc_salestransaction; analyze incentives.mt_doc_cancellation", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>Runs the statement job for the quarter through the API; returns its duration and the number of statements.</summary>
    public static async Task<(TimeSpan Elapsed, int Statements)> RecalculateAsync(HttpClient client)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsJsonAsync("/api/v1/incentives/recalculations", new { quarter = Quarter });
        response.EnsureSuccessStatusCode();
        var job = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
        while (true)
        {
            var state = await client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{job}");
            switch (state.GetProperty("state").GetString())
            {
                case "succeeded":
                    return (watch.Elapsed, state.GetProperty("result").GetProperty("statements").GetInt32());
                case "failed":
                    throw new InvalidOperationException($"Statement job {job} failed: {state}");
            }
            await Task.Delay(50);
        }
    }
}
