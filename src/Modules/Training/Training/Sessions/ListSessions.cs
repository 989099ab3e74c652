using System.ComponentModel.DataAnnotations;

namespace PartnerPortal.Training.Sessions;

/// <summary>A page of sessions in the one list shape (ADR 0040).</summary>
internal sealed record SessionPage(IReadOnlyList<SessionView> Items, string? Next);

/// <summary><c>GET /api/v1/training/sessions?year&amp;after&amp;limit</c>: sessions by date (then id), paged with a cursor instead
/// of a silent cap; a partner sees the seat counts and only its own registrations.</summary>
internal static class ListSessions
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static async Task<Outcome<(IReadOnlyList<TrainingSession> Items, string? Next)>> HandleAsync(int? year, string? after, int? limit,
        IQuerySession session, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var cursor = errors.AfterDate(after);
        var take = errors.Limit(limit, DefaultLimit, MaxLimit);
        if (!errors.IsValid) return Outcome<(IReadOnlyList<TrainingSession>, string?)>.Invalid(errors.ToDictionary());

        var query = session.Query<TrainingSession>().AsQueryable();
        if (year is { } y) query = query.Where(s => s.Year == y);
        var rows = await query.After(cursor).OrderBy(s => s.Date).ThenBy(s => s.Id).Take(take + 1).ToListAsync(ct);
        return Outcome<(IReadOnlyList<TrainingSession>, string?)>.Done((rows.Take(take).ToArray(), ListPaging.Next(rows, take, s => s.Date, s => s.Id)));
    }

    public static async Task<IResult> Endpoint(int? year, string? after, [Range(1, MaxLimit)] int? limit, Caller caller, IQuerySession session, CancellationToken ct) =>
        (await HandleAsync(year, after, limit, session, ct))
        .ToHttp(page => new SessionPage(page.Items.Select(s => SessionView.Of(s, caller)).ToArray(), page.Next));
}
