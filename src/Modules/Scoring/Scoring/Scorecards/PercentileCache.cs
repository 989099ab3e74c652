using System.Collections.Concurrent;
using Marten;

namespace PartnerPortal.Scoring.Scorecards;

/// <summary>When a quarter's score cards were last written (one small document per quarter, written after the cards).</summary>
public sealed class ScoreCardStamp
{
    public string Id { get; set; } = "";
    public DateTimeOffset CalculatedAt { get; set; }
    public int Cards { get; set; }
}

/// <summary>
/// The partners' touchpoint NPS of a quarter and segment, sorted, for percentile ranks: reading a thousand cards for
/// every summary request was most of its cost. An entry is valid while the quarter's <see cref="ScoreCardStamp"/> is
/// unchanged, so a recalculation on any host is seen by the next request (one primary-key read per request).
/// </summary>
internal sealed class PercentileCache
{
    private sealed record Entry(DateTimeOffset Stamp, double[] SortedNps, HashSet<string> Partners);

    private readonly ConcurrentDictionary<(string Quarter, string Segment), Entry> _entries = new();

    /// <param name="knownStamp">the quarter's stamp when the caller has read it already, before reading the card
    /// <paramref name="own"/>; null: read it here.</param>
    public async Task<double?> RankAsync(ScoreCard own, string segment, DateTimeOffset? knownStamp, IQuerySession session,
        ScoreCardQueries queries, CancellationToken ct)
    {
        if (!own.SufficientSample) return null;
        var stamp = knownStamp ?? (await session.LoadAsync<ScoreCardStamp>(own.Quarter, ct))?.CalculatedAt;
        var key = (own.Quarter, segment);
        if (stamp is null || !_entries.TryGetValue(key, out var entry) || entry.Stamp != stamp)
        {
            var cards = await queries.PartnerTouchpointCardsAsync(own.Quarter, segment, ct);
            var sufficient = cards.Where(c => c.SufficientSample).ToArray();
            entry = new Entry(stamp ?? default, sufficient.Select(c => c.Nps).Order().ToArray(),
                sufficient.Select(c => c.PartnerId!).ToHashSet(StringComparer.Ordinal));
            if (stamp is not null) _entries[key] = entry;
        }
        return PartnerSummary.PercentileRank(own.Nps, entry.SortedNps, entry.Partners.Contains(own.PartnerId!));
    }
}
