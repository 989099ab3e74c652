using System.Globalization;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Coaching;

/// <summary>The confirm step of a delivery (<c>GET /schulungen/programm/buchungen/{bookingId}/durchfuehren</c>): what
/// delivering the booking would charge now at <c>wkzPercent</c>; refused as the delivery itself would be (status, date).</summary>
internal static class QuoteDelivery
{
    public static async Task<Outcome<MoneyQuote>> HandleAsync(string bookingId, decimal? wkzPercent, Caller caller, IQuerySession session, IWkzFunds funds,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!errors.Percent("wkzPercent", wkzPercent, required: false)) return Outcome<MoneyQuote>.Invalid(errors.ToDictionary());
        var booking = await session.LoadAsync<CoachingBooking>(bookingId, ct);
        if (booking is null || !caller.CanAccessPartner(booking.PartnerId)) return Outcome<MoneyQuote>.NotFound($"Coaching booking '{bookingId}' does not exist.");
        if (booking.Refusal(BookingStatus.Delivered) is { } rule)
            return Outcome<MoneyQuote>.Conflict($"Booking '{booking.Id}' is {booking.Status.Name()} and cannot be delivered: {rule}.");
        if (DeliverBooking.NotYet<MoneyQuote>(booking, clock.GetUtcNow()) is { } early) return early;
        var programme = await session.LoadAsync<TrainingProgramme>(booking.Year.ToString(CultureInfo.InvariantCulture), ct);
        if (programme is null) return Outcome<MoneyQuote>.Conflict($"There is no training programme for {booking.Year} to price the coaching.");
        var account = await funds.AccountAsync(booking.PartnerId, ct);
        return Outcome<MoneyQuote>.Done(MoneyQuote.OfDelivery(booking, programme, wkzPercent, account.BalanceEur));
    }
}
