namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>What every string the portal stores or shows must satisfy, whatever field it is.</summary>
public static class TextRules
{
    /// <summary>PostgreSQL's text and jsonb cannot hold NUL, and a lone surrogate is not text at all: such a value is
    /// refused as the field's error, and never reaches a query.</summary>
    public static bool IsStorable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c) && (i + 1 == value.Length || !char.IsLowSurrogate(value[++i]))) return false;
            if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }

    /// <summary>Control characters other than line feed, carriage return and tab (C0, DEL, C1).</summary>
    public static bool HasControlCharacters(string value) => value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    /// <summary>Bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
    /// U+061C): they reorder what a reader sees ("Trojan Source"), so names and ids may not hold them. Customers'
    /// comments may (they can be Arabic or Hebrew).</summary>
    public static bool HasBidiControls(string value) =>
        value.Any(c => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C');

}
