using System.Globalization;

namespace PartnerPortal.Training.Coaching;

/// <summary>A booking as the API answers it (status as its API name: the OpenAPI schema stays a string).</summary>
internal sealed record BookingView(string BookingId, string PartnerId, string ShopId, string Date, [OneOf(typeof(Programmes.Topics))] string Topic,
    [MultipleOf(0.5)] decimal Days, int Participants, [System.ComponentModel.DataAnnotations.Range(0, 100)] decimal WkzPercent, [OneOf(typeof(BookingStatus))] string Status, DateTimeOffset RequestedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? DeliveredAt,
    DateTimeOffset? CancelledAt, CoachingCharges? Charges)
{
    public static BookingView Of(CoachingBooking b) =>
        new(b.Id, b.PartnerId, b.ShopId, b.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), b.Topic, b.Days, b.Participants, b.WkzPercent,
            b.Status.Name(), b.RequestedAt, b.ConfirmedAt, b.DeliveredAt, b.CancelledAt,
            b.Charges is { } c ? c with { DayRateEur = SharedKernel.Money.Cents(c.DayRateEur) } : null); // charges are cents; the rate may predate ADR 0028

    public static string Location(CoachingBooking b) => $"/api/v1/training/coaching-bookings/{Uri.EscapeDataString(b.Id)}";
}
