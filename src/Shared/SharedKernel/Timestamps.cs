using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PartnerPortal.SharedKernel;

/// <summary>DOMAIN.md: timestamps are ISO 8601 with an offset; one without is rejected.</summary>
public static partial class Timestamps
{
    public const string Expected = "an ISO 8601 timestamp with an offset, e.g. 2023-04-01T10:15:00+02:00";

    /// <summary>A date, a time and an explicit offset (Z or ±hh:mm), nothing else, at an instant within
    /// <see cref="SupportedDates"/>.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value) => Check(text, out value) == DateCheck.Valid;

    /// <summary>As <see cref="TryParse"/>, telling a malformed timestamp from one outside <see cref="SupportedDates"/>.</summary>
    public static DateCheck Check(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || !Pattern().IsMatch(text)) return DateCheck.Malformed;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            return SupportedDates.StartsWithYearOutside(text) ? DateCheck.OutOfRange : DateCheck.Malformed; // 0001 at +01:00, or 2023-02-30
        if (!SupportedDates.Contains(parsed)) return DateCheck.OutOfRange;
        value = parsed;
        return DateCheck.Valid;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Pattern();
}

/// <summary>The fingerprint that tells a resent record (same hash: duplicate) from a changed one (conflict).</summary>
public static class ContentHash
{
    public static string Of(params string?[] values) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', values.Select(v => v ?? "\u0000")))));

    /// <summary>An instant as it takes part in content: the moment, not the offset it was written with.</summary>
    public static string Instant(DateTimeOffset value) => value.UtcTicks.ToString(CultureInfo.InvariantCulture);
}
