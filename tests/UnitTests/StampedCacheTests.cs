using PartnerPortal.BuildingBlocks.Caching;

namespace PartnerPortal.UnitTests;

/// <summary>The shared stamped cache (ADR 0036): a value is returned only under the stamp it was kept with.</summary>
public sealed class StampedCacheTests
{
    private sealed class ByVersion() : StampedCache<string, Guid, string?>(10);

    private sealed class ByQuarters() : StampedCache<string, DateTimeOffset?[], string>(10, StampSequenceComparer<DateTimeOffset?>.Instance);

    [Fact]
    public void A_value_is_found_under_its_stamp_only_and_a_known_absence_is_kept_too()
    {
        using var cache = new ByVersion();
        var v1 = Guid.NewGuid();
        cache.Set("p-1", v1, "Partner 1");
        cache.Set("p-404", v1, null);
        Assert.True(cache.TryGet("p-1", v1, out var found));
        Assert.Equal("Partner 1", found);
        Assert.True(cache.TryGet("p-404", v1, out var absent));
        Assert.Null(absent);
        Assert.False(cache.TryGet("p-1", Guid.NewGuid(), out _)); // the directory changed meanwhile
        Assert.False(cache.TryGet("p-2", v1, out _));
    }

    [Fact]
    public void Several_stamps_match_element_by_element()
    {
        using var cache = new ByQuarters();
        var t = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        cache.Set("k", [t, null, t.AddDays(1)], "view");
        Assert.True(cache.TryGet("k", [t, null, t.AddDays(1)], out var view)); // equal stamps, another array
        Assert.Equal("view", view);
        Assert.False(cache.TryGet("k", [t, t, t.AddDays(1)], out _));
        Assert.False(cache.TryGet("k", [t, null], out _));
    }
}
