using Microsoft.Extensions.Caching.Memory;

namespace PartnerPortal.Scoring.Scorecards;

/// <summary>
/// Views built from score cards, each kept with the <see cref="ScoreCardStamp"/>s of the quarters it was built from and
/// valid while those stamps are unchanged, so a recalculation of any of them on any host is seen by the next request
/// (the stamps come from <see cref="ScoreCardStamps"/>: memory while notifications are heard, else one query).
/// Bounded by <paramref name="sizeLimit"/> (each entry's size is given by the caller); unused entries are dropped
/// after <see cref="Idle"/>. See ADRs 0021 and 0025.
/// </summary>
internal abstract class StampedCache<TKey, TView>(long sizeLimit) : IDisposable where TKey : notnull where TView : class
{
    public static readonly TimeSpan Idle = TimeSpan.FromHours(1);

    private sealed record Entry(DateTimeOffset?[] Stamps, TView View);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = sizeLimit });

    /// <summary>The view built from cards whose quarters had exactly these <paramref name="stamps"/> (null: no stamp).</summary>
    public bool TryGet(TKey key, DateTimeOffset?[] stamps, out TView view)
    {
        if (_entries.TryGetValue(key, out Entry? entry) && entry!.Stamps.AsSpan().SequenceEqual(stamps))
        {
            view = entry.View;
            return true;
        }
        view = null!;
        return false;
    }

    /// <summary>Keeps a view; <paramref name="stamps"/> must have been read before the cards it was built from, so that
    /// a recalculation in between leaves it under the older stamp (rebuilt next time), never new stamps over old cards.</summary>
    public void Set(TKey key, DateTimeOffset?[] stamps, TView view, long size = 1) =>
        _entries.Set(key, new Entry(stamps, view), new MemoryCacheEntryOptions { Size = size, SlidingExpiration = Idle });

    public void Dispose() => _entries.Dispose();
}

/// <summary>Built partner summaries per (partner, quarter, segment), under the stamps of their five quarters; at most
/// <see cref="MaxEntries"/> (a summary is about 2–3 KB). See ADR 0021.</summary>
internal sealed class SummaryCache() : StampedCache<(string PartnerId, string Quarter, string Segment), PartnerSummaryView>(MaxEntries)
{
    public const int MaxEntries = 20_000;
}

/// <summary>
/// Answers of <c>GET /api/v1/scoring/scorecards</c> per filter and caller's partner, under the quarter's stamp. Sized in
/// cards: at most <see cref="MaxCards"/> cached in all (a card view is about 300 bytes), and a list longer than
/// <see cref="MaxCardsPerList"/> (a back-office export of a whole quarter) is not kept at all.
/// </summary>
internal sealed class ScoreCardListCache() : StampedCache<(ScoreCardFilter Filter, string? CallerPartnerId), ScoreCardList>(MaxCards)
{
    public const int MaxCards = 200_000;
    public const int MaxCardsPerList = 2_000;
}
