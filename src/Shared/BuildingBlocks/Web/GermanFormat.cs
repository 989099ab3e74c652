using System.Globalization;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>How the portal writes numbers, money and times: German conventions, Europe/Berlin time.</summary>
public static class GermanFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("de-DE");

    public static string DateTime(DateTimeOffset instant) => BerlinTime.ToLocal(instant).ToString("dd.MM.yyyy, HH:mm", Culture) + " Uhr";

    public static string Date(DateTimeOffset instant) => BerlinTime.ToLocal(instant).ToString("dd.MM.yyyy", Culture);

    /// <summary>One decimal, half away from zero: 45,2.</summary>
    public static string Score(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", Culture);

    /// <summary>1.234,56 €</summary>
    public static string Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", Culture) + " €";

    public static string Integer(long value) => value.ToString("#,##0", Culture);

    /// <summary>Q2 2023; also the neighbours of the supported range a trend reaches (Q4 1999 before 2000-Q1).</summary>
    public static string Quarter(string quarter) =>
        SharedKernel.Quarter.Check(quarter, out _) == SharedKernel.DateCheck.Malformed ? quarter : $"Q{quarter[6]} {quarter[..4]}";
}
