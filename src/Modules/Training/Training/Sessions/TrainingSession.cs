namespace PartnerPortal.Training.Sessions;

/// <summary>A Präsenzschulung: an in-person session with a number of seats, registrations and attendance.</summary>
public sealed class TrainingSession
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Topic { get; set; }
    public DateOnly Date { get; set; }
    public int Year { get; set; }
    public string Place { get; set; } = "";
    public int Seats { get; set; }
    public List<SessionRegistration> Registrations { get; set; } = [];

    /// <summary>Number of changes so far; each one is a <see cref="SessionChange"/> with id <c>{sessionId}/{version}</c>,
    /// so two registrations for the last seat cannot both be stored.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

public sealed class SessionRegistration
{
    public string PartnerId { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string? PersonName { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public string RegisteredBy { get; set; } = "";

    /// <summary>Null until attendance is recorded.</summary>
    public bool? Attended { get; set; }
}

/// <summary>One change of a session (created, registration, attendance), append-only.</summary>
public sealed class SessionChange
{
    public string Id { get; set; } = "";
    public string SessionId { get; set; } = "";
    public string What { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
}
