namespace PartnerPortal.Surveys.Contracts;

/// <summary>The values of DOMAIN.md's glossary, as they appear on the wire (kebab-case).</summary>
public static class Channels
{
    public const string PartnerShop = "partner-shop";
    public const string OwnShop = "own-shop";
    public const string Hotline = "hotline";
    public const string Online = "online";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [PartnerShop, OwnShop, Hotline, Online, Other];
}

public static class Segments
{
    public const string Private = "private";
    public const string Business = "business";

    public static readonly IReadOnlyList<string> All = [Private, Business];
}

public static class Dimensions
{
    public const string Brand = "brand";
    public const string Product = "product";
    public const string Touchpoint = "touchpoint";

    public static readonly IReadOnlyList<string> All = [Brand, Product, Touchpoint];
}
