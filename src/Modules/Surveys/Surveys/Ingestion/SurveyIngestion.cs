using System.Buffers;
using System.Runtime.InteropServices;
using PartnerPortal.BuildingBlocks.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;
using Npgsql;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>
/// Stores responses exactly once. Items are validated, de-duplicated inside the batch, then written in bulk; the ids
/// PostgreSQL did not insert are compared with what is stored. Identical content again is a duplicate; other content
/// under a known id is a conflict and the stored response is kept. A row PostgreSQL refuses (a value or constraint the
/// rules above did not foresee) is found by halving the batch and rejected alone; the other rows are stored (ADR 0030).
/// The <see cref="IResponsesStoredListener"/>s (FollowUps' cases) write in the same transaction, told of the rows really
/// inserted (ADR 0041).
/// </summary>
internal sealed class SurveyIngestion(IDocumentStore store, IPartnerDirectory partners, Caller caller, TimeProvider clock, ILogger<SurveyIngestion> logger,
    IEnumerable<IResponsesStoredListener> storedListeners)
{
    private readonly IResponsesStoredListener[] _listeners = storedListeners.ToArray();

    /// <summary>True once any response of this request has been committed (an import then never ends in a 500).</summary>
    public bool StoredAny { get; private set; }
    public async Task<IReadOnlyList<ItemResult>> IngestAsync(IReadOnlyList<ResponseInput> inputs, int firstIndex, CancellationToken ct)
    {
        var known = await partners.FindManyAsync(inputs.Select(i => i.PartnerId).OfType<string>(), ct);
        var receivedAt = clock.GetUtcNow();
        var results = new ItemResult?[inputs.Count];
        var candidates = Candidates.Get();
        try
        {
            await StoreAsync(inputs, firstIndex, known, receivedAt, results, candidates, ct);
        }
        finally
        {
            Candidates.Return(candidates);
        }
        return results!;
    }

    /// <summary>
    /// The batch's new ids, kept between requests: 10,000 entries are about 320 kB, an array .NET puts on the large object
    /// heap, and one of those (with the smaller ones it grew through) per batch set off a full collection every few
    /// batches (ADR 0050). Cleared on return, so no response outlives its request.
    /// </summary>
    private static readonly ObjectPool<Dictionary<string, (int Position, SurveyResponse Response)>> Candidates =
        new DefaultObjectPool<Dictionary<string, (int Position, SurveyResponse Response)>>(new CandidatePolicy());

    private sealed class CandidatePolicy : PooledObjectPolicy<Dictionary<string, (int Position, SurveyResponse Response)>>
    {
        public override Dictionary<string, (int Position, SurveyResponse Response)> Create() => new(StringComparer.Ordinal);

        public override bool Return(Dictionary<string, (int Position, SurveyResponse Response)> candidates)
        {
            candidates.Clear();
            return true;
        }
    }

    private async Task StoreAsync(IReadOnlyList<ResponseInput> inputs, int firstIndex, IReadOnlyDictionary<string, PartnerInfo> known,
        DateTimeOffset receivedAt, ItemResult?[] results, Dictionary<string, (int Position, SurveyResponse Response)> candidates, CancellationToken ct)
    {
        var repeats = new List<(int Position, SurveyResponse Response)>();

        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var response = ResponseRules.Validate(input, known, caller, receivedAt);
            if (response is null)
                results[i] = new ItemResult(firstIndex + i, input.ResponseId, ItemStatus.Rejected, input.Errors.ToDictionary());
            else
            {
                ref var candidate = ref CollectionsMarshal.GetValueRefOrAddDefault(candidates, response.Id, out var seen);
                if (seen) repeats.Add((i, response));
                else candidate = (i, response);
            }
        }

        if (candidates.Count > 0)
        {
            var rows = candidates.Values.Select(c => c.Response).ToArray();
            // Grouped by partner, then in time, as the partner index is: its insertions then go page by page instead of
            // jumping between every partner's pages, which saved PostgreSQL about 8 % of the COPY (ADR 0024).
            SortInPartnerIndexOrder(rows, known);
            var stored = new Dictionary<string, SurveyResponse>(StringComparer.Ordinal);
            var refused = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var connection = store.Storage.Database.CreateConnection())
            {
                await connection.OpenAsync(ct);
                await StoreNewAsync(connection, rows, stored, refused, ct);
            }
            foreach (var (position, response) in candidates.Values)
                results[position] = refused.TryGetValue(response.Id, out var why) ? Refused(firstIndex + position, response.Id, why)
                    : stored.TryGetValue(response.Id, out var existing) ? Compare(firstIndex + position, response, existing)
                    : new ItemResult(firstIndex + position, response.Id, ItemStatus.Accepted);
            // A repeat inside the batch is compared with what is stored now: the earlier response, or the first item.
            foreach (var (position, response) in repeats)
                results[position] = refused.TryGetValue(response.Id, out var why) ? Refused(firstIndex + position, response.Id, why)
                    : Compare(firstIndex + position, response, stored.TryGetValue(response.Id, out var existing) ? existing : candidates[response.Id].Response);
        }
    }

    private static ItemResult Refused(int index, string id, string why) =>
        new(index, id, ItemStatus.Rejected, new Dictionary<string, string[]> { ["item"] = [why] });

    /// <summary>
    /// By partner (ordinal; none first), then in time, then by id (ordinal, as <c>collate "C"</c>): a total order, so two
    /// overlapping batches (one the other reversed) COPY their common rows in the same order and wait for each other
    /// instead of dead-locking. Sorted on keys made once per row (the partner's rank among the batch's partners, the
    /// ticks), so ten thousand rows compare numbers, not partner ids; the keys come from a pool and are cleared on return.
    /// </summary>
    internal static void SortInPartnerIndexOrder(SurveyResponse[] rows, IReadOnlyDictionary<string, PartnerInfo> partners)
    {
        var ranks = new Dictionary<string, int>(partners.Count, StringComparer.Ordinal);
        foreach (var id in partners.Keys.Order(StringComparer.Ordinal)) ranks[id] = ranks.Count;
        var keys = ArrayPool<PartnerIndexKey>.Shared.Rent(rows.Length);
        try
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                // A row's partner is one of the batch's known partners (the rules refuse others); none sorts first.
                keys[i] = new PartnerIndexKey(r.PartnerId is null ? -1 : ranks[r.PartnerId], r.RespondedAt.UtcTicks, r.Id);
            }
            Array.Sort(keys, rows, 0, rows.Length);
        }
        finally
        {
            ArrayPool<PartnerIndexKey>.Shared.Return(keys, clearArray: true);
        }
    }

    internal readonly record struct PartnerIndexKey(int Partner, long Ticks, string Id) : IComparable<PartnerIndexKey>
    {
        public int CompareTo(PartnerIndexKey other)
        {
            var byPartner = Partner.CompareTo(other.Partner);
            if (byPartner != 0) return byPartner;
            var byTime = Ticks.CompareTo(other.Ticks);
            return byTime != 0 ? byTime : string.CompareOrdinal(Id, other.Id);
        }
    }

    private static ItemResult Compare(int index, SurveyResponse response, SurveyResponse stored) =>
        response.HasSameContentAs(stored)
            ? new ItemResult(index, response.Id, ItemStatus.Duplicate)
            : new ItemResult(index, response.Id, ItemStatus.Conflict, new Dictionary<string, string[]>
            {
                ["responseId"] = [$"Response '{response.Id}' is stored already with other content; the stored one is kept."],
            });

    private const string Columns = "id, data, responded_at_utc, quarter, segment, channel, partner_id, shop_id, brand, product, touchpoint, received_at";
    private string Table => MartenTables.Of<SurveyResponse>(store);

    /// <summary>
    /// Writes the responses not stored yet and returns the stored responses of those that were. The common case, all
    /// new, is one binary COPY straight into the table. If PostgreSQL's unique index refuses a row (a resent
    /// response, or the same id arriving from another request at the same moment), or two such requests dead-lock, that
    /// transaction is rolled back
    /// and the batch goes the careful way: COPY into a temporary table, then INSERT … ON CONFLICT DO NOTHING
    /// RETURNING id, in id order so two overlapping batches cannot dead-lock. Either way the unique index decides,
    /// so no id is stored twice or lost, on any number of hosts.
    /// </summary>
    private async Task<Dictionary<string, SurveyResponse>> StoreNewAsync(NpgsqlConnection connection, ArraySegment<SurveyResponse> responses, CancellationToken ct)
    {
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await CopyAsync(connection, Table, responses, clock, ct);
            await using var withCommit = await TellListenersAsync(connection, transaction, responses, ct);
            await CommitAsync(transaction, withCommit, ct);
            StoredAny = true;
            return new Dictionary<string, SurveyResponse>(StringComparer.Ordinal);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected)
        {
            // A dead-lock with an overlapping batch (PostgreSQL rolled this one back, nothing stored) is a clash too.
            return await StoreNewCarefullyAsync(connection, responses, ct);
        }
    }

    /// <summary>
    /// <see cref="StoreNewAsync(NpgsqlConnection, ArraySegment{SurveyResponse}, CancellationToken)"/>, and when PostgreSQL
    /// refuses a row's data (an error of <see cref="IsRowRefusal"/>: the transaction rolled back, nothing of it stored),
    /// the same for each half, down to the single rows it refuses, which go to <paramref name="refused"/>. One bad row in
    /// 5,000 costs about 26 smaller COPYs; valid rows are never lost with it.
    /// </summary>
    private async Task StoreNewAsync(NpgsqlConnection connection, ArraySegment<SurveyResponse> responses, Dictionary<string, SurveyResponse> stored,
        Dictionary<string, string> refused, CancellationToken ct)
    {
        try
        {
            foreach (var (id, existing) in await StoreNewAsync(connection, responses, ct)) stored[id] = existing;
        }
        catch (PostgresException e) when (IsRowRefusal(e))
        {
            if (responses.Count == 1)
            {
                logger.LogWarning("PostgreSQL refused survey response {ResponseId}: {SqlState} {Message}", responses[0].Id, e.SqlState, e.MessageText);
                refused[responses[0].Id] = $"The database refused this response (SQLSTATE {e.SqlState}); it was not stored.";
                return;
            }
            var half = responses.Count / 2;
            await StoreNewAsync(connection, responses[..half], stored, refused, ct);
            await StoreNewAsync(connection, responses[half..], stored, refused, ct);
        }
    }

    /// <summary>An error about the rows' content rather than the database: a data exception (class 22), an integrity
    /// constraint other than the unique id (class 23: a check or not-null constraint), or a row too large for an index.</summary>
    private static bool IsRowRefusal(PostgresException e) =>
        e.SqlState.StartsWith("22", StringComparison.Ordinal)
        || (e.SqlState.StartsWith("23", StringComparison.Ordinal) && e.SqlState != PostgresErrorCodes.UniqueViolation)
        || e.SqlState == PostgresErrorCodes.ProgramLimitExceeded;

    private async Task<Dictionary<string, SurveyResponse>> StoreNewCarefullyAsync(NpgsqlConnection connection, ArraySegment<SurveyResponse> responses, CancellationToken ct)
    {
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await using (var create = new NpgsqlCommand($"create temp table incoming (like {Table}) on commit drop", connection, transaction))
                await create.ExecuteNonQueryAsync(ct);
            await CopyAsync(connection, "incoming", responses, clock, ct);
            await using (var insert = new NpgsqlCommand(
                             $"insert into {Table} ({Columns}) select {Columns} from incoming order by id collate \"C\" on conflict (id) do nothing returning id",
                             connection, transaction))
            await using (var reader = await insert.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) inserted.Add(reader.GetString(0));
            }
            await using var withCommit = await TellListenersAsync(connection, transaction, responses.Where(r => inserted.Contains(r.Id)).ToArray(), ct);
            await CommitAsync(transaction, withCommit, ct);
            if (inserted.Count > 0) StoredAny = true;
        }

        var clashing = responses.Where(r => !inserted.Contains(r.Id)).Select(r => r.Id).ToArray();
        if (clashing.Length == 0) return new Dictionary<string, SurveyResponse>(StringComparer.Ordinal);
        await using var session = store.QuerySession();
        return await ResponseRows.LoadManyAsync(session, clashing, ct);
    }

    /// <summary>Tells the listeners of the responses this transaction inserts, on its connection (nothing to do without
    /// listeners: the host without FollowUps pays nothing), and gives back the commands they want sent with the commit.</summary>
    private async Task<NpgsqlBatch> TellListenersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<SurveyResponse> inserted,
        CancellationToken ct)
    {
        var withCommit = new NpgsqlBatch(connection, transaction);
        if (_listeners.Length == 0 || inserted.Count == 0) return withCommit;
        var stored = new StoredResponses(inserted);
        var now = clock.GetUtcNow();
        foreach (var listener in _listeners) await listener.ResponsesStoredAsync(connection, transaction, stored, now, withCommit, ct);
        return withCommit;
    }

    /// <summary>
    /// Commits, with the listeners' last commands in the same round trip (ADR 0060): they and a <c>commit</c> go as one
    /// batch, so the rows they lock (the figure stamps) are held only for the commit. PostgreSQL runs a batch's commands in
    /// order and skips the rest after a failure, so a failing command leaves the transaction uncommitted (it is rolled back
    /// when disposed) and throws here as <see cref="NpgsqlTransaction.CommitAsync(CancellationToken)"/> would. After the
    /// batch's commit Npgsql sees the transaction ended and treats it as completed.
    /// </summary>
    internal static async Task CommitAsync(NpgsqlTransaction transaction, NpgsqlBatch withCommit, CancellationToken ct)
    {
        if (withCommit.BatchCommands.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return;
        }
        withCommit.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
        await withCommit.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The inserted responses as the listeners see them, each read when asked for (no copy of the batch).</summary>
    private sealed class StoredResponses(IReadOnlyList<SurveyResponse> inserted) : IReadOnlyList<StoredResponse>
    {
        public int Count => inserted.Count;

        public StoredResponse this[int index]
        {
            get
            {
                var r = inserted[index];
                return new StoredResponse(r.Id, r.Channel, r.PartnerId, r.ShopId, r.Quarter, r.Touchpoint, r.Comment, r.RespondedAt, r.ReceivedAt);
            }
        }

        public IEnumerator<StoredResponse> GetEnumerator()
        {
            for (var i = 0; i < inserted.Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Binary COPY of the responses: the columns, and the document with what has no column (JSON as Marten reads
    /// it, see <see cref="ResponseDocument"/>; ADR 0058), encoded by <see cref="BinaryCopyRows"/> and sent in blocks of 64 kB.
    /// The responses' store time is taken once the COPY has begun, so inside the transaction that stores them: a
    /// response is never stamped before its transaction started, which is what lets FollowUps copy the detractors stamped
    /// before every running transaction began (<see cref="DetractorResponses"/>, ADR 0064).</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, string table, ArraySegment<SurveyResponse> responses, TimeProvider clock,
        CancellationToken ct)
    {
        var document = new ResponseDocument();
        var rows = new BinaryCopyRows();
        await using var copy = await connection.BeginRawBinaryCopyAsync($"copy {table} ({Columns}) from stdin (format binary)", ct);
        var storedAt = clock.GetUtcNow();
        rows.Header();
        foreach (var r in responses)
        {
            r.ReceivedAt = storedAt; // before the document is written: its JSON carries the store time too
            rows.Row(12);
            rows.Text(r.Id);
            rows.Jsonb(document.Write(r).Span);
            rows.TimestampTz(r.RespondedAt);
            rows.Text(r.Quarter);
            rows.Text(r.Segment);
            rows.Text(r.Channel);
            rows.Text(r.PartnerId);
            rows.Text(r.ShopId);
            rows.Integer(r.Brand);
            rows.Integer(r.Product);
            rows.Integer(r.Touchpoint);
            rows.TimestampTz(r.ReceivedAt);
            await rows.SendFullBlockAsync(copy, ct);
        }
        await rows.FinishAsync(copy, ct);
    }
}
