
namespace PartnerPortal.Training.Sessions;

/// <summary><c>GET /api/v1/training/sessions/{sessionId}</c>.</summary>
internal static class GetSession
{
    public static async Task<Outcome<TrainingSession>> HandleAsync(string sessionId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<TrainingSession>(sessionId, ct) is { } s ? Outcome<TrainingSession>.Done(s) : SessionChanges.NotFound(sessionId);

    public static async Task<IResult> Endpoint(string sessionId, Caller caller, IQuerySession session, CancellationToken ct) =>
        (await HandleAsync(sessionId, session, ct)).ToHttp(s => SessionView.Of(s, caller));
}
