using System.Collections.Concurrent;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Partners.Directory;

/// <summary>
/// Partners (and ids known not to be partners) as read under one <see cref="PartnerDirectoryStamp"/> version. Survey
/// ingestion looks up the partners of every batch; reading and deserialising them per batch was a sixth of its CPU.
/// Bounded: past <see cref="MaxEntries"/> the cache starts over.
/// </summary>
internal sealed class PartnerDirectoryCache
{
    public const int MaxEntries = 100_000;

    private sealed record Generation(Guid Version, ConcurrentDictionary<string, PartnerInfo?> Entries);

    private Generation _current = new(Guid.Empty, new(StringComparer.Ordinal));

    /// <summary>The entries valid under <paramref name="version"/> (an empty set when the stamp moved on).</summary>
    public ConcurrentDictionary<string, PartnerInfo?> For(Guid version)
    {
        var current = Volatile.Read(ref _current);
        if (current.Version == version && current.Entries.Count < MaxEntries) return current.Entries;
        var fresh = new Generation(version, new(StringComparer.Ordinal));
        Interlocked.CompareExchange(ref _current, fresh, current);
        return Volatile.Read(ref _current) is { } now && now.Version == version ? now.Entries : fresh.Entries;
    }
}
