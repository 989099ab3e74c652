using Microsoft.Extensions.Caching.Memory;

namespace PartnerPortal.BuildingBlocks.Caching;

/// <summary>
/// The one in-memory cache of the modules (ADR 0036): each entry is kept with the stamp of the data it was built from and
/// is valid while that stamp is current, so a change made through any host is seen by the next request on every host
/// (the caller reads the current stamp, one primary-key read or a notified value, and asks with it). Bounded by
/// <c>sizeLimit</c> (each entry's size given by the caller; an entry that does not fit is not kept); unused entries go
/// after <see cref="Idle"/>. Used by the partner directory (stamp: the directory version, ADR 0023), by Scoring's
/// views (stamps: the quarters' score-card stamps, ADRs 0021 and 0025), and by the mail recipients: a partner's users, a
/// user's settings (stamps: <see cref="ChangeNotices"/> generations, ADR 0061).
/// </summary>
public abstract class StampedCache<TKey, TStamp, TValue>(long sizeLimit, IEqualityComparer<TStamp>? stampComparer = null) : IDisposable
    where TKey : notnull
{
    public static readonly TimeSpan Idle = TimeSpan.FromHours(1);

    private sealed record Entry(TStamp Stamp, TValue Value);

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = sizeLimit });
    private readonly IEqualityComparer<TStamp> _stamps = stampComparer ?? EqualityComparer<TStamp>.Default;

    /// <summary>The value kept for <paramref name="key"/> under exactly this <paramref name="stamp"/>.</summary>
    public bool TryGet(TKey key, TStamp stamp, out TValue value)
    {
        if (_entries.TryGetValue(key, out Entry? entry) && _stamps.Equals(entry!.Stamp, stamp))
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Keeps a value; <paramref name="stamp"/> must have been read before the data the value was built from, so
    /// that a change in between leaves it under the older stamp (rebuilt next time), never a new stamp over old data.</summary>
    public void Set(TKey key, TStamp stamp, TValue value, long size = 1) =>
        _entries.Set(key, new Entry(stamp, value), new MemoryCacheEntryOptions { Size = size, SlidingExpiration = Idle });

    public void Dispose()
    {
        _entries.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Stamps that are several values (e.g. one per quarter a view was built from): equal when equal element by element.</summary>
public sealed class StampSequenceComparer<T> : IEqualityComparer<T[]>
{
    public static readonly StampSequenceComparer<T> Instance = new();

    public bool Equals(T[]? x, T[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(T[] obj)
    {
        var hash = new HashCode();
        foreach (var item in obj) hash.Add(item);
        return hash.ToHashCode();
    }
}
