using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Training.Sessions;

internal sealed record RegistrationRequest(string? PartnerId, string? PersonId, [ApiOptional] string? PersonName);

/// <summary><c>POST /api/v1/training/sessions/{sessionId}/registrations</c>: registers a person (201); the same person again
/// is 200, a full session or a person of another partner 409. Two registrations for the last seat collide on the
/// session's change id (ADR 0014): one is stored, the other runs again and finds the session full.</summary>
internal static class RegisterForSession
{
    public static async Task<Outcome<TrainingSession>> HandleAsync(string sessionId, RegistrationRequest? request, Caller caller,
        IPartnerDirectory partners, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request is null) return Outcome<TrainingSession>.Invalid("body", "A JSON body { partnerId, personId, personName? } is required.");
        if (errors.Identifier("partnerId", request.PartnerId, 128))
        {
            if (!caller.CanAccessPartner(request.PartnerId)) return Outcome<TrainingSession>.PartnerForbidden(request.PartnerId!);
            if (await partners.FindAsync(request.PartnerId!, ct) is null) errors.Add("partnerId", $"Partner '{request.PartnerId}' does not exist.");
        }
        errors.Identifier("personId", request.PersonId, 128);
        errors.Text("personName", request.PersonName, 200, required: false);
        if (!errors.IsValid) return Outcome<TrainingSession>.Invalid(errors.ToDictionary());

        return await InsertRace.RetryAsync(async () =>
        {
            session.EjectAllPendingChanges(); // what a lost attempt queued
            var training = await session.LoadAsync<TrainingSession>(sessionId, ct);
            if (training is null) return SessionChanges.NotFound(sessionId);
            var (result, change) = training.Register(request.PartnerId!, request.PersonId!, request.PersonName?.Trim(), clock.GetUtcNow(), caller.Actor);
            switch (result)
            {
                case RegistrationResult.AlreadyRegistered: return Outcome<TrainingSession>.Done(training);
                case RegistrationResult.RegisteredByAnotherPartner: // a conflict that says nothing of whose registration it is
                    return Outcome<TrainingSession>.Conflict($"Person '{request.PersonId}' is already registered for this session.");
                case RegistrationResult.Full: return Outcome<TrainingSession>.Conflict($"The session is full: all {training.Seats} seats are taken.");
            }
            SessionChanges.Stage(session, training, change!);
            await session.SaveChangesAsync(ct);
            return Outcome<TrainingSession>.Created(training);
        }, ct);
    }

    public static async Task<IResult> Endpoint(string sessionId, RegistrationRequest? request, Caller caller, IPartnerDirectory partners,
        IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(sessionId, request, caller, partners, session, clock, ct)).ToHttp(s => SessionView.Of(s, caller), SessionView.Location);
}
