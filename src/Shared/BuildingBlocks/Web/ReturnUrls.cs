using System.Globalization;
using System.Text;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>
/// Where the portal may send a browser back to (after sign-in, from the login page, after a language switch): a path
/// on this site, nothing else (ADR 0027). Every place that redirects to a caller-given URL asks here.
/// <para>
/// Browsers drop tabs and line breaks anywhere in a URL and control characters and spaces around it, and read
/// <c>\</c> as <c>/</c>: <c>/&#x9;/evil.example</c> is <c>//evil.example</c>, another site. So a value with a control
/// character (C0, DEL, C1), any Unicode space or line separator, an invisible formatting character or a backslash is
/// refused, as is one that does not start with a single <c>/</c>, and one whose path, percent-decoded (up to three
/// times, for a proxy or an app behind a link that decodes again), would break one of these rules. What is left is
/// returned as ASCII (other characters percent-encoded as UTF-8), so the <c>Location</c> header can always be written.
/// </para>
/// </summary>
public static class ReturnUrls
{
    /// <summary>Longer return addresses are not followed (no page of the portal needs one).</summary>
    public const int MaxLength = 2048;

    /// <summary>The local path to redirect to, or null (then the caller goes home, <c>/</c>).</summary>
    public static string? LocalOrNull(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || !IsPlainLocalPath(url)) return null;
        var end = url.IndexOfAny(['?', '#']);
        var path = end < 0 ? url : url[..end];
        for (var round = 0; round < 3 && path.Contains('%', StringComparison.Ordinal); round++)
        {
            var decoded = Uri.UnescapeDataString(path);
            if (string.Equals(decoded, path, StringComparison.Ordinal)) break;
            if (!IsPlainLocalPath(decoded)) return null;
            path = decoded;
        }
        return AsAscii(url);
    }

    private static bool IsPlainLocalPath(string url)
    {
        if (url.Length == 0 || url[0] != '/' || (url.Length > 1 && url[1] is '/' or '\\')) return false;
        if (!TextRules.IsStorable(url)) return false;
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value == '\\' || Rune.IsControl(rune) || Rune.IsWhiteSpace(rune)) return false;
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned) return false;
        }
        return true;
    }

    private static string AsAscii(string url)
    {
        if (System.Text.Ascii.IsValid(url)) return url;
        var builder = new StringBuilder(url.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                builder.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++) builder.Append('%').Append(utf8[i].ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
