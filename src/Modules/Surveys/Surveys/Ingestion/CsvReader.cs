using System.Text;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>A streaming RFC 4180 reader: comma-separated, double quotes with "" escapes, quoted line breaks, LF or
/// CRLF. Reads asynchronously in blocks; a row over the limits is reported and skipped, never buffered whole.</summary>
internal sealed class CsvReader(TextReader reader) : IDisposable
{
    public const int MaxFieldLength = 10_000;
    public const int MaxFields = 64;

    private readonly char[] _buffer = new char[1 << 16];
    private int _position;
    private int _length;
    private bool _eof;

    public void Dispose() => reader.Dispose();

    /// <summary>The next row, or null at the end of the input.</summary>
    public async ValueTask<string[]?> ReadRowAsync(CancellationToken ct)
    {
        if (!await EnsureAsync(ct)) return null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStart = true;
        string? error = null;
        while (true)
        {
            if (!await EnsureAsync(ct))
            {
                if (quoted) error ??= "A quoted field is not closed before the end of the file.";
                break;
            }
            var c = _buffer[_position++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (!await EnsureAsync(ct) || _buffer[_position] != '"') { quoted = false; continue; }
                    _position++;
                }
                Append(field, c, ref error);
                continue;
            }
            if (c == '"' && fieldStart) { quoted = true; fieldStart = false; continue; }
            if (c == ',')
            {
                AddField(fields, field, ref error);
                fieldStart = true;
                continue;
            }
            if (c == '\n') break;
            if (c == '\r')
            {
                if (await EnsureAsync(ct) && _buffer[_position] == '\n') _position++;
                break;
            }
            fieldStart = false;
            Append(field, c, ref error);
        }
        AddField(fields, field, ref error);
        if (error is not null) throw new CsvFormatException(error);
        return fields.ToArray();
    }

    private static void Append(StringBuilder field, char c, ref string? error)
    {
        if (field.Length < MaxFieldLength) field.Append(c);
        else error ??= $"A field is longer than {MaxFieldLength} characters.";
    }

    private static void AddField(List<string> fields, StringBuilder field, ref string? error)
    {
        if (fields.Count < MaxFields) fields.Add(field.ToString());
        else error ??= $"A row has more than {MaxFields} fields.";
        field.Clear();
    }

    private async ValueTask<bool> EnsureAsync(CancellationToken ct)
    {
        if (_position < _length) return true;
        if (_eof) return false;
        _length = await reader.ReadAsync(_buffer.AsMemory(), ct);
        _position = 0;
        if (_length == 0) _eof = true;
        return _length > 0;
    }
}

internal sealed class CsvFormatException(string message) : Exception(message);
