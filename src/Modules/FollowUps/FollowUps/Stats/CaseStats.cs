using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.FollowUps.Cases;

namespace PartnerPortal.FollowUps.Stats;

/// <summary>A partner's (or all partners') figures of a quarter (DOMAIN.md): cases opened, closed in time, closed late,
/// open, overdue, the closed-loop rate (closed in time ÷ opened, in percent with one decimal; null without cases) and the
/// root-cause mix of the closed cases. Cases closed by an exclusion count in no figure but the mix (<c>excluded</c>):
/// their response counts nowhere (ADR 0041).</summary>
public sealed record StatsView(int Opened, int ClosedInTime, int ClosedLate, int Open, int Overdue, decimal? ClosedLoopRate,
    IReadOnlyDictionary<string, int> RootCauses);

/// <summary>One partner's row of the back-office overview.</summary>
internal sealed record PartnerStats(string PartnerId, StatsView Stats);

/// <summary>A quarter's figures, from <see cref="CaseFiguresCache"/> while the quarter's <see cref="CaseFiguresStamp"/> and
/// the clock allow, else counted by <see cref="CaseStats.CountAsync"/> (ADR 0048). The stamp is read through the request's
/// own query session.</summary>
internal sealed class CaseFigures(IQuerySession session, CaseFiguresCache cache)
{
    private const string AllPartners = "*";

    public async Task<IReadOnlyList<PartnerStats>> PerPartnerAsync(string quarter, string? partnerId, DateTimeOffset now, CancellationToken ct)
    {
        // The stamp is read before the cases (StampedCache's rule): a change committed in between leaves the count under
        // the older stamp, counted again by the next request.
        var stamp = (await session.LoadAsync<CaseFiguresStamp>(quarter, ct))?.Version ?? Guid.Empty;
        var key = (quarter, partnerId ?? AllPartners);
        if (cache.TryGet(key, stamp, out var kept) && kept.Holds(now)) return kept.Rows;
        var counted = await CaseStats.CountAsync(session.DocumentStore, quarter, partnerId, now, ct);
        cache.Set(key, stamp, counted, counted.Rows.Count + 1);
        return counted.Rows;
    }
}

