using System.Text;
using System.Text.Json;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>A response as read from JSON or CSV, before the rules are applied. Type errors found while reading
/// (a score that is not an integer, a field that is not a string) are already in <see cref="Errors"/>.</summary>
internal sealed class ResponseInput
{
    public string? ResponseId { get; set; }
    public string? RespondedAt { get; set; }
    public string? Segment { get; set; }
    public string? Channel { get; set; }
    public string? PartnerId { get; set; }
    public string? ShopId { get; set; }
    public string? TransactionId { get; set; }
    public int? Brand { get; set; }
    public int? Product { get; set; }
    public int? Touchpoint { get; set; }
    public string? Comment { get; set; }
    public ValidationErrors Errors { get; } = new();

    /// <summary>Reads one item from <paramref name="reader"/>, positioned on its first token, and leaves the reader on
    /// its last. Unknown properties are skipped; a property given twice counts with its last value.</summary>
    public static ResponseInput Read(ref Utf8JsonReader reader)
    {
        var input = new ResponseInput();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            input.Errors.Add("item", "Each item must be a JSON object.");
            reader.Skip();
            return input;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("responseId"u8)) input.ResponseId = String(ref reader, "responseId", input.Errors);
            else if (reader.ValueTextEquals("respondedAt"u8)) input.RespondedAt = String(ref reader, "respondedAt", input.Errors);
            else if (reader.ValueTextEquals("segment"u8)) input.Segment = String(ref reader, "segment", input.Errors, KnownSegments);
            else if (reader.ValueTextEquals("channel"u8)) input.Channel = String(ref reader, "channel", input.Errors, KnownChannels);
            else if (reader.ValueTextEquals("partnerId"u8)) input.PartnerId = String(ref reader, "partnerId", input.Errors);
            else if (reader.ValueTextEquals("shopId"u8)) input.ShopId = String(ref reader, "shopId", input.Errors);
            else if (reader.ValueTextEquals("transactionId"u8)) input.TransactionId = String(ref reader, "transactionId", input.Errors);
            else if (reader.ValueTextEquals("comment"u8)) input.Comment = String(ref reader, "comment", input.Errors);
            else if (reader.ValueTextEquals("scores"u8)) ReadScores(ref reader, input);
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return input;
    }

    /// <summary>A CSV row by header name; empty cells are absent values.</summary>
    public static ResponseInput FromCsv(Func<string, string?> cell)
    {
        var input = new ResponseInput
        {
            ResponseId = cell("responseId"), RespondedAt = cell("respondedAt"), Segment = cell("segment"), Channel = cell("channel"),
            PartnerId = cell("partnerId"), ShopId = cell("shopId"), TransactionId = cell("transactionId"), Comment = cell("comment"),
        };
        input.Brand = CsvScore(cell("brand"), "brand", input.Errors);
        input.Product = CsvScore(cell("product"), "product", input.Errors);
        input.Touchpoint = CsvScore(cell("touchpoint"), "touchpoint", input.Errors);
        return input;
    }

    /// <summary>A vocabulary with each value's UTF-8 bytes, made once: compared with the JSON text as it is, where the
    /// string overload transcodes the value at every call.</summary>
    private sealed record Vocabulary(IReadOnlyList<(byte[] Utf8, string Value)> Values)
    {
        public static Vocabulary Of(IReadOnlyList<string> values) => new([.. values.Select(v => (Encoding.UTF8.GetBytes(v), v))]);
    }

    private static readonly Vocabulary KnownSegments = Vocabulary.Of(Segments.All);
    private static readonly Vocabulary KnownChannels = Vocabulary.Of(Channels.All);

    /// <summary>A string property's value (the reader is on its name), null when null; any other type, a lone surrogate
    /// or a NUL character is a field error (and the value null, so it never reaches a query). A value of
    /// <paramref name="known"/> (the vocabulary of the field) is that string itself, not a copy: a batch holds ten
    /// thousand of each, alive until the request ends (ADR 0050).</summary>
    private static string? String(ref Utf8JsonReader reader, string name, ValidationErrors errors, Vocabulary? known = null)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String)
        {
            errors.Add(name, $"'{name}' must be a string.");
            reader.Skip();
            return null;
        }
        string text;
        try
        {
            // Both throw on a lone surrogate escaped in the JSON text.
            if (known is not null)
                foreach (var (utf8, value) in known.Values)
                    if (reader.ValueTextEquals(utf8)) return value;
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            errors.Add(name, $"'{name}' is not valid Unicode text (a lone surrogate).");
            return null;
        }
        if (TextRules.IsStorable(text)) return text;
        errors.Add(name, $"'{name}' must not contain NUL characters or lone surrogates.");
        return null;
    }

    private static void ReadScores(ref Utf8JsonReader reader, ResponseInput input)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            input.Errors.Add("scores", "'scores' must be an object { brand, product, touchpoint }.");
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("brand"u8)) input.Brand = Score(ref reader, "brand", input.Errors);
            else if (reader.ValueTextEquals("product"u8)) input.Product = Score(ref reader, "product", input.Errors);
            else if (reader.ValueTextEquals("touchpoint"u8)) input.Touchpoint = Score(ref reader, "touchpoint", input.Errors);
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static int? Score(ref Utf8JsonReader reader, string name, ValidationErrors errors)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var score) && score is >= 0 and <= 10) return score;
        errors.Add($"scores.{name}", $"'scores.{name}' must be an integer from 0 to 10.");
        reader.Skip();
        return null;
    }

    private static int? CsvScore(string? text, string name, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        // Spaces around the number are fine; any other character (a vertical tab, a sign, a decimal point, a NUL, which
        // int.TryParse would ignore at the end) is not.
        var digits = text.Trim(' ', '\t');
        if (digits.Length is > 0 and <= 2 && digits.All(char.IsAsciiDigit) && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var score) && score <= 10)
            return score;
        errors.Add($"scores.{name}", $"'scores.{name}' must be an integer from 0 to 10.");
        return null;
    }
}
