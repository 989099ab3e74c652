using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Training.Kpis;

namespace PartnerPortal.Training.Sessions;

internal sealed record AttendanceRequest(IReadOnlyList<string?>? Attended);

/// <summary><c>POST /api/v1/training/sessions/{sessionId}/attendance</c> <c>{ attended: [personId, …] }</c>: the roll call,
/// from the session's day on; the listed people attended, the other registered people did not.</summary>
internal static class RecordAttendance
{
    public static async Task<Outcome<TrainingSession>> HandleAsync(string sessionId, AttendanceRequest? request, Caller caller, IDocumentSession session,
        KpiRefresh kpis, TimeProvider clock, CancellationToken ct)
    {
        if (request?.Attended is not { } attended) return Outcome<TrainingSession>.Invalid("attended", "A JSON body { attended: [personId, …] } is required.");
        return await InsertRace.RetryAsync(async () =>
        {
            session.EjectAllPendingChanges(); // what a lost attempt queued
            var training = await session.LoadAsync<TrainingSession>(sessionId, ct);
            if (training is null) return SessionChanges.NotFound(sessionId);
            var errors = new ValidationErrors();
            for (var i = 0; i < attended.Count; i++)
            {
                if (!errors.Identifier($"attended[{i}]", attended[i], 128)) continue;
                if (!training.IsRegistered(attended[i])) errors.Add($"attended[{i}]", $"'{attended[i]}' is not registered for this session.");
            }
            if (!errors.IsValid) return Outcome<TrainingSession>.Invalid(errors.ToDictionary());
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(BerlinTime.ToLocal(now));
            if (training.AttendanceRefusal(today) is { } rule) return Outcome<TrainingSession>.Conflict(rule);
            SessionChanges.Stage(session, training, training.RecordAttendance(attended, today, now, caller.Actor));
            await session.SaveChangesAsync(ct);
            kpis.Request(training.Year);
            return Outcome<TrainingSession>.Done(training);
        }, ct);
    }

    public static async Task<IResult> Endpoint(string sessionId, AttendanceRequest? request, Caller caller, IDocumentSession session, KpiRefresh kpis,
        TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(sessionId, request, caller, session, kpis, clock, ct)).ToHttp(s => SessionView.Of(s, caller));
}
