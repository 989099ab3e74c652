namespace PartnerPortal.Partners.Contracts;

/// <summary>The partner directory as other modules may see it.</summary>
public interface IPartnerDirectory
{
    Task<PartnerInfo?> FindAsync(string partnerId, CancellationToken cancellationToken);

    /// <summary>The known partners among <paramref name="partnerIds"/>, in one round trip.</summary>
    Task<IReadOnlyDictionary<string, PartnerInfo>> FindManyAsync(IEnumerable<string> partnerIds, CancellationToken cancellationToken);

    /// <summary>A back-office page's partner picker: the partners by name, at most <see cref="PartnerChoices.Max"/>
    /// (<c>PartnerPortal:Pages:PartnerPickerMax</c>, 1,000 unless configured), and <paramref name="selected"/> among them
    /// whenever it is a known partner (so a chosen partner stays chosen).</summary>
    Task<PartnerChoices> ChoicesAsync(string? selected, CancellationToken cancellationToken);
}

/// <summary>The partners a picker offers, at most <paramref name="Max"/> (plus the chosen one); <see cref="Complete"/> is
/// false when there are more, and the picker then takes a partner id as typed (suggesting the listed ones) instead of
/// hiding the others.</summary>
public sealed record PartnerChoices(IReadOnlyList<PartnerInfo> Partners, bool Complete, int Max = PartnerChoices.DefaultMax)
{
    /// <summary>A select of more partners is neither quick to load nor to use.</summary>
    public const int DefaultMax = 1000;

    /// <summary>The picker's options: id and name.</summary>
    public IReadOnlyList<(string Id, string Name)> Options => [.. Partners.Select(p => (p.PartnerId, p.Name))];
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
