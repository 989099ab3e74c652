using Microsoft.Extensions.Caching.Memory;

namespace PartnerPortal.Scoring.Scorecards;

/// <summary>
/// Built partner summaries per (partner, quarter, segment). A summary is made of the score cards of five quarters
/// (the quarter, three more trend quarters and the one before the oldest); an entry is valid while the
/// <see cref="ScoreCardStamp"/>s of all five are what they were when it was built, so a recalculation of any of them on
/// any host is seen by the next request (one query for the five stamps per request). Bounded: at most
/// <see cref="MaxEntries"/> entries (a summary is about 2–3 KB), unused ones dropped after <see cref="Idle"/>.
/// See ADR 0021.
/// </summary>
internal sealed class SummaryCache : IDisposable
{
    public const int MaxEntries = 20_000;
    public static readonly TimeSpan Idle = TimeSpan.FromHours(1);

    private sealed record Key(string PartnerId, string Quarter, string Segment);

    private sealed record Entry(DateTimeOffset?[] Stamps, PartnerSummaryView View);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>The summary built from cards whose quarters had exactly these <paramref name="stamps"/> (null: no stamp).</summary>
    public bool TryGet(string partnerId, string quarter, string segment, DateTimeOffset?[] stamps, out PartnerSummaryView view)
    {
        if (_entries.TryGetValue(new Key(partnerId, quarter, segment), out Entry? entry) && entry!.Stamps.AsSpan().SequenceEqual(stamps))
        {
            view = entry.View;
            return true;
        }
        view = null!;
        return false;
    }

    /// <summary>Keeps a summary; <paramref name="stamps"/> must have been read before the cards it was built from, so that
    /// a recalculation in between leaves it under the older stamp (rebuilt next time), never new stamps over old cards.</summary>
    public void Set(string partnerId, string quarter, string segment, DateTimeOffset?[] stamps, PartnerSummaryView view) =>
        _entries.Set(new Key(partnerId, quarter, segment), new Entry(stamps, view),
            new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });

    public void Dispose() => _entries.Dispose();
}
