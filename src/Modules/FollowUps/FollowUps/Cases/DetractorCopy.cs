using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartnerPortal.Surveys.Contracts;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PartnerPortal.FollowUps.Cases;

/// <summary>
/// FollowUps' own copy of Surveys' detractors (ADR 0064), made off ingestion's path: ingestion maintains no per-partner
/// structure for them (only a BRIN over the store time), and <see cref="DetractorCopier"/> copies, every few seconds, the
/// detractors stored before the last instant at which every running transaction had begun (less the clocks' skew), under
/// an index by partner and store time. <see cref="Rows"/> reads the copy below its mark and Surveys' view
/// from the mark on: every detractor exactly once, whether copied yet or not.
/// </summary>
internal static class DetractorCopy
{
    public const string Table = FollowUpsModule.Schema + ".detractor_copy";
    public const string MarkTable = FollowUpsModule.Schema + ".detractor_copy_mark";

    /// <summary>How far a host's clock (which stamps the responses) may be behind the database's (whose transactions'
    /// start times bound the copy), unless <c>PartnerPortal:FollowUps:CopyClockSkew</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(10);

    private const string Columns = "id, partner_id, shop_id, quarter, touchpoint, comment, responded_at, received_at";

    /// <summary>The mark as a <c>stable</c> function rather than a sub-select: PostgreSQL runs it once per statement in the
    /// statement's snapshot as it would the sub-select, and also when planning, to estimate how many rows lie beyond it
    /// (a sub-select's value is unknown then, and the planner read every response of the partner instead of the BRIN's few
    /// newest ranges).</summary>
    public const string MarkFunction = FollowUpsModule.Schema + ".detractor_copy_mark_value";

    private const string Mark = MarkFunction + "()";

    public static Weasel.Postgresql.Functions.Function MarkFunctionDefinition() => Weasel.Postgresql.Functions.Function.ForSql($"""
        create or replace function {MarkFunction}() returns timestamptz language sql stable as $$
          select coalesce(max(m.copied_before), '-infinity'::timestamptz) from {MarkTable} m
        $$;
        """);

    /// <summary>The two halves as sources of rows <c>d</c> with their condition (add more with <c>and</c>): the copy of the
    /// detractors stored before the mark, and the view's rows from the mark on. Both read the mark in the statement's one
    /// snapshot, so no row is in both or in neither; use them in one statement. Reads that want the first few in
    /// store-time order give each half its own <c>order by … limit</c>: the copy is then read in its index's order and
    /// stops early, the view's tail sorts a few, where the planner, not knowing how many rows each half holds, sorted the
    /// whole union.</summary>
    public static readonly string[] Halves =
    [
        $"{Table} d where d.received_at < {Mark}",
        $"{DetractorResponses.View} d where d.received_at >= {Mark}",
    ];

    /// <summary>The detractors as rows of <see cref="DetractorResponses.View"/>'s columns: <see cref="Halves"/>' union. For
    /// counts and whole ranges; conditions on the rows' columns reach both halves' indexes.</summary>
    public static readonly string Rows = $"({string.Join(" union all ", Halves.Select(half => $"select {Columns} from {half}"))})";

    public static Table Definition()
    {
        var table = new Table(new PostgresqlObjectName(FollowUpsModule.Schema, "detractor_copy", SchemaUtils.IdentifierUsage.General));
        // No primary key: the mark's row lets one copier at a time copy a range no copy holds yet, and setting the mark
        // back empties the copy (ResetAsync), so no detractor is copied twice. One index, what the per-partner B-tree at
        // ingestion was (ADR 0049): a partner's unworked cases in store-time order (lists, the worked floor, the figures).
        table.AddColumn<string>("id").NotNull();
        table.AddColumn<string>("partner_id").NotNull();
        table.AddColumn<string>("shop_id").AllowNulls();
        table.AddColumn<string>("quarter").NotNull();
        table.AddColumn<int>("touchpoint").NotNull();
        table.AddColumn<string>("comment").AllowNulls();
        table.AddColumn("responded_at", "timestamp with time zone").NotNull();
        table.AddColumn("received_at", "timestamp with time zone").NotNull();
        table.Indexes.Add(new IndexDefinition("ix_detractor_copy_partner") { Columns = ["partner_id", "received_at", "id"], IncludeColumns = ["quarter"] });
        return table;
    }

    /// <summary>One row: every detractor stored before <c>copied_before</c> is in the copy; <c>checked_at</c> is when a
    /// copier last looked at the running transactions (the database's clock).</summary>
    public static Table MarkDefinition()
    {
        var table = new Table(new PostgresqlObjectName(FollowUpsModule.Schema, "detractor_copy_mark", SchemaUtils.IdentifierUsage.General));
        table.AddColumn<int>("id").AsPrimaryKey();
        table.AddColumn("copied_before", "timestamp with time zone").NotNull();
        table.AddColumn("checked_at", "timestamp with time zone").NotNull();
        return table;
    }

