using PartnerPortal.BuildingBlocks.Data;
using static PartnerPortal.Surveys.Trust.Quarantine;

namespace PartnerPortal.Surveys.Trust;

/// <summary><c>PUT /api/v1/surveys/responses/{responseId}/quarantine</c> <c>{ note }</c>: excludes a response (reason
/// <c>integrity</c>) unless an accepted appeal excluded it already.</summary>
internal static class QuarantineResponse
{
    public static async Task<Result> RunAsync(string responseId, string? note, Caller caller, IDocumentStore store, Exclusions exclusions,
        TimeProvider clock, CancellationToken ct)
    {
        if (Validate(note) is { } errors) return new Result(Outcome.Invalid, Errors: errors);
        await using var session = store.LightweightSession();
        if (await LoadAsync(session, responseId, ct) is not ({ } response, var existing)) return NoSuchResponse(responseId);
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
        return new Result(Outcome.Done, response, exclusion, Jobs: await exclusions.AfterCommitAsync(response.Quarter, ct));
    }

    public static async Task<IResult> Put(string responseId, QuarantineRequest? request, Caller caller, IDocumentStore store, Exclusions exclusions,
        TimeProvider clock, CancellationToken ct) =>
        ToHttp(await RunAsync(responseId, request?.Note, caller, store, exclusions, clock, ct), caller);
}
