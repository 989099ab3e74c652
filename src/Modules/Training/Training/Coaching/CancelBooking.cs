using PartnerPortal.Funds.Contracts;
using PartnerPortal.Training.Kpis;

namespace PartnerPortal.Training.Coaching;

/// <summary><c>POST /api/v1/training/coaching-bookings/{bookingId}/cancel</c> and the partner's button on <c>/schulungen</c>:
/// a requested or confirmed booking is cancelled and its WKZ earmark released; anything else is 409.</summary>
internal static class CancelBooking
{
    public static Task<Outcome<CoachingBooking>> HandleAsync(string bookingId, Caller caller, IDocumentSession session, IWkzFunds funds,
        KpiRefresh kpis, TimeProvider clock, CancellationToken ct) =>
        BookingMoves.ApplyAsync(bookingId, caller, session, kpis, booking =>
        {
            if (BookingMoves.Refused(booking, BookingStatus.Cancelled, "cancelled") is { } refused) return refused;
            BookingMoves.Stage(session, booking, booking.Cancel(clock.GetUtcNow(), caller.Actor));
            funds.Release(booking.Id);
            return null;
        }, ct);

    public static async Task<IResult> Endpoint(string bookingId, Caller caller, IDocumentSession session, IWkzFunds funds, KpiRefresh kpis,
        TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(bookingId, caller, session, funds, kpis, clock, ct)).ToHttp(BookingView.Of);
}
