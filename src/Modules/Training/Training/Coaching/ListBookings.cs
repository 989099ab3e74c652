using PartnerPortal.Funds.Contracts;

namespace PartnerPortal.Training.Coaching;

/// <summary><c>GET /api/v1/training/coaching-bookings?partnerId&amp;year&amp;status</c>: newest date first, at most 1,000; a
/// partner gets its own.</summary>
internal static class ListBookings
{
    public const int Max = 1000;

    public static async Task<Outcome<IReadOnlyList<CoachingBooking>>> HandleAsync(string? partnerId, int? year, string? status, Caller caller,
        IQuerySession session, CancellationToken ct)
    {
        BookingStatus parsed = default;
        if (status is not null && !BookingStatuses.TryParse(status, out parsed))
            return Outcome<IReadOnlyList<CoachingBooking>>.Invalid("status", "'status' must be requested, confirmed, delivered or cancelled.");
        var partner = caller.ConfinePartnerFilter(partnerId);
        var query = session.Query<CoachingBooking>().AsQueryable();
        if (partner is not null) query = query.Where(b => b.PartnerId == partner);
        if (year is { } y) query = query.Where(b => b.Year == y);
        if (status is not null) query = query.Where(b => b.Status == parsed);
        return Outcome<IReadOnlyList<CoachingBooking>>.Done(await query.OrderByDescending(b => b.Date).ThenBy(b => b.Id).Take(Max).ToListAsync(ct));
    }

    public static async Task<IResult> Endpoint(string? partnerId, int? year, string? status, Caller caller, IQuerySession session, IWkzFunds funds,
        CancellationToken ct)
    {
        var outcome = await HandleAsync(partnerId, year, status, caller, session, ct);
        if (!outcome.Succeeded) return outcome.ToHttp(_ => (BookingView[]?)null);
        var views = await BookingView.OfAsync(outcome.Value!, session, funds, ct);
        return outcome.ToHttp(_ => views);
    }
}
