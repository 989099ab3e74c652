using System.Globalization;
using System.Text;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>The two CSV flavours the portal's exports offer (ADR 0044).</summary>
public enum CsvDialect
{
    /// <summary>RFC 4180: comma, decimal point, UTF-8 without BOM. For tools.</summary>
    Standard,

    /// <summary>What German Excel opens by double-click: semicolon, decimal comma, UTF-8 with BOM (else umlauts break).</summary>
    GermanExcel,
}

/// <summary>
/// Writes CSV rows to a stream, quoting as RFC 4180 asks. Text cells that a spreadsheet would read as a formula
/// (starting with <c>= + - @</c>, tab or CR; customers' comments are free text) get a leading apostrophe (OWASP "CSV
/// injection"); numbers are written by <see cref="Number"/>/<see cref="Integer"/> and never changed.
/// </summary>
public sealed class CsvWriter : IAsyncDisposable
{
    private readonly StreamWriter _writer;
    private readonly char _separator;
    private readonly CultureInfo _numbers;
    private readonly List<string> _row = [];

    public CsvWriter(Stream stream, CsvDialect dialect)
    {
        Dialect = dialect;
        var german = dialect == CsvDialect.GermanExcel;
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: german), leaveOpen: true);
        _separator = german ? ';' : ',';
        _numbers = german ? GermanFormat.Culture : CultureInfo.InvariantCulture;
    }

    public CsvDialect Dialect { get; }

    /// <summary><c>excel</c> (or <c>de</c>) picks <see cref="CsvDialect.GermanExcel"/>, anything else the standard.</summary>
    public static CsvDialect DialectOf(string? variant) =>
        variant is "excel" or "de" ? CsvDialect.GermanExcel : CsvDialect.Standard;

    /// <summary>Text, quoted when needed and defused when it looks like a formula.</summary>
    public CsvWriter Text(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        _row.Add(Quote(text));
        return this;
    }

    /// <summary>A decimal number with the dialect's decimal separator, no thousands separator.</summary>
    public CsvWriter Number(double? value, string format = "0.0") =>
        Raw(value?.ToString(format, _numbers) ?? "");

    public CsvWriter Number(decimal? value, string format = "0.00") =>
        Raw(value?.ToString(format, _numbers) ?? "");

    public CsvWriter Integer(long? value) => Raw(value?.ToString(CultureInfo.InvariantCulture) ?? "");

    /// <summary>Ends the row (CRLF, as RFC 4180 and Excel expect).</summary>
    public async Task EndRowAsync(CancellationToken ct = default)
    {
        await _writer.WriteAsync(string.Join(_separator, _row).AsMemory(), ct);
        await _writer.WriteAsync("\r\n".AsMemory(), ct);
        _row.Clear();
    }

    /// <summary>A header or data row of text cells.</summary>
    public Task RowAsync(IEnumerable<string> cells, CancellationToken ct = default)
    {
        foreach (var cell in cells) Text(cell);
        return EndRowAsync(ct);
    }

    public Task FlushAsync() => _writer.FlushAsync();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private CsvWriter Raw(string value)
    {
        _row.Add(Quote(value));
        return this;
    }

    private string Quote(string value) =>
        value.IndexOfAny([_separator, '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
