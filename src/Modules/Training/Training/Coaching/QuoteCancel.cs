using PartnerPortal.Funds.Contracts;

namespace PartnerPortal.Training.Coaching;

/// <summary>The confirm step of a cancel (<c>GET /schulungen/buchungen/{bookingId}/stornieren</c>): what cancelling the
/// booking would move now, the WKZ earmark it releases; a booking that cannot be cancelled is 409 already here.</summary>
internal static class QuoteCancel
{
    public static async Task<Outcome<MoneyQuote>> HandleAsync(string bookingId, Caller caller, IQuerySession session, IWkzFunds funds, CancellationToken ct)
    {
        var booking = await session.LoadAsync<CoachingBooking>(bookingId, ct);
        if (booking is null || !caller.CanAccessPartner(booking.PartnerId)) return Outcome<MoneyQuote>.NotFound($"Coaching booking '{bookingId}' does not exist.");
        if (booking.Refusal(BookingStatus.Cancelled) is { } rule)
            return Outcome<MoneyQuote>.Conflict($"Booking '{booking.Id}' is {booking.Status.Name()} and cannot be cancelled: {rule}.");
        var earmarks = await funds.EarmarksAsync([booking.Id], ct);
        return Outcome<MoneyQuote>.Done(MoneyQuote.OfCancel(booking, earmarks.GetValueOrDefault(booking.Id)));
    }
}
