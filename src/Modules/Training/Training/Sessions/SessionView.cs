using System.Globalization;

namespace PartnerPortal.Training.Sessions;

internal sealed record RegistrationView(string PartnerId, string PersonId, string? PersonName, DateTimeOffset RegisteredAt, bool? Attended);

/// <summary>A session as a caller may see it: a partner-bound caller sees the seat counts and only its own registrations.</summary>
internal sealed record SessionView(string SessionId, string Title, [OneOf(typeof(Programmes.Topics))] string? Topic, string Date, string Place, int Seats, int SeatsTaken, int SeatsFree,
    IReadOnlyList<RegistrationView> Registrations)
{
    public static SessionView Of(TrainingSession s, Caller caller) =>
        new(s.Id, s.Title, s.Topic, s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Place, s.Seats, s.Registrations.Count,
            s.Seats - s.Registrations.Count,
            s.Registrations.Where(r => caller.CanAccessPartner(r.PartnerId))
                .Select(r => new RegistrationView(r.PartnerId, r.PersonId, r.PersonName, r.RegisteredAt, r.Attended)).ToArray());

    public static string Location(TrainingSession s) => $"/api/v1/training/sessions/{Uri.EscapeDataString(s.Id)}";
}

/// <summary>What the session use cases share.</summary>
internal static class SessionChanges
{
    /// <summary>Queues the session and its change; the change's id is what two concurrent changes collide on.</summary>
    public static void Stage(IDocumentSession session, TrainingSession training, SessionChange change)
    {
        session.Insert(change);
        session.Store(training);
    }

    public static Outcome<TrainingSession> NotFound(string sessionId) => Outcome<TrainingSession>.NotFound($"Training session '{sessionId}' does not exist.");
}
