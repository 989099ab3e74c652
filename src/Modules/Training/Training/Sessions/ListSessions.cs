
namespace PartnerPortal.Training.Sessions;

/// <summary><c>GET /api/v1/training/sessions?year</c>: sessions by date (at most 1,000); a partner sees the seat counts and
/// only its own registrations.</summary>
internal static class ListSessions
{
    public static async Task<IReadOnlyList<TrainingSession>> HandleAsync(int? year, IQuerySession session, CancellationToken ct)
    {
        var query = session.Query<TrainingSession>().AsQueryable();
        if (year is { } y) query = query.Where(s => s.Year == y);
        return await query.OrderBy(s => s.Date).ThenBy(s => s.Id).Take(1000).ToListAsync(ct);
    }

    public static async Task<IResult> Endpoint(int? year, Caller caller, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok((await HandleAsync(year, session, ct)).Select(s => SessionView.Of(s, caller)).ToArray());
}
