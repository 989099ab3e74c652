using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace PartnerPortal.BuildingBlocks.Security;

/// <summary>
/// The one key of an e-mail address that the sign-in rate limit, the lockout counter, the stored login
/// (<c>PortalUser.NormalizedEmail</c>) and the login's look-up all use, so that they can never count or find different
/// strings (ADR 0027). Ambiguous forms are refused rather than folded: a value whose Unicode compatibility form differs
/// (the Kelvin sign <c>K</c> U+212A for <c>K</c>, full-width letters, U+3000 …), that holds control, space or invisible
/// formatting characters, or whose letters do not survive upper- and lower-casing unchanged (<c>ẞ</c> and final
/// <c>ς</c>: each would meet another address under one of the two case mappings; .NET's invariant mappings leave the
/// Turkish <c>ı</c> and <c>İ</c> alone, so those meet none).
/// </summary>
public static class LoginEmail
{
    /// <summary>The longest address RFC 5321 allows.</summary>
    public const int MaxLength = 254;

    /// <summary>The key of a form field's values: null unless there is exactly one (a repeated <c>Email</c> field is
    /// refused, so that no two readers can pick different values).</summary>
    public static string? Normalise(StringValues values) => values.Count == 1 ? Normalise(values[0]) : null;

    /// <summary>The key: the value without surrounding ASCII white space, in upper case (invariant; what ASP.NET Core
    /// Identity stored before, so existing logins keep their key); null when it is empty, too long or ambiguous.</summary>
    public static string? Normalise(string? raw)
    {
        if (raw is null) return null;
        var value = raw.Trim(' ', '\t', '\n', '\f', '\r'); // HTML's "ASCII whitespace", which an e-mail input strips too
        if (value.Length is 0 or > MaxLength) return null;
        if (!Web.TextRules.IsStorable(value) || !value.IsNormalized(NormalizationForm.FormKC)) return null;
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || Rune.IsWhiteSpace(rune)) return null;
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned) return null;
        }
        var upper = value.ToUpperInvariant();
        var lower = value.ToLowerInvariant();
        if (!string.Equals(upper.ToLowerInvariant(), lower, StringComparison.Ordinal)
            || !string.Equals(lower.ToUpperInvariant(), upper, StringComparison.Ordinal)) return null;
        return upper;
    }
}
