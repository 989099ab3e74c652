using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.FollowUps.Cases;
using PartnerPortal.FollowUps.Contracts;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.FollowUps.Opening;

/// <summary>
/// Opens a case for each detractor response (channel <c>partner-shop</c>, touchpoint 0–6) inside the transaction that
/// stores the responses: one binary COPY per call (the responses were inserted by this transaction, so their cases are
/// new; a clash falls back to <c>INSERT … ON CONFLICT (id) DO NOTHING</c> behind a savepoint), so a response stored once
/// has exactly one case (the id is the response id), whichever host or retry got there, and a batch pays one statement. The <see cref="IFollowUpCaseListener"/>s (the mail outbox) are told of the cases really
/// inserted, on the same transaction (ADR 0041).
/// </summary>
internal sealed class CaseOpening(IDocumentStore store, IEnumerable<IFollowUpCaseListener> listeners, ILogger<CaseOpening> logger) : IResponsesStoredListener
{
    private readonly IFollowUpCaseListener[] _listeners = listeners.ToArray();

    public static bool IsDetractor(StoredResponse r) =>
        r.Channel == Channels.PartnerShop && r.PartnerId is not null && r.Touchpoint is >= 0 and <= 6;

    public async Task ResponsesStoredAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredResponse> responses, CancellationToken ct)
    {
        List<FollowUpCase>? cases = null;
        foreach (var r in responses)
        {
            if (!IsDetractor(r)) continue;
            (cases ??= []).Add(new FollowUpCase
            {
                Id = r.ResponseId, ResponseId = r.ResponseId, PartnerId = r.PartnerId!, ShopId = r.ShopId, Quarter = r.Quarter, Score = r.Touchpoint!.Value,
                Comment = r.Comment, RespondedAt = r.RespondedAt, OpenedAt = r.StoredAt, DueAt = DueDates.DueAt(r.StoredAt), Status = CaseStatus.Open,
            });
        }
        if (cases is null) return;
        var opened = await InsertAsync((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, cases, ct);
        if (opened.Count == 0) return;
        logger.LogDebug("Opened {Count} follow-up cases", opened.Count);
        if (_listeners.Length > 0)
        {
            var infos = opened.Select(CaseInfo.Of).ToArray();
            foreach (var listener in _listeners) await listener.CasesOpenedAsync(connection, transaction, infos, ct);
        }
        // Last in the transaction (the stamp rows' locks are held only until the commit): the figures counted before are stale.
        await Stats.CaseFiguresStamp.RenewAsync(store, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction, opened.Select(c => c.Quarter), ct);
    }

    /// <summary>The columns ingestion writes besides the document; the rest (version, timestamps) take their defaults.</summary>
    private const string Columns = "id, data, partner_id, quarter, status, due_at, opened_at";

    private async Task<IReadOnlyList<FollowUpCase>> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<FollowUpCase> cases,
        CancellationToken ct)
    {
        // In id order, so two overlapping batches take the rows' locks in the same order.
        cases.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        // The responses handed over were inserted by this very transaction, so no case with their ids can exist: a binary
        // COPY, the cheapest write there is (ADR 0041, measured in ADR 0047). Should one exist all the same (a hand repair),
        // the savepoint takes the COPY back and the careful insert skips it.
        await using (var savepoint = new NpgsqlCommand("savepoint followup_cases", connection, transaction))
            await savepoint.ExecuteNonQueryAsync(ct);
        try
        {
            await CopyAsync(connection, cases, ct);
            return cases;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await using var rollback = new NpgsqlCommand("rollback to savepoint followup_cases", connection, transaction);
            await rollback.ExecuteNonQueryAsync(ct);
            return await InsertCarefullyAsync(connection, transaction, cases, ct);
        }
    }

    /// <summary>The cases as binary COPY rows (<see cref="BinaryCopyRows"/>, JSON by <see cref="CaseDocument"/>), sent in
    /// blocks of about 128 kB: no string and no awaited call per value.</summary>
    private async Task CopyAsync(NpgsqlConnection connection, List<FollowUpCase> cases, CancellationToken ct)
    {
        var document = new CaseDocument();
        var rows = new BinaryCopyRows();
        await using var copy = await connection.BeginRawBinaryCopyAsync(
            $"copy {MartenTables.Of<FollowUpCase>(store)} ({Columns}) from stdin (format binary)", ct);
        rows.Header();
        foreach (var c in cases)
        {
            rows.Row(7);
            rows.Text(c.Id);
            rows.Jsonb(document.Write(c).Span);
            rows.Text(c.PartnerId);
            rows.Text(c.Quarter);
            rows.Text(c.Status);
            rows.TimestampTz(c.DueAt);
            rows.TimestampTz(c.OpenedAt);
            await rows.SendFullBlockAsync(copy, ct);
        }
        await rows.FinishAsync(copy, ct);
    }

    private async Task<IReadOnlyList<FollowUpCase>> InsertCarefullyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<FollowUpCase> cases, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        var n = cases.Count;
        var ids = new string[n];
        var data = new string[n];
        var partners = new string[n];
        var quarters = new string[n];
        var due = new DateTime[n];
        var openedAt = new DateTime[n];
        for (var i = 0; i < n; i++)
        {
            var c = cases[i];
            ids[i] = c.Id;
            data[i] = serializer.ToJson(c);
            partners[i] = c.PartnerId;
            quarters[i] = c.Quarter;
            due[i] = c.DueAt.UtcDateTime;
            openedAt[i] = c.OpenedAt.UtcDateTime;
        }
        var sql = $"insert into {MartenTables.Of<FollowUpCase>(store)} ({Columns}) "
                  + "select i, d::jsonb, p, q, $5, du, o from unnest($1::text[], $2::text[], $3::text[], $4::text[], $6::timestamptz[], $7::timestamptz[]) as t(i, d, p, q, du, o) "
                  + "order by i on conflict (id) do nothing returning id";
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = partners, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = quarters, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = CaseStatus.Open, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = due, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = openedAt, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) inserted.Add(reader.GetString(0));
        }
        return inserted.Count == n ? cases : cases.Where(c => inserted.Contains(c.Id)).ToArray();
    }
}
