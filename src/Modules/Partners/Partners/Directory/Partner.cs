namespace PartnerPortal.Partners.Directory;

/// <summary>A retail partner with its shops (Standorte). Document in schema <c>partners</c>.</summary>
public sealed class Partner
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public List<Shop> Shops { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed record Shop(string ShopId, string Name, string City);

/// <summary>Which partner owns a shop. Its id is the shop id, so a shop can belong to one partner only
/// (DOMAIN.md: shop ids are unique across all partners) and two concurrent claims cannot both win.</summary>
public sealed class ShopOwnership
{
    public string Id { get; set; } = "";
    public string PartnerId { get; set; } = "";
}
