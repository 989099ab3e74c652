using System.ComponentModel.DataAnnotations;
using PartnerPortal.Surveys.Listing;

namespace PartnerPortal.Surveys.Trust;

/// <summary>The body of <c>PUT</c> and <c>DELETE …/responses/{responseId}/quarantine</c>: why.</summary>
internal sealed record QuarantineRequest([MaxLength(2000)] string? Note);

/// <summary>
/// What the two quarantine use cases share (<see cref="QuarantineResponse"/>: <c>PUT …/quarantine</c>,
/// <see cref="ReleaseQuarantine"/>: <c>DELETE …/quarantine</c>): their outcome, the note rule and the API mapping.
/// Back office only (scope <c>surveys:review</c>, unbound caller), a note is required both ways, every step audited, the
/// quarter recalculated after the commit.
/// </summary>
internal static class Quarantine
{
    public const int NoteMaxLength = 2000;

    /// <summary>The outcome the API endpoint and the back-office page both map.</summary>
    public enum Outcome { Done, Unchanged, Invalid, NotFound, Conflict }

    public sealed record Result(Outcome Outcome, SurveyResponse? Response = null, ResponseExclusion? Exclusion = null,
        IDictionary<string, string[]>? Errors = null, string? Message = null, IReadOnlyList<string>? Jobs = null);

    /// <summary>The response and its exclusion, if any, read in the use case's session; null when there is no such response.</summary>
    public static async Task<(SurveyResponse Response, ResponseExclusion? Existing)?> LoadAsync(IDocumentSession session, string responseId,
        CancellationToken ct) =>
        await ResponseRows.LoadAsync(session, responseId, ct) is { } response
            ? (response, await session.LoadAsync<ResponseExclusion>(responseId, ct))
            : null;

    public static Result NoSuchResponse(string responseId) => new(Outcome.NotFound, Message: $"Response '{responseId}' does not exist.");

    public static IDictionary<string, string[]>? Validate(string? note)
    {
        var errors = new ValidationErrors();
        errors.Text("note", note, NoteMaxLength);
        return errors.IsValid ? null : errors.ToDictionary();
    }

    /// <summary>The API adapter: 200 with the response (now showing <c>excluded</c>), 400, 404, 409.</summary>
    public static IResult ToHttp(Result result, Caller caller) => result.Outcome switch
    {
        Outcome.Done or Outcome.Unchanged => TypedResults.Ok(ListResponses.ToView(result.Response!, result.Exclusion, caller)),
        Outcome.Invalid => Problems.Validation(result.Errors!),
        Outcome.NotFound => Problems.NotFound(result.Message!),
        _ => Problems.Conflict(result.Message!),
    };
}
