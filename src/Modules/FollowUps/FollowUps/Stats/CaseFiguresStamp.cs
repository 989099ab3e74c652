using Npgsql;
using PartnerPortal.BuildingBlocks.Data;

namespace PartnerPortal.FollowUps.Stats;

/// <summary>
/// One small document per quarter whose <see cref="Version"/> changes in the same transaction as any change to a case
/// of that quarter: the cases opened by ingestion (<see cref="Opening.CaseOpening"/>) and every move
/// (<see cref="Cases.CaseMoves"/>: start, close, reopen, an exclusion's close and a release's reopen). A host keeps the
/// figures it counted while the stamp it read before counting is current (<see cref="CaseFiguresCache"/>), so a change
/// made through any host is counted by the next request on every host (ADRs 0036, 0047). Written last in its
/// transaction (by ingestion in the commit's own round trip, ADR 0060), so the row's lock is held only until the commit
/// and is never waited for while holding another.
/// </summary>
public sealed class CaseFiguresStamp
{
    public string Id { get; set; } = "";
    public Guid Version { get; set; }

    public static CaseFiguresStamp New(string quarter) => new() { Id = quarter, Version = Guid.NewGuid() };

    /// <summary>The command giving <paramref name="quarters"/> new versions, for ingestion to send with its commit (ADR 0060),
    /// taking the rows' locks in quarter order so that two transactions take them in the same order.</summary>
    internal static NpgsqlBatchCommand Renewal(IDocumentStore store, IEnumerable<string> quarters)
    {
        var ordered = quarters.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var command = new NpgsqlBatchCommand($"""
            insert into {MartenTables.Of<CaseFiguresStamp>(store)} (id, data)
            select q, jsonb_build_object('id', q, 'version', gen_random_uuid()) from unnest($1::text[]) as t(q) order by q collate "C"
            on conflict (id) do update set data = excluded.data
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ordered });
        return command;
    }
}
