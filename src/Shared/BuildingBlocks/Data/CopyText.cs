using System.Text;

namespace PartnerPortal.BuildingBlocks.Data;

/// <summary>
/// Fields of PostgreSQL's text COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format"): tab
/// between fields, a line per row, backslash escapes. For bulk lookups that send a few narrow columns, where text is as
/// fast as binary and needs no awaited call per value.
/// </summary>
public static class CopyText
{
    private static readonly System.Buffers.SearchValues<char> Reserved = System.Buffers.SearchValues.Create("\\\t\n\r");

    /// <summary>Appends <paramref name="value"/> as one field (<c>\N</c> for null), escaping what the format reserves.</summary>
    public static StringBuilder Field(this StringBuilder line, string? value)
    {
        if (value is null) return line.Append(@"\N");
        if (value.AsSpan().IndexOfAny(Reserved) < 0) return line.Append(value);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => line.Append(@"\\"),
                '\t' => line.Append(@"\t"),
                '\n' => line.Append(@"\n"),
                '\r' => line.Append(@"\r"),
                _ => line.Append(c),
            };
        }
        return line;
    }
}
