using System.Globalization;

namespace PartnerPortal.Scoring.Pages;

internal static class Labels
{
    public static string Channel(string? channel) => channel switch
    {
        "partner-shop" => "Fachhandel (Partner)",
        "own-shop" => "Eigene Shops",
        "hotline" => "Hotline",
        "online" => "Online",
        "other" => "Sonstige",
        _ => "Alle Kontaktpunkte",
    };

    public static string Dimension(string dimension) => dimension switch
    {
        "brand" => "Netzbetreiber (Marke)",
        "product" => "Produkt",
        _ => "Kontaktpunkt",
    };

    public static string Segment(string segment) => segment switch
    {
        "private" => "Privatkunden",
        "business" => "Geschäftskunden",
        _ => "Alle Kunden",
    };

    public static string Change(string? change) => change switch
    {
        "up" => "▲ signifikant gestiegen",
        "down" => "▼ signifikant gesunken",
        "none" => "keine signifikante Änderung",
        _ => "kein Vergleich möglich",
    };

    /// <summary>The quarter before a <c>yyyy-Qn</c> text, as text: trend points reach before the supported range (ADR 0030),
    /// where <see cref="SharedKernel.Quarter"/> would refuse them.</summary>
    public static string PreviousQuarter(string quarter)
    {
        var year = int.Parse(quarter.AsSpan(0, quarter.Length - 3), NumberStyles.Integer, CultureInfo.InvariantCulture);
        var n = quarter[^1] - '0';
        return n == 1 ? $"{year - 1}-Q4" : $"{year}-Q{n - 1}";
    }

    /// <summary>Invariant number for SVG coordinates.</summary>
    public static string Svg(double value) => BuildingBlocks.Web.SvgText.Svg(value);
}
