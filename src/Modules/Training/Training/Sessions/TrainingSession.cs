using System.Text.Json.Serialization;

namespace PartnerPortal.Training.Sessions;

/// <summary>How a registration ended: only <see cref="Registered"/> changes the session.</summary>
public enum RegistrationResult { Registered, AlreadyRegistered, RegisteredByAnotherPartner, Full }

/// <summary>
/// A Präsenzschulung: an in-person session with a number of seats, registrations and attendance. Its rules (no more
/// registrations than seats, one partner per person, attendance from the session's day on) live here; each change
/// returns the <see cref="SessionChange"/> to store with the session.
/// </summary>
public sealed class TrainingSession
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Topic { get; init; }
    public DateOnly Date { get; init; }
    public int Year { get; init; }
    public string Place { get; init; } = "";
    public int Seats { get; init; }
    public List<SessionRegistration> Registrations { get; init; } = [];

    /// <summary>Number of changes so far; each one is a <see cref="SessionChange"/> with id <c>{sessionId}/{version}</c>,
    /// so two registrations for the last seat cannot both be stored.</summary>
    [JsonInclude]
    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";

    public static (TrainingSession Session, SessionChange Change) Create(string id, string title, string? topic, DateOnly date, string place, int seats,
        DateTimeOffset at, string by)
    {
        var session = new TrainingSession
        {
            Id = id, Title = title, Topic = topic, Date = date, Year = date.Year, Place = place, Seats = seats, CreatedAt = at, CreatedBy = by,
        };
        return (session, session.Changed("created", at, by));
    }

    /// <summary>Registers a person for a partner while a seat is free; registering the same person again is
    /// <see cref="RegistrationResult.AlreadyRegistered"/> (or refused, for another partner). The change is null unless
    /// the person was registered now.</summary>
    public (RegistrationResult Result, SessionChange? Change) Register(string partnerId, string personId, string? personName, DateTimeOffset at,
        string by)
    {
        if (Registrations.Find(r => r.PersonId == personId) is { } existing)
            return (existing.PartnerId == partnerId ? RegistrationResult.AlreadyRegistered : RegistrationResult.RegisteredByAnotherPartner, null);
        if (Registrations.Count >= Seats) return (RegistrationResult.Full, null);
        Registrations.Add(new SessionRegistration
        {
            PartnerId = partnerId, PersonId = personId, PersonName = personName, RegisteredAt = at, RegisteredBy = by,
        });
        return (RegistrationResult.Registered, Changed($"registered {personId}", at, by));
    }

    public bool IsRegistered(string? personId) => Registrations.Exists(r => r.PersonId == personId);

    /// <summary>Why attendance cannot be recorded on <paramref name="today"/>, or null when it can.</summary>
    public string? AttendanceRefusal(DateOnly today) =>
        Date > today ? $"The session takes place on {Date:yyyy-MM-dd}; attendance can be recorded from that day on." : null;

    /// <summary>The roll call: the listed (registered) people attended, every other registered person did not.</summary>
    public SessionChange RecordAttendance(IReadOnlyCollection<string?> attended, DateOnly today, DateTimeOffset at, string by)
    {
        if (AttendanceRefusal(today) is { } rule) throw new InvalidOperationException(rule);
        if (attended.FirstOrDefault(p => !IsRegistered(p)) is { } stranger) throw new InvalidOperationException($"'{stranger}' is not registered.");
        var present = attended.ToHashSet(StringComparer.Ordinal);
        foreach (var registration in Registrations) registration.Attended = present.Contains(registration.PersonId);
        return Changed($"attendance: {present.Count} of {Registrations.Count}", at, by);
    }

    private SessionChange Changed(string what, DateTimeOffset at, string by)
    {
        Version++;
        return new SessionChange { Id = $"{Id}/{Version}", SessionId = Id, What = what, At = at, By = by };
    }
}

public sealed class SessionRegistration
{
    public string PartnerId { get; init; } = "";
    public string PersonId { get; init; } = "";
    public string? PersonName { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public string RegisteredBy { get; init; } = "";

    /// <summary>Null until attendance is recorded (<see cref="TrainingSession.RecordAttendance"/>).</summary>
    [JsonInclude]
    public bool? Attended { get; internal set; }
}

/// <summary>One change of a session (created, registration, attendance), append-only.</summary>
public sealed class SessionChange
{
    public string Id { get; init; } = "";
    public string SessionId { get; init; } = "";
    public string What { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public string By { get; init; } = "";
}
