using Npgsql;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.FollowUps.Cases;

/// <summary>
/// Per partner: every detractor stored before <see cref="StoredBefore"/> has a case document (ADR 0049). Reads of a
/// partner's unworked cases start there instead of walking past its whole history of worked ones. Documents are never
/// deleted, so the mark stays true as cases move on; it only moves forward. It stays <see cref="Lag"/> behind the clock,
/// and ingestion refuses to commit a response stored longer ago than half that (<see cref="CheckStoredRecently"/>), so no
/// response can appear behind the mark after it was set.
/// </summary>
public sealed class WorkedFloor
{
    public string Id { get; set; } = "";
    public DateTimeOffset StoredBefore { get; set; }

    public static readonly TimeSpan Lag = TimeSpan.FromHours(1);

    /// <summary>The condition "stored at or after the partner's mark" on the view's row <c>d</c>, the partner id given as
    /// <paramref name="partnerParameter"/> (Marten's <c>?</c>, or <c>$n</c> in commands written by hand): uncorrelated,
    /// so it bounds the index range.</summary>
    public static string From(IDocumentStore store, string partnerParameter = "?") =>
        $"d.received_at >= coalesce((select f.stored_before from {MartenTables.Of<WorkedFloor>(store)} f where f.id = {partnerParameter}), '-infinity'::timestamptz)";

    /// <summary>Moves <paramref name="partnerId"/>'s mark up to its first unworked detractor (or <paramref name="now"/> −
    /// <see cref="Lag"/>, whichever is earlier), walking from the mark. Run after a case's first move commits: a partner
    /// working its cases in order walks a few rows each time. Concurrent runs keep the highest mark; every mark one
    /// computes is true, so none is lost.</summary>
    public static async Task AdvanceAsync(IDocumentStore store, string partnerId, DateTimeOffset now, CancellationToken ct)
    {
        var floors = MartenTables.Of<WorkedFloor>(store);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            insert into {floors} (id, data, stored_before)
            select $1, jsonb_build_object('id', $1::text, 'storedBefore', m), m from (
              select least($2::timestamptz, {string.Join(", ", CaseRows.UnworkedHalves(store).Select(half =>
                  $"(select d.received_at from {half} and d.partner_id = $1 and {From(store, "$1")} order by d.received_at limit 1)"))}) m) x
            on conflict (id) do update set data = excluded.data, stored_before = excluded.stored_before
              where {floors}.stored_before < excluded.stored_before
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = partnerId });
        command.Parameters.Add(new NpgsqlParameter { Value = (now - Lag).ToUniversalTime() });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Ingestion's side of the mark: a transaction storing responses stamped longer ago than half the lag is
    /// refused (it rolls back; the request fails and may be sent again), so a mark set meanwhile never hides them.</summary>
    public static void CheckStoredRecently(IReadOnlyList<StoredResponse> responses, DateTimeOffset now)
    {
        foreach (var r in responses)
            if (now - r.StoredAt > Lag / 2)
                throw new InvalidOperationException($"Responses stamped {r.StoredAt:O} are committed at {now:O}, later than the follow-up floor allows.");
    }
}
