using PartnerPortal.BuildingBlocks.Caching;

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
internal sealed class PercentileCache() : StampedCache<(string Quarter, string Segment), DateTimeOffset, PercentileCache.Entry>(MaxEntries)
{
    public const int MaxEntries = 1_000;

    internal sealed record Entry(double[] SortedNps, HashSet<string> Partners);

    /// <param name="knownStamp">the quarter's stamp when the caller has read it already, before reading the card
    /// <paramref name="own"/>; null: read it here.</param>
    public async Task<double?> RankAsync(ScoreCard own, string segment, DateTimeOffset? knownStamp, IQuerySession session,
        ScoreCardQueries queries, CancellationToken ct)
    {
        if (!own.SufficientSample) return null;
        var stamp = knownStamp ?? (await session.LoadAsync<ScoreCardStamp>(own.Quarter, ct))?.CalculatedAt;
        var key = (own.Quarter, segment);
        if (stamp is not { } current || !TryGet(key, current, out var entry))
        {
            var cards = await queries.PartnerTouchpointCardsAsync(own.Quarter, segment, ct);
            var sufficient = cards.Where(c => c.SufficientSample).ToArray();
            entry = new Entry(sufficient.Select(c => c.Nps).Order().ToArray(), sufficient.Select(c => c.PartnerId!).ToHashSet(StringComparer.Ordinal));
            if (stamp is { } read) Set(key, read, entry);
        }
        return PartnerSummary.PercentileRank(own.Nps, entry.SortedNps, entry.Partners.Contains(own.PartnerId!));
    }
}
