using PartnerPortal.Funds.Contracts;
using PartnerPortal.Training.Kpis;

namespace PartnerPortal.Training.Coaching;

/// <summary><c>POST /api/v1/training/coaching-bookings/{bookingId}/confirm</c> and back office's button on
/// <c>/schulungen/programm</c>: a requested booking becomes confirmed; anything else is 409.</summary>
internal static class ConfirmBooking
{
    public static Task<Outcome<CoachingBooking>> HandleAsync(string bookingId, Caller caller, IDocumentSession session, IWkzFunds funds, KpiRefresh kpis,
        TimeProvider clock, CancellationToken ct) =>
        BookingMoves.ApplyAsync(bookingId, caller, session, funds, kpis, booking =>
        {
            if (BookingMoves.Refused(booking, BookingStatus.Confirmed, "confirmed") is { } refused) return refused;
            BookingMoves.Stage(session, booking, booking.Confirm(clock.GetUtcNow(), caller.Actor));
            return null;
        }, ct);

    public static async Task<IResult> Endpoint(string bookingId, Caller caller, IDocumentSession session, IWkzFunds funds, KpiRefresh kpis,
        TimeProvider clock, CancellationToken ct) =>
        await BookingView.ToHttpAsync(await HandleAsync(bookingId, caller, session, funds, kpis, clock, ct), session, funds, ct);
}
