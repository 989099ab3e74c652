using System.Globalization;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Coaching;

/// <summary>What the person confirmed on a confirm step (ADR 0046): the booking's version and the money the move was
/// shown to move. Null parts are not checked (API clients that send none keep working).</summary>
internal sealed record MoneyConfirmation(int? Version, decimal? WkzEur, decimal? InvoiceEur);

/// <summary>
/// The money a cancel or a delivery of <see cref="Booking"/> moves now: for a cancel the WKZ earmark it releases (no
/// invoice), for a delivery the WKZ it charges (<c>min(balance, share × wkzPercent)</c>) and the invoice. The confirm
/// step shows it; the move computes it again under the partner's WKZ lock and refuses (409, nothing changed) when it is
/// not what was confirmed.
/// </summary>
internal sealed record MoneyQuote(CoachingBooking Booking, decimal? TotalEur, decimal? PartnerEur, decimal WkzEur, decimal InvoiceEur, decimal WkzPercent)
{
    public const string ChangedField = "confirmation";

    public static MoneyQuote OfCancel(CoachingBooking booking, decimal earmark) => new(booking, null, null, earmark, 0m, booking.WkzPercent);

    public static MoneyQuote OfDelivery(CoachingBooking booking, TrainingProgramme programme, decimal? wkzPercent, decimal balance)
    {
        var c = booking.Price(programme, wkzPercent, wkzBalance: balance);
        return new(booking, c.TotalEur, c.PartnerEur, c.WkzEur, c.InvoicedEur, c.WkzPercent);
    }

    public bool Matches(MoneyConfirmation confirmed) =>
        (confirmed.Version is not { } v || v == Booking.Version)
        && (confirmed.WkzEur is not { } w || w == WkzEur)
        && (confirmed.InvoiceEur is not { } i || i == InvoiceEur);

    /// <summary>409: the booking or the balance changed since the confirm step; the new amounts say how.</summary>
    public Outcome<T> Changed<T>()
    {
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Booking '{Booking.Id}' or the partner's WKZ balance changed since this was confirmed; nothing was changed. Now: WKZ {WkzEur:0.00} EUR, invoice {InvoiceEur:0.00} EUR.");
        return new Outcome<T>(OutcomeKind.Conflict, Errors: new Dictionary<string, string[]> { [ChangedField] = [message] }, Message: message);
    }
}
