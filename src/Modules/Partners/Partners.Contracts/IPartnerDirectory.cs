namespace PartnerPortal.Partners.Contracts;

/// <summary>The partner directory as other modules may see it.</summary>
public interface IPartnerDirectory
{
    Task<PartnerInfo?> FindAsync(string partnerId, CancellationToken cancellationToken);

    /// <summary>The known partners among <paramref name="partnerIds"/>, in one round trip.</summary>
    Task<IReadOnlyDictionary<string, PartnerInfo>> FindManyAsync(IEnumerable<string> partnerIds, CancellationToken cancellationToken);

    /// <summary>Partners by name, at most <paramref name="max"/> (for pickers in back-office pages).</summary>
    Task<IReadOnlyList<PartnerInfo>> ListAsync(int max, CancellationToken cancellationToken);
}

public sealed record PartnerInfo(string PartnerId, string Name, IReadOnlyList<ShopInfo> Shops)
{
    public bool HasShop(string shopId) => Shops.Any(s => string.Equals(s.ShopId, shopId, StringComparison.Ordinal));
}

public sealed record ShopInfo(string ShopId, string Name, string City);
