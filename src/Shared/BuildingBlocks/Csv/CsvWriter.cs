using System.Globalization;
using System.Text;

namespace PartnerPortal.BuildingBlocks.Csv;

/// <summary>
/// The two CSV dialects the portal writes (ADR 0045): <see cref="Machine"/> (comma, invariant numbers, UTF-8 without BOM:
/// the payout export's original bytes) and <see cref="ExcelGerman"/> (semicolon, decimal comma, UTF-8 with BOM, so German
/// Excel opens it by double-click with umlauts and amounts right). A field holding the separator, a quote or a line break
/// is quoted, quotes doubled (RFC 4180); a text starting with <c>= + - @</c> gets a leading apostrophe in the Excel dialect
/// so a partner name is never run as a formula.
/// </summary>
public sealed record CsvDialect(char Separator, CultureInfo Numbers, bool ByteOrderMark, bool GuardFormulas)
{
    public static readonly CsvDialect Machine = new(',', CultureInfo.InvariantCulture, false, false);
    public static readonly CsvDialect ExcelGerman = new(';', CultureInfo.GetCultureInfo("de-DE"), true, true);

    public Encoding Encoding => new UTF8Encoding(ByteOrderMark);

    /// <summary>The dialect a page's <c>variant</c>/<c>format</c> parameter asks for: <c>excel</c>, <c>excel-de</c> or
    /// <c>de</c> the German-Excel one, anything else the machine one.</summary>
    public static CsvDialect Of(string? variant) => variant is "excel" or "excel-de" or "de" ? ExcelGerman : Machine;
}

/// <summary>Writes rows of one <see cref="CsvDialect"/> to a stream, line by line ("\n" line ends), for exports that stream.</summary>
public sealed class CsvWriter(Stream stream, CsvDialect dialect) : IAsyncDisposable
{
    private readonly StreamWriter _writer = new(stream, dialect.Encoding);
    private readonly StringBuilder _line = new();

    public CsvDialect Dialect => dialect;

    /// <summary>Writes one line of already formatted fields (text as is, quoted where needed).</summary>
    public Task WriteRowAsync(params IEnumerable<string?> fields)
    {
        _line.Clear();
        var first = true;
        foreach (var field in fields)
        {
            if (!first) _line.Append(dialect.Separator);
            first = false;
            _line.Append(Field(field ?? ""));
        }
        _line.Append('\n');
        return _writer.WriteAsync(_line.ToString());
    }

    /// <summary>A money amount with two decimals in the dialect's numbers (<c>1234.50</c> or <c>1234,50</c>, no thousands separator).</summary>
    public string Amount(decimal value) => value.ToString("0.00", dialect.Numbers);

    /// <summary>A number with one decimal (scores).</summary>
    public string Decimal1(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", dialect.Numbers);

    public string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One field as written: quoted when it holds the separator, a quote or a line break.</summary>
    public string Field(string value)
    {
        if (dialect.GuardFormulas && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Float, dialect.Numbers, out _))
            value = "'" + value;
        return value.IndexOfAny([dialect.Separator, '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public async ValueTask DisposeAsync() => await _writer.DisposeAsync();
}
