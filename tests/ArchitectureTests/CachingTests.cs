using System.Reflection;
using PartnerPortal.BuildingBlocks.Caching;

namespace PartnerPortal.ArchitectureTests;

/// <summary>One stamped-cache mechanism (ADR 0036): every cache a module keeps is a <see cref="StampedCache{TKey,TStamp,TValue}"/>
/// from BuildingBlocks, valid under the stamp of its data, never a dictionary or memory cache of the module's own.</summary>
public sealed class CachingTests
{
    [Theory]
    [InlineData("Partners")]
    [InlineData("Surveys")]
    [InlineData("Scoring")]
    [InlineData("Funds")]
    [InlineData("Training")]
    [InlineData("Notifications")]
    [InlineData("FollowUps")]
    public void Every_module_cache_is_a_stamped_cache(string module)
    {
        var own = Assembly.Load($"PartnerPortal.{module}").GetTypes()
            .Where(t => t.Name.EndsWith("Cache", StringComparison.Ordinal) && !t.IsNested && !IsStampedCache(t))
            .Select(t => t.FullName).ToArray();
        Assert.True(own.Length == 0, $"{module}: caches of their own (derive from BuildingBlocks' StampedCache):\n" + string.Join("\n", own));
    }

    private static bool IsStampedCache(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(StampedCache<,,>)) return true;
        return false;
    }
}
