using System.ComponentModel.DataAnnotations;
using System.Globalization;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Training.Kpis;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Coaching;

/// <summary>The body of <c>POST …/deliver</c>: the WKZ share to settle, null for the booking's own choice.</summary>
internal sealed record DeliverRequest([ApiOptional, Range(0, 100)] decimal? WkzPercent);

/// <summary><c>POST /api/v1/training/coaching-bookings/{bookingId}/deliver</c> and back office's form on
/// <c>/schulungen/programm</c>: a confirmed booking is delivered and priced; WKZ pays min(balance, partner share ×
/// wkzPercent), charged in the same transaction, the rest is invoiced.</summary>
internal static class DeliverBooking
{
    public static async Task<Outcome<CoachingBooking>> HandleAsync(string bookingId, DeliverRequest? request, Caller caller, IDocumentSession session,
        IWkzFunds funds, KpiRefresh kpis, TimeProvider clock, CancellationToken ct)
    {
        if (request is null)
            return Outcome<CoachingBooking>.Invalid("body", "A JSON body { wkzPercent } is required (wkzPercent may be null: the booking's choice).");
        var errors = new ValidationErrors();
        errors.Percent("wkzPercent", request.WkzPercent, required: false);
        if (!errors.IsValid) return Outcome<CoachingBooking>.Invalid(errors.ToDictionary());
        return await BookingMoves.ApplyAsync(bookingId, caller, session, kpis, async booking =>
        {
            if (BookingMoves.Refused(booking, BookingStatus.Delivered, "delivered") is { } refused) return refused;
            var programme = await session.LoadAsync<TrainingProgramme>(booking.Year.ToString(CultureInfo.InvariantCulture), ct);
            if (programme is null) return Outcome<CoachingBooking>.Conflict($"There is no training programme for {booking.Year} to price the coaching.");
            var now = clock.GetUtcNow();
            var wanted = booking.Price(programme, request.WkzPercent);
            var days = booking.Days.ToString("0.#", CultureInfo.GetCultureInfo("de-DE"));
            var reason = $"Coaching {booking.Date:dd.MM.yyyy} ({days} Tage, {Topics.German(booking.Topic)})";
            var charged = await funds.ChargeAsync(new WkzChargeRequest(booking.PartnerId, booking.Id, wanted.WkzEur, reason, now, caller.Actor), ct);
            var c = booking.Price(programme, request.WkzPercent, wkzBalance: charged.AmountEur);
            BookingMoves.Stage(session, booking, booking.Deliver(c, now, caller.Actor));
            session.Audit(caller, now, AuditActions.CoachingDelivered, $"coaching booking {booking.Id}",
                $"{booking.Days} days: total {c.TotalEur:0.00}, operator {c.OperatorEur:0.00}, partner {c.PartnerEur:0.00} (WKZ {c.WkzEur:0.00}, invoiced {c.InvoicedEur:0.00}) EUR",
                booking.PartnerId);
            return null;
        }, ct);
    }

    public static async Task<IResult> Endpoint(string bookingId, DeliverRequest? request, Caller caller, IDocumentSession session, IWkzFunds funds,
        KpiRefresh kpis, TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(bookingId, request, caller, session, funds, kpis, clock, ct)).ToHttp(BookingView.Of);
}
