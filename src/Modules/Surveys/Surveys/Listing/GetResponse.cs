
namespace PartnerPortal.Surveys.Listing;

/// <summary><c>GET /api/v1/surveys/responses/{responseId}</c>; back office also sees the response's integrity flags.</summary>
internal static class GetResponse
{
    public static async Task<IResult> Handle(string responseId, Caller caller, IQuerySession session, CancellationToken ct)
    {
        var response = await ResponseRows.LoadAsync(session, responseId, ct);
        // A response of another partner is "not found" for a bound caller: its existence is not theirs to learn.
        if (response is null || (caller.IsPartnerBound && !caller.CanAccessPartner(response.PartnerId)))
            return Problems.NotFound($"Response '{responseId}' does not exist.");
        var exclusion = await session.LoadAsync<Trust.ResponseExclusion>(responseId, ct);
        var flags = Trust.GetIntegrity.MayReadFlags(caller) ? await Trust.GetIntegrity.FlagsOfAsync(session, response, ct) : null;
        return TypedResults.Ok(ListResponses.ToView(response, exclusion, caller, flags));
    }
}
