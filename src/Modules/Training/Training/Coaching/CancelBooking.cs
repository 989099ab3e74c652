using PartnerPortal.Funds.Contracts;
using PartnerPortal.Training.Kpis;

namespace PartnerPortal.Training.Coaching;

/// <summary><c>POST /api/v1/training/coaching-bookings/{bookingId}/cancel</c> and the partner's button on <c>/schulungen</c>:
/// a requested or confirmed booking is cancelled and its WKZ earmark released (the partner's other earmarks may grow); anything
/// else is 409, as is a page's cancel whose confirmed booking or earmark changed meanwhile.</summary>
internal static class CancelBooking
{
    /// <param name="confirmed">What the confirm step showed (the page); null for API clients, which confirm nothing.</param>
    public static Task<Outcome<CoachingBooking>> HandleAsync(string bookingId, MoneyConfirmation? confirmed, Caller caller, IDocumentSession session,
        IWkzFunds funds, KpiRefresh kpis, TimeProvider clock, CancellationToken ct) =>
        BookingMoves.ApplyAsync(bookingId, caller, session, funds, kpis, booking =>
        {
            if (BookingMoves.Refused(booking, BookingStatus.Cancelled, "cancelled") is { } refused) return refused;
            if (confirmed is not null && MoneyQuote.OfCancel(booking, funds.EarmarkOf(booking.PartnerId, booking.Id)) is var quote
                && !quote.Matches(confirmed)) return quote.Changed<CoachingBooking>();
            BookingMoves.Stage(session, booking, booking.Cancel(clock.GetUtcNow(), caller.Actor));
            funds.Release(booking.PartnerId, booking.Id);
            return null;
        }, ct);

    public static async Task<IResult> Endpoint(string bookingId, Caller caller, IDocumentSession session, IWkzFunds funds, KpiRefresh kpis,
        TimeProvider clock, CancellationToken ct) =>
        await BookingView.ToHttpAsync(await HandleAsync(bookingId, null, caller, session, funds, kpis, clock, ct), session, funds, ct);
}
