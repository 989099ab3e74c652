using PartnerPortal.BuildingBlocks.Data;
using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Marten.Services;
using SessionOptions = Marten.Services.SessionOptions;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.Incentives.Contracts;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PartnerPortal.Surveys.Trust;

/// <summary>What a run of <c>surveys:integrity</c> did: stored as the job's result and logged. <see cref="Transactions"/>:
/// <c>checked</c>, or <c>not-checked</c> when the host runs without Incentives (a word, not a boolean: the job storage leaves
/// out false values). The phases' milliseconds: the population, the transactions from Incentives, the flags.</summary>
internal sealed record IntegrityReport(string Quarter, int Responses, int FlaggedResponses, int Partners, string Transactions, long DurationMs,
    long PopulationMs, long TransactionsMs, long FlagsMs);

/// <summary>
/// Computes the integrity flags of a quarter (DOMAIN.md "Trust in the score"; recurring job <c>surveys:integrity</c> for
/// the current and the previous quarter, nightly, and on demand) in PostgreSQL, over the quarter's partner-shop responses
/// that are not excluded: the population goes into a temporary table once, the transactions its responses name are asked
/// of Incentives through <see cref="ISalesTransactions"/> (streamed into a second temporary table; skipped when the host
/// runs without Incentives), then one statement computes every flag with window functions, stores the flagged responses
/// and counts per partner. The old rows of the quarter and its <see cref="IntegrityRun"/> are replaced in the same
/// transaction: readers see the last run or this one, never a mixture. A distributed lock per quarter keeps two hosts from
/// running the same quarter at once; running it twice gives the same result. See ADR 0033.
/// </summary>
internal sealed class IntegrityRecalculation(IDocumentStore store, JobStorage jobs, TimeProvider clock, IEnumerable<ISalesTransactions> sales,
    ILogger<IntegrityRecalculation> logger)
{
    public const string RecurringJobId = "surveys:integrity";
    public const string FlagTableName = "integrity_flag";
    public const string FlagTable = $"{SurveysModule.Schema}.{FlagTableName}";

    /// <summary>Transaction ids read from the population per round trip.</summary>
    private const int FetchSize = 50_000;

    /// <summary>What counts as whitespace in a comment: ASCII's and Unicode's spaces (a PostgreSQL regular expression class).</summary>
    private const string Whitespace = @"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+";

    /// <summary>The flagged responses of each quarter's last run: one row each, the flags as bits (<see cref="IntegrityFlags"/>).
    /// A table of its own (not documents): the run writes it with one <c>insert … select</c>.</summary>
    internal static Table FlagTableDefinition()
    {
        var table = new Table(new PostgresqlObjectName(SurveysModule.Schema, FlagTableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("quarter").AsPrimaryKey();
        table.AddColumn<string>("response_id").AsPrimaryKey();
        table.AddColumn<string>("partner_id").NotNull();
        table.AddColumn<string>("shop_id");
        table.AddColumn<DateTimeOffset>("responded_at_utc").NotNull();
        table.AddColumn<int>("flags").NotNull();
        return table;
    }

    public async Task<IntegrityReport> RunAsync(string quarter, CancellationToken cancellationToken)
    {
        var q = Quarter.Parse(quarter).ToString();
        var watch = Stopwatch.StartNew();
        using var lockConnection = jobs.GetConnection();
        using var quarterLock = lockConnection.AcquireDistributedLock($"{RecurringJobId}:{q}", TimeSpan.FromMinutes(15));

        var phase = Stopwatch.StartNew(); // the phases, without the wait for the lock
        var transactions = sales.FirstOrDefault();
        var calculatedAt = clock.GetUtcNow();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var icu = (bool)(await ScalarAsync(connection, transaction, "select exists (select 1 from pg_collation where collname = 'und-x-icu')", cancellationToken))!;
        if (!icu) logger.LogWarning("PostgreSQL has no ICU collation 'und-x-icu': comments are compared case-insensitively for ASCII letters only.");
        await ExecuteAsync(connection, transaction, BaseSql(icu), cancellationToken, q);
        // Temporary tables have no statistics until analysed: the planner would guess their size.
        await ExecuteAsync(connection, transaction, "analyze integrity_base", cancellationToken);
        var populationMs = phase.ElapsedMilliseconds;
        if (transactions is not null)
        {
            await LoadTransactionsAsync(connection, transaction, transactions, cancellationToken);
            await ExecuteAsync(connection, transaction, "analyze integrity_transaction", cancellationToken);
        }
        var transactionsMs = phase.ElapsedMilliseconds - populationMs;
        await ExecuteAsync(connection, transaction, $"delete from {FlagTable} where quarter = $1", cancellationToken, q);

        var partners = new List<PartnerIntegrity>();
        var flagged = 0;
        await using (var command = new NpgsqlCommand(FlagsSql(transactions is not null), connection, transaction) { CommandTimeout = 0 })
        {
            command.Parameters.AddWithValue(q);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                partners.Add(new PartnerIntegrity
                {
                    PartnerId = reader.GetString(0), Responses = reader.GetInt32(1), N = reader.GetInt32(2), Promoters = reader.GetInt32(3),
                    RepeatTransaction = reader.GetInt32(5), UnknownTransaction = reader.GetInt32(6), BeforeTransaction = reader.GetInt32(7),
                    Burst = reader.GetInt32(8), DuplicateComment = reader.GetInt32(9),
                });
                flagged += reader.GetInt32(4);
            }
        }
        // promoter-share compares each partner with all the others: the totals less its own.
        var (totalN, totalPromoters) = (partners.Sum(p => p.N), partners.Sum(p => p.Promoters));
        foreach (var p in partners)
        {
            p.OthersN = totalN - p.N;
            p.OthersPromoters = totalPromoters - p.Promoters;
        }
        var flagsMs = phase.ElapsedMilliseconds - populationMs - transactionsMs;
        var run = new IntegrityRun
        {
            Id = q, CalculatedAt = calculatedAt, TransactionsChecked = transactions is not null, Responses = partners.Sum(p => p.Responses),
            FlaggedResponses = flagged, DurationMs = watch.ElapsedMilliseconds, Partners = partners,
        };
        await using (var session = store.LightweightSession(SessionOptions.ForTransaction(transaction)))
        {
            session.Store(run);
            await session.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        var report = new IntegrityReport(q, run.Responses, flagged, partners.Count, run.TransactionsChecked ? "checked" : "not-checked",
            watch.ElapsedMilliseconds, populationMs, transactionsMs, flagsMs);
        logger.LogInformation(
            "surveys:integrity {Quarter}: {Flagged} of {Responses} responses flagged, {Partners} partners, transactions {Transactions}, in {DurationMs} ms " +
            "(population {PopulationMs} ms, transactions {TransactionsMs} ms, flags {FlagsMs} ms)",
            q, report.FlaggedResponses, report.Responses, report.Partners, report.Transactions, report.DurationMs, populationMs, transactionsMs, flagsMs);
        return report;
    }

    public async Task<IntegrityReport[]> RunRecurringAsync(CancellationToken cancellationToken)
    {
        var reports = new List<IntegrityReport>();
        foreach (var quarter in RecalculationWindow.CurrentAndPrevious(clock))
            reports.Add(await RunAsync(quarter.ToString(), cancellationToken));
        return [.. reports];
    }

    /// <summary>The population: the quarter's partner-shop responses that are not excluded, with their transaction id and
    /// the comparable form of their comment (null when it cannot reach the minimum length: normalising only shortens).</summary>
    private string BaseSql(bool icu) => $"""
        create temp table integrity_base on commit drop as
        select r.id, r.partner_id, r.shop_id, r.responded_at_utc as t, r.touchpoint, r.data ->> 'transactionId' as tx,
               case when char_length(r.data ->> 'comment') >= {IntegrityFlags.DuplicateCommentMinLength}
                    then {NormalisedComment("r.data ->> 'comment'", icu)} end as comment_key
        from {MartenTables.Of<SurveyResponse>(store)} r
        where r.quarter = $1 and r.channel = 'partner-shop' and r.partner_id is not null and {Exclusions.NotExcluded(store, "r")}
        """;

    /// <summary>DOMAIN.md: trimmed, case-insensitive, inner whitespace collapsed. Every run of whitespace becomes one space
    /// first, so trimming spaces trims all; lower case by ICU's Unicode rules where PostgreSQL has them; compared byte-wise.</summary>
    internal static string NormalisedComment(string expression, bool icu) =>
        $"lower(btrim(regexp_replace({expression}, '{Whitespace}', ' ', 'g'), ' '){(icu ? " collate \"und-x-icu\"" : "")}) collate \"C\"";

    /// <summary>
    /// Every flag in one statement. Ties in time are broken by the response id, compared byte-wise ("C"), whatever the
    /// database's collation. Burst: the responses of a shop in time order; a response is in a burst when it is one of
    /// <see cref="IntegrityFlags.BurstSize"/> consecutive responses of which the last lies at most
    /// <see cref="IntegrityFlags.BurstWindow"/> after the first (so within 10 minutes of each other, 10:00 included).
    /// </summary>
    private static string FlagsSql(bool withTransactions)
    {
        var preceding = IntegrityFlags.BurstSize - 1;
        var window = ((int)IntegrityFlags.BurstWindow.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var transactionFlags = withTransactions
            ? $"""
                union all
                -- unknown-transaction: no transaction of the same partner; before-transaction: given before the partner's transaction
                select b.id, b.partner_id, b.shop_id, b.t,
                       case when f.partner_id is distinct from b.partner_id then {IntegrityFlags.UnknownTransactionBit} else {IntegrityFlags.BeforeTransactionBit} end
                from integrity_base b left join integrity_transaction f on f.id = b.tx
                where b.tx is not null and (f.partner_id is distinct from b.partner_id or b.t < f.occurred_at)
              """
            : "";
        return $"""
            with flagged as (
              select id, partner_id, shop_id, t, bit_or(flag) as flags
              from (
                -- repeat-transaction: an earlier response (respondedAt, then responseId) carried the same transactionId
                select id, partner_id, shop_id, t, {IntegrityFlags.RepeatTransactionBit} as flag
                from (select b.id, b.partner_id, b.shop_id, b.t, row_number() over (partition by b.tx order by b.t, b.id collate "C") as ordinal
                      from integrity_base b where b.tx is not null) x
                where ordinal > 1
                {transactionFlags}
                union all
                -- burst
                select id, partner_id, shop_id, t, {IntegrityFlags.BurstBit}
                from (select s.id, s.partner_id, s.shop_id, s.t,
                             bool_or(s.starts) over (partition by s.shop_id order by s.t, s.id collate "C" rows between {preceding} preceding and current row) as in_burst
                      from (select b.id, b.partner_id, b.shop_id, b.t,
                                   coalesce(lead(b.t, {preceding}) over (partition by b.shop_id order by b.t, b.id collate "C")
                                            <= b.t + interval '{window} seconds', false) as starts
                            from integrity_base b where b.shop_id is not null) s) x
                where in_burst
                union all
                -- duplicate-comment: the same normalised comment on enough of the partner's responses
                select id, partner_id, shop_id, t, {IntegrityFlags.DuplicateCommentBit}
                from (select b.id, b.partner_id, b.shop_id, b.t, count(*) over (partition by b.partner_id, b.comment_key) as same
                      from integrity_base b where char_length(b.comment_key) >= {IntegrityFlags.DuplicateCommentMinLength}) x
                where same >= {IntegrityFlags.DuplicateCommentCount}
              ) u
              group by id, partner_id, shop_id, t
            ),
            stored as (
              insert into {FlagTable} (quarter, response_id, partner_id, shop_id, responded_at_utc, flags)
              select $1, id, partner_id, shop_id, t, flags from flagged
              returning partner_id, flags
            ),
            counts as (
              select partner_id, count(*)::int as flagged,
                     count(*) filter (where flags & {IntegrityFlags.RepeatTransactionBit} <> 0)::int as repeat_transaction,
                     count(*) filter (where flags & {IntegrityFlags.UnknownTransactionBit} <> 0)::int as unknown_transaction,
                     count(*) filter (where flags & {IntegrityFlags.BeforeTransactionBit} <> 0)::int as before_transaction,
                     count(*) filter (where flags & {IntegrityFlags.BurstBit} <> 0)::int as burst,
                     count(*) filter (where flags & {IntegrityFlags.DuplicateCommentBit} <> 0)::int as duplicate_comment
              from stored group by partner_id
            ),
            partners as (
              select partner_id, count(*)::int as responses, count(touchpoint)::int as n, count(*) filter (where touchpoint >= 9)::int as promoters
              from integrity_base group by partner_id
            )
            select p.partner_id, p.responses, p.n, p.promoters, coalesce(c.flagged, 0),
                   coalesce(c.repeat_transaction, 0), coalesce(c.unknown_transaction, 0), coalesce(c.before_transaction, 0),
                   coalesce(c.burst, 0), coalesce(c.duplicate_comment, 0)
            from partners p left join counts c on c.partner_id = p.partner_id
            order by p.partner_id collate "C"
            """;
    }

    /// <summary>
    /// Asks Incentives for the transactions the population names and copies them into <c>integrity_transaction</c>, streamed
    /// both ways on the one connection that holds the temporary tables: the ids are read through a cursor a block at a time
    /// (the next block is fetched while Incentives takes the last), then the answers go into one binary COPY. Answers that
    /// arrive while ids are still being read (a lookup may answer early; Incentives' own reads every id first) wait in
    /// memory until the cursor is done, since the connection can do one thing at a time.
    /// </summary>
    private static async Task LoadTransactionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ISalesTransactions sales,
        CancellationToken ct)
    {
        await ExecuteAsync(connection, transaction, """
            create temp table integrity_transaction (id text not null, partner_id text not null, occurred_at timestamptz not null) on commit drop;
            declare integrity_transaction_ids no scroll cursor for select tx from integrity_base where tx is not null
            """, ct);
        var ids = new TransactionIds(connection, transaction);
        var early = new List<SalesTransactionFact>();
        var rows = new BinaryCopyRows();
        Stream? copy = null;
        try
        {
            await foreach (var fact in sales.FindAsync(ids.ReadAsync(ct), ct))
            {
                if (copy is null)
                {
                    if (!ids.Done)
                    {
                        early.Add(fact);
                        continue;
                    }
                    copy = await BeginCopyAsync(connection, rows, early, ct);
                }
                Row(rows, fact);
                await rows.SendFullBlockAsync(copy, ct);
            }
            if (!ids.Done) await ExecuteAsync(connection, transaction, "close integrity_transaction_ids", ct); // the lookup stopped reading
            copy ??= await BeginCopyAsync(connection, rows, early, ct);
            await rows.FinishAsync(copy, ct);
        }
        finally
        {
            if (copy is not null) await copy.DisposeAsync();
        }
    }

    private static async Task<Stream> BeginCopyAsync(NpgsqlConnection connection, BinaryCopyRows rows, List<SalesTransactionFact> early,
        CancellationToken ct)
    {
        var copy = await connection.BeginRawBinaryCopyAsync("copy integrity_transaction (id, partner_id, occurred_at) from stdin (format binary)", ct);
        rows.Header();
        foreach (var fact in early) Row(rows, fact);
        early.Clear();
        return copy;
    }

    private static void Row(BinaryCopyRows rows, SalesTransactionFact fact)
    {
        rows.Row(3);
        rows.Text(fact.TransactionId);
        rows.Text(fact.PartnerId);
        rows.TimestampTz(fact.OccurredAt);
    }

    /// <summary>The population's transaction ids from the cursor, a block per round trip; the next block is fetched while the
    /// caller works through this one. <see cref="Done"/> once the cursor is read to its end and closed.</summary>
    private sealed class TransactionIds(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        public bool Done { get; private set; }

        public async IAsyncEnumerable<string> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            var next = FetchAsync(ct);
            try
            {
                while (next is not null)
                {
                    var block = await next;
                    next = block.Count == FetchSize ? FetchAsync(ct) : null;
                    foreach (var id in block) yield return id;
                }
                await ExecuteAsync(connection, transaction, "close integrity_transaction_ids", ct);
                Done = true;
            }
            finally
            {
                // Stopped early: the prefetch must be over before anyone else uses the connection.
                if (next is not null) await next.ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        private async Task<List<string>> FetchAsync(CancellationToken ct)
        {
            var ids = new List<string>(FetchSize);
            await using var fetch = new NpgsqlCommand($"fetch forward {FetchSize} from integrity_transaction_ids", connection, transaction);
            await using var reader = await fetch.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
            return ids;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        foreach (var p in parameters) command.Parameters.AddWithValue(p);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync(ct);
    }
}