/// <summary>The figures in two grouped queries, per partner: the worked cases (with a document) in one pass over an
/// index-only scan of <c>ix_followupcase_quarter_partner</c> (its key plus the columns counted here), grouped by partner
/// and root cause and summed here; the unworked ones (open, ADR 0049) from the quarter's detractors without a document. With the figures it finds the open cases' due times nearest to "now", which bound how long the count of
/// overdue cases holds (<see cref="CaseFiguresCache.Entry.Holds"/>).</summary>
internal static class CaseStats
{
    public static async Task<CaseFiguresCache.Entry> CountAsync(IDocumentStore store, string quarter, string? partnerId, DateTimeOffset now,
        CancellationToken ct)
    {
        var table = MartenTables.Of<FollowUpCase>(store);
        var sql = $"""
            select partner_id, root_cause,
              count(*),
              count(*) filter (where status = 'closed' and closed_at <= due_at),
              count(*) filter (where status = 'closed' and closed_at > due_at),
              count(*) filter (where status = 'closed'),
              count(*) filter (where status <> 'closed'),
              count(*) filter (where status <> 'closed' and due_at < $2),
              max(due_at) filter (where status <> 'closed' and due_at < $2),
              min(due_at) filter (where status <> 'closed' and due_at >= $2)
            from {table} where quarter = $1{(partnerId is null ? "" : " and partner_id = $3")}
            group by partner_id, root_cause
            """;
        // opened, closed in time, closed late, open, overdue per partner; the closed cases per root cause.
        var counts = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        var causes = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        DateTimeOffset? after = null, until = null;
        // The open cases' due times nearest to "now" on either side, over both queries.
        void Bound(DateTimeOffset? lastDueBefore, DateTimeOffset? firstDueFrom)
        {
            if (lastDueBefore is { } before && (after is null || before > after)) after = before;
            if (firstDueFrom is { } next && (until is null || next < until)) until = next;
        }
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = quarter });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = now });
        if (partnerId is not null) command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = partnerId });
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var partner = reader.GetString(0);
                var cause = reader.IsDBNull(1) ? null : reader.GetString(1);
                if (!counts.TryGetValue(partner, out var c)) counts[partner] = c = new long[5];
                // Cases closed by an exclusion count in no figure but the mix: their response counts nowhere.
                if (cause != RootCauses.Excluded)
                {
                    c[0] += reader.GetInt64(2);
                    c[1] += reader.GetInt64(3);
                    c[2] += reader.GetInt64(4);
                }
                c[3] += reader.GetInt64(6);
                c[4] += reader.GetInt64(7);
                var closed = reader.GetInt64(5);
                if (cause is not null && closed > 0)
                {
                    if (!causes.TryGetValue(partner, out var mix)) causes[partner] = mix = new Dictionary<string, int>(StringComparer.Ordinal);
                    mix[cause] = (int)closed;
                }
                Bound(reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9));
            }
        }

        // The unworked cases (open, no document: ADR 0049), per partner: how many, how many stored too long ago to be in
        // time, and the store times nearest to that line on both sides (their due times bound how long the count holds).
        var overdueBefore = DueDates.FirstStoredDueFrom(now);
        await using var unworked = new Npgsql.NpgsqlCommand($"""
            select d.partner_id, count(*), count(*) filter (where d.received_at < $2),
              max(d.received_at) filter (where d.received_at < $2), min(d.received_at) filter (where d.received_at >= $2)
            from {CaseRows.Unworked(store)} and d.quarter = $1{(partnerId is null ? "" : $" and d.partner_id = $3 and {WorkedFloor.From(store, "$3")}")}
            group by d.partner_id
            """, connection);
        unworked.Parameters.Add(new Npgsql.NpgsqlParameter { Value = quarter });
        unworked.Parameters.Add(new Npgsql.NpgsqlParameter { Value = overdueBefore });
        if (partnerId is not null) unworked.Parameters.Add(new Npgsql.NpgsqlParameter { Value = partnerId });
        await using var rowsOfUnworked = await unworked.ExecuteReaderAsync(ct);
        while (await rowsOfUnworked.ReadAsync(ct))
        {
            var partner = rowsOfUnworked.GetString(0);
            if (!counts.TryGetValue(partner, out var c)) counts[partner] = c = new long[5];
            var open = rowsOfUnworked.GetInt64(1);
            c[0] += open;
            c[3] += open;
            c[4] += rowsOfUnworked.GetInt64(2);
            Bound(rowsOfUnworked.IsDBNull(3) ? null : DueDates.DueAt(rowsOfUnworked.GetFieldValue<DateTimeOffset>(3)),
                rowsOfUnworked.IsDBNull(4) ? null : DueDates.DueAt(rowsOfUnworked.GetFieldValue<DateTimeOffset>(4)));
        }
        var rows = counts.Select(c => new PartnerStats(c.Key, Of(c.Value[0], c.Value[1], c.Value[2], c.Value[3], c.Value[4],
            causes.GetValueOrDefault(c.Key) ?? new Dictionary<string, int>()))).ToArray();
        return new CaseFiguresCache.Entry(rows, after, until);
    }

    public static StatsView Of(long opened, long inTime, long late, long open, long overdue, IReadOnlyDictionary<string, int> causes) =>
        new((int)opened, (int)inTime, (int)late, (int)open, (int)overdue,
            opened == 0 ? null : Math.Round(100m * inTime / opened, 1, MidpointRounding.AwayFromZero),
            RootCauses.All.ToDictionary(c => c, c => causes.GetValueOrDefault(c), StringComparer.Ordinal));

    /// <summary>The sum of partners' figures (all partners of a quarter for back office).</summary>
    public static StatsView Sum(IEnumerable<StatsView> rows)
    {
        var list = rows.ToList();
        return Of(list.Sum(r => r.Opened), list.Sum(r => r.ClosedInTime), list.Sum(r => r.ClosedLate), list.Sum(r => r.Open), list.Sum(r => r.Overdue),
            RootCauses.All.ToDictionary(c => c, c => list.Sum(r => r.RootCauses.GetValueOrDefault(c)), StringComparer.Ordinal));
    }
}
