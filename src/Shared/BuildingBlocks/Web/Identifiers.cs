namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>
/// What an identifier may contain, decided once for every id the portal accepts (partners, shops, responses,
/// transactions, completions, people, courses, bookings, sessions, jobs): ASCII letters and digits and <c>- _ . :</c>,
/// starting with a letter or a digit. Such an id is safe in a URL, a header, a CSV file, a log line and a query, and two
/// ids that look the same are the same: no control characters (a trailing line feed included), no invisible formatting,
/// no look-alike letters from other scripts (Cyrillic "а", fullwidth "ａ").
/// </summary>
/// <remarks>A loop, not a regular expression: .NET's <c>$</c> also matches before a final line feed, which let "p-1\n"
/// through once.</remarks>
public static class Identifiers
{
    /// <summary>The longest id any field accepts (natural ids from other systems); some fields allow fewer.</summary>
    public const int MaxLength = 128;

    /// <summary>The rule in words, for validation messages.</summary>
    public const string Rule = "ASCII letters, digits, '-', '_', '.' and ':' only, starting with a letter or a digit";

    /// <summary>True when <paramref name="value"/> is a whole identifier of 1 to <paramref name="maxLength"/> characters.</summary>
    public static bool IsValid(string? value, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength || !char.IsAsciiLetterOrDigit(value[0])) return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':')) return false;
        }
        return true;
    }
}
