using static PartnerPortal.Surveys.Trust.Quarantine;

namespace PartnerPortal.Surveys.Trust;

/// <summary><c>DELETE /api/v1/surveys/responses/{responseId}/quarantine</c> <c>{ note }</c>: releases a quarantined
/// response; an exclusion by an accepted appeal is final.</summary>
internal static class ReleaseQuarantine
{
    public static async Task<Result> RunAsync(string responseId, string? note, Caller caller, IDocumentStore store, Exclusions exclusions,
        TimeProvider clock, CancellationToken ct)
    {
        if (Validate(note) is { } errors) return new Result(Outcome.Invalid, Errors: errors);
        await using var session = store.LightweightSession();
        if (await LoadAsync(session, responseId, ct) is not ({ } response, var existing)) return NoSuchResponse(responseId);
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
        return new Result(Outcome.Done, response, null, Jobs: await exclusions.AfterCommitAsync(response.Quarter, ct));
    }

    public static async Task<IResult> Delete(string responseId, QuarantineRequest? request, Caller caller, IDocumentStore store, Exclusions exclusions,
        TimeProvider clock, CancellationToken ct) =>
        ToHttp(await RunAsync(responseId, request?.Note, caller, store, exclusions, clock, ct), caller);
}
