using System.Globalization;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Coaching;

/// <summary>A booking as the API answers it (status as its API name: the OpenAPI schema stays a string).
/// <see cref="EarmarkEur"/> is what the booking holds of WKZ now (0 unless open), <see cref="ExpectedInvoiceEur"/> what the
/// partner will be invoiced: for an open booking its share at the programme's rates minus the earmark (null without a
/// programme), for a delivered one what was invoiced, for a cancelled one 0 (ADR 0046).</summary>
internal sealed record BookingView(string BookingId, string PartnerId, string ShopId, string Date, [OneOf(typeof(Programmes.Topics))] string Topic,
    [MultipleOf(0.5)] decimal Days, int Participants, [System.ComponentModel.DataAnnotations.Range(0, 100)] decimal WkzPercent, [OneOf(typeof(BookingStatus))] string Status, DateTimeOffset RequestedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? DeliveredAt,
    DateTimeOffset? CancelledAt, CoachingCharges? Charges, decimal EarmarkEur, decimal? ExpectedInvoiceEur)
{
    public static BookingView Of(CoachingBooking b, BookingMoney money) =>
        new(b.Id, b.PartnerId, b.ShopId, b.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), b.Topic, b.Days, b.Participants, b.WkzPercent,
            b.Status.Name(), b.RequestedAt, b.ConfirmedAt, b.DeliveredAt, b.CancelledAt,
            b.Charges is { } c ? c with { DayRateEur = SharedKernel.Money.Cents(c.DayRateEur) } : null, // charges are cents; the rate may predate ADR 0028
            money.EarmarkEur, money.ExpectedInvoiceEur);

    public static string Location(CoachingBooking b) => $"/api/v1/training/coaching-bookings/{Uri.EscapeDataString(b.Id)}";

    /// <summary>The views of these bookings, with their earmarks (read from Funds) and expected invoices.</summary>
    public static async Task<BookingView[]> OfAsync(IReadOnlyList<CoachingBooking> bookings, IQuerySession session, IWkzFunds funds, CancellationToken ct)
    {
        var money = await BookingMoney.ReadAsync(bookings, session, funds, ct);
        return bookings.Select(b => Of(b, money[b.Id])).ToArray();
    }

    /// <summary>The API adapter of a booking use case: the outcome's view with its money, or its problem.</summary>
    public static async Task<IResult> ToHttpAsync(Outcome<CoachingBooking> outcome, IQuerySession session, IWkzFunds funds, CancellationToken ct,
        bool withLocation = false)
    {
        if (!outcome.Succeeded) return outcome.ToHttp(_ => (BookingView?)null);
        var view = (await OfAsync([outcome.Value!], session, funds, ct))[0];
        return outcome.ToHttp(_ => view, withLocation ? Location : null);
    }
}

/// <summary>What a booking holds of WKZ now and what the partner is expected to be invoiced (ADR 0046): the one rule for
/// the API's booking JSON and the pages' rows.</summary>
public sealed record BookingMoney(decimal EarmarkEur, decimal? PartnerEur, decimal? ExpectedInvoiceEur)
{
    internal static BookingMoney Of(CoachingBooking b, TrainingProgramme? programme, decimal earmark) => b.Status switch
    {
        BookingStatus.Delivered when b.Charges is { } c => new(0m, c.PartnerEur, c.InvoicedEur),
        BookingStatus.Cancelled => new(0m, 0m, 0m),
        _ when programme is null => new(earmark, null, null),
        _ => new(earmark, b.Price(programme).PartnerEur, b.Price(programme).PartnerEur - earmark),
    };

    internal static async Task<IReadOnlyDictionary<string, BookingMoney>> ReadAsync(IReadOnlyList<CoachingBooking> bookings, IQuerySession session,
        IWkzFunds funds, CancellationToken ct)
    {
        var years = bookings.Select(b => b.Year.ToString(CultureInfo.InvariantCulture)).Distinct().ToArray();
        var programmes = years.Length == 0 ? new Dictionary<int, TrainingProgramme>()
            : (await session.LoadManyAsync<TrainingProgramme>(ct, years)).ToDictionary(p => p.Year);
        var open = bookings.Where(b => b.IsOpen).Select(b => b.Id).ToArray();
        var earmarks = await funds.EarmarksAsync(open, ct);
        return bookings.DistinctBy(b => b.Id).ToDictionary(b => b.Id,
            b => Of(b, programmes.GetValueOrDefault(b.Year), b.IsOpen ? earmarks.GetValueOrDefault(b.Id) : 0m));
    }
}
