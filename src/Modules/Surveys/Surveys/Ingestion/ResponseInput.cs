using System.Text.Json;
using PartnerPortal.BuildingBlocks.Web;

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

    public static ResponseInput FromJson(JsonElement item)
    {
        var input = new ResponseInput();
        if (item.ValueKind != JsonValueKind.Object)
        {
            input.Errors.Add("item", "Each item must be a JSON object.");
            return input;
        }
        input.ResponseId = String(item, "responseId", input.Errors);
        input.RespondedAt = String(item, "respondedAt", input.Errors);
        input.Segment = String(item, "segment", input.Errors);
        input.Channel = String(item, "channel", input.Errors);
        input.PartnerId = String(item, "partnerId", input.Errors);
        input.ShopId = String(item, "shopId", input.Errors);
        input.TransactionId = String(item, "transactionId", input.Errors);
        input.Comment = String(item, "comment", input.Errors);
        if (item.TryGetProperty("scores", out var scores) && scores.ValueKind != JsonValueKind.Null)
        {
            if (scores.ValueKind != JsonValueKind.Object)
            {
                input.Errors.Add("scores", "'scores' must be an object { brand, product, touchpoint }.");
            }
            else
            {
                input.Brand = Score(scores, "brand", input.Errors);
                input.Product = Score(scores, "product", input.Errors);
                input.Touchpoint = Score(scores, "touchpoint", input.Errors);
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

    private static string? String(JsonElement item, string name, ValidationErrors errors) => BatchJson.String(item, name, errors);

    private static int? Score(JsonElement scores, string name, ValidationErrors errors)
    {
        if (!scores.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var score) && score is >= 0 and <= 10) return score;
        errors.Add($"scores.{name}", $"'scores.{name}' must be an integer from 0 to 10.");
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
