using System.ComponentModel.DataAnnotations;
using System.Globalization;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Training.Kpis;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Coaching;

/// <summary>The body of <c>POST …/deliver</c>: the WKZ share to settle, null for the booking's own choice; optionally what
/// the client expects to be charged to WKZ and invoiced (then any other amount is 409 and nothing changes).</summary>
internal sealed record DeliverRequest([ApiOptional, Range(0, 100)] decimal? WkzPercent, [ApiOptional] decimal? ExpectedWkzEur = null,
    [ApiOptional] decimal? ExpectedInvoiceEur = null);

/// <summary><c>POST /api/v1/training/coaching-bookings/{bookingId}/deliver</c> and back office's confirm step on
/// <c>/schulungen/programm</c>: a confirmed booking is delivered and priced, on or after its date (Berlin), never before;
/// WKZ pays min(balance, partner share × wkzPercent), charged in the same transaction under the partner's WKZ lock, the
/// rest is invoiced.</summary>
internal static class DeliverBooking
{
    /// <param name="version">The booking's version the page's confirm step showed; null from the API.</param>
    public static async Task<Outcome<CoachingBooking>> HandleAsync(string bookingId, DeliverRequest? request, Caller caller, IDocumentSession session,
        IWkzFunds funds, KpiRefresh kpis, TimeProvider clock, CancellationToken ct, int? version = null)
    {
        if (request is null)
            return Outcome<CoachingBooking>.Invalid("body", "A JSON body { wkzPercent } is required (wkzPercent may be null: the booking's choice).");
        var errors = new ValidationErrors();
        errors.Percent("wkzPercent", request.WkzPercent, required: false);
        errors.Money("expectedWkzEur", request.ExpectedWkzEur, required: false);
        errors.Money("expectedInvoiceEur", request.ExpectedInvoiceEur, required: false);
        if (!errors.IsValid) return Outcome<CoachingBooking>.Invalid(errors.ToDictionary());
        var confirmed = new MoneyConfirmation(version, request.ExpectedWkzEur, request.ExpectedInvoiceEur);
        return await BookingMoves.ApplyAsync(bookingId, caller, session, funds, kpis, async booking =>
        {
            if (BookingMoves.Refused(booking, BookingStatus.Delivered, "delivered") is { } refused) return refused;
            var now = clock.GetUtcNow();
            if (NotYet<CoachingBooking>(booking, now) is { } early) return early;
            var programme = await session.LoadAsync<TrainingProgramme>(booking.Year.ToString(CultureInfo.InvariantCulture), ct);
            if (programme is null) return Outcome<CoachingBooking>.Conflict($"There is no training programme for {booking.Year} to price the coaching.");
            var quote = MoneyQuote.OfDelivery(booking, programme, request.WkzPercent, funds.BalanceOf(booking.PartnerId));
            if (!quote.Matches(confirmed)) return quote.Changed<CoachingBooking>();
            var wanted = booking.Price(programme, request.WkzPercent);
            var reason = $"Coaching {booking.Date:dd.MM.yyyy} ({CoachingDays.Words(booking.Days)}, {Topics.German(booking.Topic)})";
            var charged = await funds.ChargeAsync(new WkzChargeRequest(booking.PartnerId, booking.Id, wanted.WkzEur, reason, now, caller.Actor), ct);
            var c = booking.Price(programme, request.WkzPercent, wkzBalance: charged.AmountEur);
            BookingMoves.Stage(session, booking, booking.Deliver(c, now, caller.Actor));
            session.Audit(caller, now, AuditActions.CoachingDelivered, $"coaching booking {booking.Id}",
                $"{booking.Days} days: total {c.TotalEur:0.00}, operator {c.OperatorEur:0.00}, partner {c.PartnerEur:0.00} (WKZ {c.WkzEur:0.00}, invoiced {c.InvoicedEur:0.00}) EUR",
                booking.PartnerId);
            return null;
        }, ct);
    }

    /// <summary>409 when the booking's date (Berlin) is still ahead; delivered on or after it, never before. A booking dated in
    /// the past is deliverable: back office records coaching days after the fact. The error's field is <c>date</c>.</summary>
    public static Outcome<T>? NotYet<T>(CoachingBooking booking, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(now));
        if (booking.Date <= today) return null;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Booking '{booking.Id}' is dated {booking.Date:yyyy-MM-dd}; it can be delivered on or after that day (Berlin time), not on {today:yyyy-MM-dd}.");
        return new Outcome<T>(OutcomeKind.Conflict, Errors: new Dictionary<string, string[]> { ["date"] = [message] }, Message: message);
    }

    public static async Task<IResult> Endpoint(string bookingId, DeliverRequest? request, Caller caller, IDocumentSession session, IWkzFunds funds,
        KpiRefresh kpis, TimeProvider clock, CancellationToken ct) =>
        await BookingView.ToHttpAsync(await HandleAsync(bookingId, request, caller, session, funds, kpis, clock, ct), session, funds, ct);
}
