
namespace PartnerPortal.Surveys.Trust;

/// <summary><c>GET /api/v1/surveys/appeals/{appealId}</c>: one appeal with its decision; another partner's is "not found".</summary>
internal static class GetAppeal
{
    public static async Task<IResult> Handle(string appealId, Caller caller, IQuerySession session, CancellationToken ct)
    {
        var appeal = await session.LoadAsync<Appeal>(appealId, ct);
        if (appeal is null || !caller.CanAccessPartner(appeal.PartnerId)) return Problems.NotFound($"Appeal '{appealId}' does not exist.");
        return TypedResults.Ok(AppealView.Of(appeal, await session.LoadAsync<AppealDecision>(appealId, ct), caller));
    }
}
