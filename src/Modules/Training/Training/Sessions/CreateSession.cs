using System.ComponentModel.DataAnnotations;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Sessions;

internal sealed record SessionRequest(string? Title, [ApiOptional, OneOf(typeof(Programmes.Topics))] string? Topic, string? Date, string? Place,
    [Range(1, 1000)] int? Seats);

/// <summary><c>POST /api/v1/training/sessions</c>: back office creates an in-person session with a number of seats.</summary>
internal static class CreateSession
{
    public static async Task<Outcome<TrainingSession>> HandleAsync(SessionRequest? request, Caller caller, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request is null) return Outcome<TrainingSession>.Invalid("body", "A JSON body { title, date, place, seats, topic? } is required.");
        errors.Text("title", request.Title, 200);
        errors.Text("place", request.Place, 200);
        if (request.Topic is not null && !Topics.IsKnown(request.Topic)) errors.Add("topic", $"'topic' must be one of: {string.Join(", ", Topics.All)}.");
        errors.Date("date", request.Date, out var date);
        if (request.Seats is not { } seats || seats < 1 || seats > 1000) errors.Add("seats", "'seats' must be a whole number from 1 to 1,000.");
        if (!errors.IsValid) return Outcome<TrainingSession>.Invalid(errors.ToDictionary());

        var (created, change) = TrainingSession.Create("ts-" + Guid.NewGuid().ToString("N")[..16], request.Title!.Trim(), request.Topic, date,
            request.Place!.Trim(), request.Seats!.Value, clock.GetUtcNow(), caller.Actor);
        SessionChanges.Stage(session, created, change);
        await session.SaveChangesAsync(ct);
        return Outcome<TrainingSession>.Created(created);
    }

    public static async Task<IResult> Endpoint(SessionRequest? request, Caller caller, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(request, caller, session, clock, ct)).ToHttp(s => SessionView.Of(s, caller), SessionView.Location);
}