    /// <summary>
    /// Copies what can be copied now and moves the mark. First, in a statement of its own (so that its snapshot of the
    /// running transactions is taken before the copy's snapshot of the rows): the earliest start of a transaction still
    /// running, or now, less <paramref name="clockSkew"/>. A response is stamped after its transaction began
    /// (<see cref="DetractorResponses"/>), so every response stamped before that instant was committed by then, and the
    /// copy's later snapshot sees it. Then, in one transaction that holds the mark's row (concurrent copiers on other hosts
    /// wait for it): the view's rows from the mark to that instant, and the mark moved there. Returns the rows copied.
    /// </summary>
    public static async Task<int> RunAsync(IDocumentStore store, TimeSpan clockSkew, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        DateTimeOffset checkedAt, before;
        await using (var until = new NpgsqlCommand("""
            select now(), least(now(), coalesce((select min(a.xact_start) from pg_stat_activity a
                                                 where a.datname = current_database() and a.backend_type = 'client backend'
                                                   and a.pid <> pg_backend_pid() and a.xact_start is not null), now())) - $1
            """, connection))
        {
            until.Parameters.Add(new NpgsqlParameter { Value = clockSkew });
            await using var reader = await until.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (checkedAt, before) = (reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1));
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        DateTimeOffset from;
        await using (var held = new NpgsqlBatch(connection, transaction)
                     {
                         BatchCommands =
                         {
                             new($"insert into {MarkTable} (id, copied_before, checked_at) values (1, '-infinity', '-infinity') on conflict (id) do nothing"),
                             new($"select copied_before from {MarkTable} where id = 1 for update"),
                         },
                     })
        await using (var reader = await held.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            from = reader.GetFieldValue<DateTimeOffset>(0);
        }
        var copied = 0;
        if (from < before)
        {
            await using var copy = new NpgsqlCommand($"""
                insert into {Table} ({Columns})
                select {Columns} from {DetractorResponses.View} where received_at >= $1 and received_at < $2
                order by partner_id, received_at, id
                """, connection, transaction);
            copy.Parameters.Add(new NpgsqlParameter { Value = from });
            copy.Parameters.Add(new NpgsqlParameter { Value = before });
            copied = await copy.ExecuteNonQueryAsync(ct);
        }
        // The mark, and when the running transactions were last looked at (operations can see the copier is alive).
        await using (var move = new NpgsqlCommand(
                         $"update {MarkTable} set copied_before = greatest(copied_before, $1), checked_at = greatest(checked_at, $2) where id = 1",
                         connection, transaction))
        {
            move.Parameters.Add(new NpgsqlParameter { Value = before });
            move.Parameters.Add(new NpgsqlParameter { Value = checkedAt });
            await move.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        // The view's tail is found by the BRIN over the store time: its ranges filled since the last run get their summary,
        // so that the next reads of the tail (and the next copy) read only the newest range whole, not everything
        // autovacuum has not summarised yet.
        if (copied > 0)
        {
            await using var summarise = new NpgsqlCommand($"select brin_summarize_new_values('{DetractorResponses.StoreTimeIndex}'::regclass)", connection);
            await summarise.ExecuteNonQueryAsync(ct);
        }
        return copied;
    }

    /// <summary>Back to the start: the copy emptied and its mark set back, so every detractor is read from Surveys' view
    /// until the next copy, which copies them all again. For responses stamped with times before the mark, which only the
    /// showcase stores (a year of history, as it arrived), or a hand repair. Reads that ran meanwhile may have missed such
    /// responses; the follow-up floors (<see cref="WorkedFloor"/>) computed then may too, so the showcase sets the mark back
    /// before it stores anything.</summary>
    public static async Task ResetAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // The mark's row first: a copier running now finishes before the copy is emptied.
        await using var reset = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new($"update {MarkTable} set copied_before = '-infinity' where id = 1"),
                new($"delete from {Table}"),
            },
        };
        await reset.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}

/// <summary>Runs <see cref="DetractorCopy.RunAsync"/> every <c>PartnerPortal:FollowUps:CopyPeriod</c> (2 s) on every host
/// once it has started (the mark's row lets one copy at a time). A failed run is logged and the next one tries again: until then the unworked
/// cases are read from Surveys' view, which holds them all, only at more cost.</summary>
internal sealed class DetractorCopier(IDocumentStore store, IConfiguration configuration, IHostApplicationLifetime lifetime,
    ILogger<DetractorCopier> logger) : BackgroundService
{
    public const string PeriodSetting = "PartnerPortal:FollowUps:CopyPeriod";
    public const string ClockSkewSetting = "PartnerPortal:FollowUps:CopyClockSkew";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = configuration.GetValue(PeriodSetting, TimeSpan.FromSeconds(2));
        var skew = configuration.GetValue(ClockSkewSetting, DetractorCopy.DefaultClockSkew);
        // Not while the host starts: the demo's showcase stores responses stamped in the past then (see ResetAsync).
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(period);
        do
        {
            try
            {
                await DetractorCopy.RunAsync(store, skew, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Copying the detractors for follow-up failed; the next run in {Period} tries again.", period);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
