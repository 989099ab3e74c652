using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerPortal.Notifications.Mails;

/// <summary>
/// What an <c>immediate</c> mail tells (ADR 0063): the user's name, the partner's, the listed cases (at most
/// <see cref="CaseMails.MaxListed"/>) and how many there are. Stored as the outbox message's body under
/// <see cref="Template"/> in the transaction that opens the cases; <see cref="CaseMails.Text"/> writes the mail from it when
/// it is sent. Everything here is fixed when the case opens (a response never changes; its due time follows from its
/// store time), so the mail says what it would have said when it was written.
/// </summary>
internal sealed record CaseMailFacts(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("partner")] string Partner,
    [property: JsonPropertyName("cases")] CaseMailFacts.Case[] Cases,
    [property: JsonPropertyName("total")] int Total)
{
    /// <summary>The outbox's <c>template</c> of a body stored as these facts.</summary>
    public const string Template = "followup-case/1";

    internal sealed record Case(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("shop")] string? Shop,
        [property: JsonPropertyName("score")] int Score,
        [property: JsonPropertyName("comment")] string? Comment,
        [property: JsonPropertyName("due")] DateTimeOffset Due);

    public static string Serialize(CaseMailFacts facts) => JsonSerializer.Serialize(facts, CaseMailFactsJson.Default.CaseMailFacts);

    public static CaseMailFacts Deserialize(string json)
    {
        try
        {
            var facts = JsonSerializer.Deserialize(json, CaseMailFactsJson.Default.CaseMailFacts);
            if (facts is { Cases.Length: > 0 } && facts.Total >= facts.Cases.Length && facts.User is not null && facts.Partner is not null) return facts;
        }
        catch (JsonException)
        {
        }
        throw new InvalidDataException("The outbox message's body is not the facts of a follow-up case mail.");
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaseMailFacts))]
internal sealed partial class CaseMailFactsJson : JsonSerializerContext;
