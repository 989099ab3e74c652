using Marten;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Surveys.Listing;

namespace PartnerPortal.Surveys.Trust;

/// <summary>The body of <c>PUT</c> and <c>DELETE …/responses/{responseId}/quarantine</c>: why.</summary>
public sealed record QuarantineRequest(string? Note);

/// <summary>
/// <c>PUT /api/v1/surveys/responses/{responseId}/quarantine</c> <c>{ note }</c> excludes a response (reason
/// <c>integrity</c>); <c>DELETE</c> the same releases it. Back office only (scope <c>surveys:review</c>, unbound caller),
/// a note is required both ways, every step audited, the quarter recalculated after the commit.
/// </summary>
internal static class Quarantine
{
    public const int NoteMaxLength = 2000;

    /// <summary>The outcome the API endpoint and the back-office page both map.</summary>
    public enum Outcome { Done, Unchanged, Invalid, NotFound, Conflict }

    public sealed record Result(Outcome Outcome, SurveyResponse? Response = null, ResponseExclusion? Exclusion = null,
        IDictionary<string, string[]>? Errors = null, string? Message = null, IReadOnlyList<string>? Jobs = null);

    public static async Task<Result> QuarantineAsync(string responseId, string? note, Caller caller, IDocumentStore store, Exclusions exclusions,
        TimeProvider clock, CancellationToken ct)
    {
        if (Validate(note) is { } errors) return new Result(Outcome.Invalid, Errors: errors);
        await using var session = store.LightweightSession();
        var response = await session.LoadAsync<SurveyResponse>(responseId, ct);
        if (response is null) return new Result(Outcome.NotFound, Message: $"Response '{responseId}' does not exist.");
        var existing = await session.LoadAsync<ResponseExclusion>(responseId, ct);
        if (existing is not null)
        {
            return existing.Reason == ExclusionReasons.Integrity
                ? new Result(Outcome.Unchanged, response, existing)
                : new Result(Outcome.Conflict, response, existing, Message: $"Response '{responseId}' is excluded already by an accepted appeal.");
        }
        var exclusion = exclusions.Exclude(session, response, ExclusionReasons.Integrity, note!.Trim(), null, caller, clock.GetUtcNow());
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (MartenErrors.IsAlreadyExists(e))
        {
            // Excluded meanwhile by a concurrent request: that one's state stands.
            await using var fresh = store.QuerySession();
            var winner = await fresh.LoadAsync<ResponseExclusion>(responseId, ct);
            return winner?.Reason == ExclusionReasons.Integrity
                ? new Result(Outcome.Unchanged, response, winner)
                : new Result(Outcome.Conflict, response, winner, Message: $"Response '{responseId}' is excluded already by an accepted appeal.");
        }
        return new Result(Outcome.Done, response, exclusion, Jobs: exclusions.AfterCommit(response.Quarter));
    }

    public static async Task<Result> ReleaseAsync(string responseId, string? note, Caller caller, IDocumentStore store, Exclusions exclusions,
        TimeProvider clock, CancellationToken ct)
    {
        if (Validate(note) is { } errors) return new Result(Outcome.Invalid, Errors: errors);
        await using var session = store.LightweightSession();
        var response = await session.LoadAsync<SurveyResponse>(responseId, ct);
        if (response is null) return new Result(Outcome.NotFound, Message: $"Response '{responseId}' does not exist.");
        var existing = await session.LoadAsync<ResponseExclusion>(responseId, ct);
        if (existing is null) return new Result(Outcome.NotFound, response, Message: $"Response '{responseId}' is not quarantined.");
        if (existing.Reason != ExclusionReasons.Integrity)
            return new Result(Outcome.Conflict, response, existing, Message: $"Response '{responseId}' is excluded by an accepted appeal, which is final.");
        exclusions.Release(session, existing, note!.Trim(), caller, clock.GetUtcNow());
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (Exclusions.IsReleasedAlready(e))
        {
            return new Result(Outcome.NotFound, response, Message: $"Response '{responseId}' is not quarantined.");
        }
        return new Result(Outcome.Done, response, null, Jobs: exclusions.AfterCommit(response.Quarter));
    }

    private static IDictionary<string, string[]>? Validate(string? note)
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

    public static async Task<IResult> Put(string responseId, QuarantineRequest? request, Caller caller, IDocumentStore store, Exclusions exclusions,
        TimeProvider clock, CancellationToken ct) =>
        ToHttp(await QuarantineAsync(responseId, request?.Note, caller, store, exclusions, clock, ct), caller);

    public static async Task<IResult> Delete(string responseId, QuarantineRequest? request, Caller caller, IDocumentStore store, Exclusions exclusions,
        TimeProvider clock, CancellationToken ct) =>
        ToHttp(await ReleaseAsync(responseId, request?.Note, caller, store, exclusions, clock, ct), caller);
}
