using System.ComponentModel.DataAnnotations;
using PartnerPortal.Funds.Contracts;

namespace PartnerPortal.Training.Coaching;

/// <summary>A page of bookings in the one list shape (ADR 0040).</summary>
internal sealed record BookingPage(IReadOnlyList<BookingView> Items, string? Next);

/// <summary><c>GET /api/v1/training/coaching-bookings?partnerId&amp;year&amp;status&amp;after&amp;limit</c>: newest date first (then by
/// id), paged with a cursor instead of a silent cap; a partner gets its own.</summary>
internal static class ListBookings
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static async Task<Outcome<(IReadOnlyList<CoachingBooking> Items, string? Next)>> HandleAsync(string? partnerId, int? year, string? status,
        string? after, int? limit, Caller caller, IQuerySession session, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        BookingStatus parsed = default;
        if (status is not null && !BookingStatuses.TryParse(status, out parsed))
            errors.Add("status", "'status' must be requested, confirmed, delivered or cancelled.");
        var cursor = errors.AfterDate(after);
        var take = errors.Limit(limit, DefaultLimit, MaxLimit);
        if (!errors.IsValid) return Outcome<(IReadOnlyList<CoachingBooking>, string?)>.Invalid(errors.ToDictionary());

        var partner = caller.ConfinePartnerFilter(partnerId);
        var query = session.Query<CoachingBooking>().AsQueryable();
        if (partner is not null) query = query.Where(b => b.PartnerId == partner);
        if (year is { } y) query = query.Where(b => b.Year == y);
        if (status is not null) query = query.Where(b => b.Status == parsed);
        return Outcome<(IReadOnlyList<CoachingBooking>, string?)>.Done(await PageAsync(query, cursor, take, ct));
    }

    /// <summary>A partner's bookings, one page (its <c>/schulungen</c> page).</summary>
    public static Task<(IReadOnlyList<CoachingBooking> Items, string? Next)> PageAsync(string partnerId, (DateOnly Date, string Id)? after, int take,
        IQuerySession session, CancellationToken ct) =>
        PageAsync(session.Query<CoachingBooking>().Where(b => b.PartnerId == partnerId), after, take, ct);

    private static async Task<(IReadOnlyList<CoachingBooking> Items, string? Next)> PageAsync(IQueryable<CoachingBooking> query,
        (DateOnly Date, string Id)? after, int take, CancellationToken ct)
    {
        var rows = await query.After(after, newestFirst: true).OrderByDescending(b => b.Date).ThenBy(b => b.Id).Take(take + 1).ToListAsync(ct);
        return (rows.Take(take).ToArray(), ListPaging.Next(rows, take, b => b.Date, b => b.Id));
    }

    public static async Task<IResult> Endpoint(string? partnerId, int? year, [OneOf(typeof(BookingStatus))] string? status, string? after, [Range(1, MaxLimit)] int? limit, Caller caller,
        IQuerySession session, IWkzFunds funds, CancellationToken ct)
    {
        var outcome = await HandleAsync(partnerId, year, status, after, limit, caller, session, ct);
        if (!outcome.Succeeded) return outcome.ToHttp(_ => (BookingPage?)null);
        var views = await BookingView.OfAsync(outcome.Value.Items, session, funds, ct);
        return outcome.ToHttp(page => new BookingPage(views, page.Next));
    }
}
