using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>Reads batch envelopes (<c>{ "items": [ … ] }</c>) leniently: a wrong type in one item rejects that item,
/// only a malformed envelope or more than 10,000 items rejects the request.</summary>
public static class BatchJson
{
    private static readonly JsonDocumentOptions Parsing = new() { MaxDepth = 16 };

    /// <summary>The body as a JSON document, or the 415/400 problem that says why it is not one.</summary>
    public static async Task<(JsonDocument? Body, IResult? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.",
                detail: "Send the body as application/json."));
        try
        {
            return (await JsonDocument.ParseAsync(request.Body, Parsing, ct), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Validation("body", "The body is not valid JSON: " + e.Message));
        }
    }

    public static async Task<(JsonDocument? Body, IResult? Problem)> ReadItemsAsync(HttpRequest request, CancellationToken ct)
    {
        var (body, problem) = await ReadJsonAsync(request, ct);
        if (body is null) return (null, problem);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            body.Dispose();
            return (null, Problems.Validation("items", "The body must be { \"items\": [ … ] }."));
        }
        if (items.GetArrayLength() > BatchResult.MaxItems)
        {
            var count = items.GetArrayLength();
            body.Dispose();
            return (null, Problems.Validation("items", $"A batch holds at most {BatchResult.MaxItems} items; this one has {count}. Nothing was stored."));
        }
        return (body, null);
    }

    /// <summary>A string property, null when absent or null; any other type, a lone surrogate or a NUL character is a
    /// field error (and the value null, so it never reaches a query).</summary>
    public static string? String(JsonElement item, string name, ValidationErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(name, $"'{name}' must be a string.");
            return null;
        }
        string text;
        try
        {
            text = value.GetString()!;
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

    /// <summary>A natural id: required, at most <see cref="Identifiers.MaxLength"/> characters, <see cref="Identifiers.Rule"/>
    /// (no control characters, no invisible formatting, no look-alike letters).</summary>
    public static bool Id(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) { errors.Add(field, $"'{field}' is required."); return false; }
        if (value.Length > Identifiers.MaxLength) { errors.Add(field, $"'{field}' must be at most {Identifiers.MaxLength} characters."); return false; }
        if (!Identifiers.IsValid(value)) { errors.Add(field, $"'{field}' may contain {Identifiers.Rule}."); return false; }
        return true;
    }

    /// <summary>An item's partner that is given: an identifier, a known partner, and one the caller may submit for
    /// ("You may not submit <paramref name="what"/> for partner …"). Returns it, or null with the field's error.</summary>
    public static T? KnownPartner<T>(ValidationErrors errors, string partnerId, IReadOnlyDictionary<string, T> partners, Security.Caller caller,
        string what) where T : class
    {
        if (!Identifiers.IsValid(partnerId)) { errors.Add("partnerId", $"'partnerId' may contain {Identifiers.Rule}."); return null; }
        if (!partners.TryGetValue(partnerId, out var partner)) { errors.Add("partnerId", $"Partner '{partnerId}' does not exist."); return null; }
        if (!caller.CanAccessPartner(partnerId)) { errors.Add("partnerId", $"You may not submit {what} for partner '{partnerId}'."); return null; }
        return partner;
    }
}
