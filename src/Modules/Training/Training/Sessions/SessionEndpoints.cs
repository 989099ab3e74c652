using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.SharedKernel;
using PartnerPortal.Training.Kpis;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Sessions;

public sealed record SessionRequest(string? Title, string? Topic, string? Date, string? Place, int? Seats);

public sealed record RegistrationRequest(string? PartnerId, string? PersonId, string? PersonName);

public sealed record AttendanceRequest(IReadOnlyList<string?>? Attended);

public sealed record RegistrationView(string PartnerId, string PersonId, string? PersonName, DateTimeOffset RegisteredAt, bool? Attended);

/// <summary>A session as a caller may see it: a partner-bound caller sees the seat counts and only its own registrations.</summary>
public sealed record SessionView(string SessionId, string Title, string? Topic, string Date, string Place, int Seats, int SeatsTaken, int SeatsFree,
    IReadOnlyList<RegistrationView> Registrations)
{
    internal static SessionView Of(TrainingSession s, Caller caller) =>
        new(s.Id, s.Title, s.Topic, s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Place, s.Seats, s.Registrations.Count,
            s.Seats - s.Registrations.Count,
            s.Registrations.Where(r => caller.CanAccessPartner(r.PartnerId))
                .Select(r => new RegistrationView(r.PartnerId, r.PersonId, r.PersonName, r.RegisteredAt, r.Attended)).ToArray());
}

/// <summary>Präsenzschulungen: create, list, read, register (refused when full), record attendance.</summary>
internal static class SessionEndpoints
{
    public static async Task<IResult> Create(SessionRequest? request, Caller caller, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request is null) return Problems.Validation("body", "A JSON body { title, date, place, seats, topic? } is required.");
        errors.Text("title", request.Title, 200);
        errors.Text("place", request.Place, 200);
        if (request.Topic is not null && !Topics.IsKnown(request.Topic)) errors.Add("topic", $"'topic' must be one of: {string.Join(", ", Topics.All)}.");
        errors.Date("date", request.Date, out var date);
        if (request.Seats is not { } seats || seats < 1 || seats > 1000) errors.Add("seats", "'seats' must be a whole number from 1 to 1,000.");
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var now = clock.GetUtcNow();
        var created = new TrainingSession
        {
            Id = "ts-" + Guid.NewGuid().ToString("N")[..16], Title = request.Title!.Trim(), Topic = request.Topic, Date = date, Year = date.Year,
            Place = request.Place!.Trim(), Seats = request.Seats!.Value, CreatedAt = now, CreatedBy = caller.Actor,
        };
        Change(session, created, "created", now, caller.Actor);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/training/sessions/{Uri.EscapeDataString(created.Id)}", SessionView.Of(created, caller));
    }

    public static async Task<IResult> List(int? year, Caller caller, IQuerySession session, CancellationToken ct)
    {
        var query = session.Query<TrainingSession>().AsQueryable();
        if (year is { } y) query = query.Where(s => s.Year == y);
        var sessions = await query.OrderBy(s => s.Date).ThenBy(s => s.Id).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(sessions.Select(s => SessionView.Of(s, caller)).ToArray());
    }

    public static async Task<IResult> Get(string sessionId, Caller caller, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<TrainingSession>(sessionId, ct) is { } s ? TypedResults.Ok(SessionView.Of(s, caller)) : NotFound(sessionId);

    public static async Task<IResult> Register(string sessionId, RegistrationRequest? request, Caller caller, IPartnerDirectory partners,
        IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request is null) return Problems.Validation("body", "A JSON body { partnerId, personId, personName? } is required.");
        if (errors.Identifier("partnerId", request.PartnerId, 128))
        {
            if (!caller.CanAccessPartner(request.PartnerId)) return Problems.PartnerForbidden(request.PartnerId!);
            if (await partners.FindAsync(request.PartnerId!, ct) is null) errors.Add("partnerId", $"Partner '{request.PartnerId}' does not exist.");
        }
        errors.Identifier("personId", request.PersonId, 128);
        errors.Text("personName", request.PersonName, 200, required: false);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        return await InsertRace.RetryAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession();
            var training = await session.LoadAsync<TrainingSession>(sessionId, ct);
            if (training is null) return NotFound(sessionId);
            if (training.Registrations.Find(r => r.PersonId == request.PersonId) is { } existing)
            {
                // Registered by another partner: a conflict that says nothing of whose registration it is.
                return existing.PartnerId == request.PartnerId
                    ? TypedResults.Ok(SessionView.Of(training, caller))
                    : Problems.Conflict($"Person '{request.PersonId}' is already registered for this session.");
            }
            if (training.Registrations.Count >= training.Seats)
                return Problems.Conflict($"The session is full: all {training.Seats} seats are taken.");
            var now = clock.GetUtcNow();
            training.Registrations.Add(new SessionRegistration
            {
                PartnerId = request.PartnerId!, PersonId = request.PersonId!, PersonName = request.PersonName?.Trim(), RegisteredAt = now, RegisteredBy = caller.Actor,
            });
            Change(session, training, $"registered {request.PersonId}", now, caller.Actor);
            await session.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/training/sessions/{Uri.EscapeDataString(sessionId)}", SessionView.Of(training, caller));
        }, ct);
    }

    /// <summary>Records the roll call: the listed people attended, every other registered person did not.</summary>
    public static async Task<IResult> Attendance(string sessionId, AttendanceRequest? request, Caller caller, IDocumentStore store, KpiRefresh kpis,
        TimeProvider clock, CancellationToken ct)
    {
        if (request?.Attended is null) return Problems.Validation("attended", "A JSON body { attended: [personId, …] } is required.");
        return await InsertRace.RetryAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession();
            var training = await session.LoadAsync<TrainingSession>(sessionId, ct);
            if (training is null) return NotFound(sessionId);
            var errors = new ValidationErrors();
            for (var i = 0; i < request.Attended.Count; i++)
            {
                if (!errors.Identifier($"attended[{i}]", request.Attended[i], 128)) continue;
                if (!training.Registrations.Exists(r => r.PersonId == request.Attended[i]))
                    errors.Add($"attended[{i}]", $"'{request.Attended[i]}' is not registered for this session.");
            }
            if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
            var now = clock.GetUtcNow();
            if (training.Date > DateOnly.FromDateTime(BerlinTime.ToLocal(now)))
                return Problems.Conflict($"The session takes place on {training.Date:yyyy-MM-dd}; attendance can be recorded from that day on.");
            var attended = request.Attended.ToHashSet(StringComparer.Ordinal);
            foreach (var registration in training.Registrations) registration.Attended = attended.Contains(registration.PersonId);
            Change(session, training, $"attendance: {attended.Count} of {training.Registrations.Count}", now, caller.Actor);
            await session.SaveChangesAsync(ct);
            kpis.Request(training.Year);
            return TypedResults.Ok(SessionView.Of(training, caller));
        }, ct);
    }

    private static void Change(IDocumentSession session, TrainingSession training, string what, DateTimeOffset at, string by)
    {
        training.Version++;
        session.Insert(new SessionChange { Id = $"{training.Id}/{training.Version}", SessionId = training.Id, What = what, At = at, By = by });
        session.Store(training);
    }

    private static IResult NotFound(string sessionId) => Problems.NotFound($"Training session '{sessionId}' does not exist.");
}
