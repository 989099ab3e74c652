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

    /// <summary>The shop as a person reads it, "Name (City)" (the city left out when the name already says it); null when
    /// the shop is not one of this partner's: pages show this, never the shop id.</summary>
    public string? ShopLabel(string? shopId) =>
        shopId is null ? null
        : Shops.FirstOrDefault(s => string.Equals(s.ShopId, shopId, StringComparison.Ordinal)) is { } s ? s.Label
        : null;
}

public sealed record ShopInfo(string ShopId, string Name, string City)
{
    /// <summary>"Name (City)", or the name alone when it names the city already or the city is unknown.</summary>
    [System.Text.Json.Serialization.JsonIgnore] // for pages; the API's shop JSON stays { shopId, name, city }
    public string Label => string.IsNullOrEmpty(City) || Name.Contains(City, StringComparison.Ordinal) ? Name : $"{Name} ({City})";
}
