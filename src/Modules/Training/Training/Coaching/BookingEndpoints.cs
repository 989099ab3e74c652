using System.Globalization;
using Marten;
using PartnerPortal.BuildingBlocks.Audit;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.SharedKernel;
using PartnerPortal.Training.Kpis;
using PartnerPortal.Training.Programmes;
using PartnerPortal.Training.Wkz;

namespace PartnerPortal.Training.Coaching;

public sealed record BookingRequest(string? PartnerId, string? ShopId, string? Date, string? Topic, decimal? Days, int? Participants, decimal? WkzPercent);

public sealed record DeliverRequest(decimal? WkzPercent);

public sealed record BookingView(string BookingId, string PartnerId, string ShopId, string Date, string Topic, decimal Days, int Participants,
    decimal WkzPercent, string Status, DateTimeOffset RequestedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? DeliveredAt,
    DateTimeOffset? CancelledAt, CoachingCharges? Charges)
{
    internal static BookingView Of(CoachingBooking b) =>
        new(b.Id, b.PartnerId, b.ShopId, b.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), b.Topic, b.Days, b.Participants, b.WkzPercent,
            b.Status, b.RequestedAt, b.ConfirmedAt, b.DeliveredAt, b.CancelledAt,
            b.Charges is { } c ? c with { DayRateEur = SharedKernel.Money.Cents(c.DayRateEur) } : null); // charges are cents; the rate may predate ADR 0028
}

/// <summary>Coaching bookings: request, list, read, confirm, deliver (charges and WKZ), cancel.</summary>
internal static class BookingEndpoints
{
    public const decimal MaxDays = 10m;
    public const int MaxParticipants = 50;

    public static async Task<IResult> Create(BookingRequest? request, Caller caller, IPartnerDirectory partners, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request is null) return Problems.Validation("body", "A JSON body { partnerId, shopId, date, topic, days, participants, wkzPercent? } is required.");
        PartnerInfo? partner = null;
        if (errors.Identifier("partnerId", request.PartnerId, 128))
        {
            if (!caller.CanAccessPartner(request.PartnerId)) return Problems.PartnerForbidden(request.PartnerId!);
            partner = await partners.FindAsync(request.PartnerId!, ct);
            if (partner is null) errors.Add("partnerId", $"Partner '{request.PartnerId}' does not exist.");
        }
        if (string.IsNullOrWhiteSpace(request.ShopId)) errors.Add("shopId", "'shopId' is required: the shop where the coaching takes place.");
        else if (errors.Identifier("shopId", request.ShopId, Identifiers.MaxLength) && partner is not null && !partner.HasShop(request.ShopId))
            errors.Add("shopId", $"Shop '{request.ShopId}' does not belong to partner '{request.PartnerId}'.");
        TrainingProgramme? programme = null;
        if (errors.Date("date", request.Date, out var date))
        {
            programme = await session.LoadAsync<TrainingProgramme>(date.Year.ToString(CultureInfo.InvariantCulture), ct);
            if (programme is null) errors.Add("date", $"There is no training programme for {date.Year}; coaching can be booked only in a programme year.");
            else if (caller.IsPartnerBound && date < DateOnly.FromDateTime(BerlinTime.ToLocal(clock.GetUtcNow())))
                errors.Add("date", "'date' must be today or later.");
        }
        if (!Topics.IsKnown(request.Topic)) errors.Add("topic", $"'topic' must be one of: {string.Join(", ", Topics.All)}.");
        ValidateDays(errors, request.Days);
        if (request.Participants is not { } participants || participants < 1 || participants > MaxParticipants)
            errors.Add("participants", $"'participants' must be a whole number from 1 to {MaxParticipants}.");
        ValidateWkzPercent(errors, request.WkzPercent);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var now = clock.GetUtcNow();
        var booking = new CoachingBooking
        {
            Id = "cb-" + Guid.NewGuid().ToString("N")[..16],
            PartnerId = partner!.PartnerId, ShopId = request.ShopId!, Date = date, Year = date.Year, Topic = request.Topic!,
            Days = request.Days!.Value, Participants = request.Participants!.Value, WkzPercent = request.WkzPercent ?? 0m,
            RequestedAt = now, RequestedBy = caller.Actor,
        };
        Transition(session, booking, BookingStatus.Requested, now, caller.Actor);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/training/coaching-bookings/{Uri.EscapeDataString(booking.Id)}", BookingView.Of(booking));
    }

    public static async Task<IResult> Get(string bookingId, Caller caller, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<CoachingBooking>(bookingId, ct) is { } b && caller.CanAccessPartner(b.PartnerId)
            ? TypedResults.Ok(BookingView.Of(b))
            : NotFound(bookingId);

    public static async Task<IResult> List(string? partnerId, int? year, string? status, Caller caller, IQuerySession session, CancellationToken ct)
    {
        if (status is not null && !BookingStatus.IsKnown(status))
            return Problems.Validation("status", "'status' must be requested, confirmed, delivered or cancelled.");
        var partner = caller.ConfinePartnerFilter(partnerId);
        var query = session.Query<CoachingBooking>().AsQueryable();
        if (partner is not null) query = query.Where(b => b.PartnerId == partner);
        if (year is { } y) query = query.Where(b => b.Year == y);
        if (status is not null) query = query.Where(b => b.Status == status);
        var bookings = await query.OrderByDescending(b => b.Date).ThenBy(b => b.Id).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(bookings.Select(BookingView.Of).ToArray());
    }

    public static Task<IResult> Confirm(string bookingId, Caller caller, IDocumentStore store, KpiRefresh kpis, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(bookingId, caller, store, kpis, ct, (session, booking) =>
        {
            if (booking.Status != BookingStatus.Requested)
                return Task.FromResult<IResult?>(IllegalMove(booking, "confirmed", "only a requested booking can be confirmed"));
            var now = clock.GetUtcNow();
            booking.ConfirmedAt = now;
            booking.ConfirmedBy = caller.Actor;
            Transition(session, booking, BookingStatus.Confirmed, now, caller.Actor);
            return Task.FromResult<IResult?>(null);
        });

    public static Task<IResult> Cancel(string bookingId, Caller caller, IDocumentStore store, KpiRefresh kpis, TimeProvider clock, CancellationToken ct) =>
        ChangeAsync(bookingId, caller, store, kpis, ct, (session, booking) =>
        {
            if (!BookingStatus.IsOpen(booking.Status))
                return Task.FromResult<IResult?>(IllegalMove(booking, "cancelled", "only a booking that is not yet delivered can be cancelled"));
            var now = clock.GetUtcNow();
            booking.CancelledAt = now;
            booking.CancelledBy = caller.Actor;
            Transition(session, booking, BookingStatus.Cancelled, now, caller.Actor);
            return Task.FromResult<IResult?>(null);
        });

    public static async Task<IResult> Deliver(string bookingId, DeliverRequest? request, Caller caller, IDocumentStore store, KpiRefresh kpis,
        TimeProvider clock, CancellationToken ct)
    {
        if (request is null) return Problems.Validation("body", "A JSON body { wkzPercent } is required (wkzPercent may be null: the booking's choice).");
        var errors = new ValidationErrors();
        ValidateWkzPercent(errors, request.WkzPercent);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        return await ChangeAsync(bookingId, caller, store, kpis, ct, async (session, booking) =>
        {
            if (booking.Status != BookingStatus.Confirmed)
                return IllegalMove(booking, "delivered", "only a confirmed booking can be delivered, and only once");
            var programme = await session.LoadAsync<TrainingProgramme>(booking.Year.ToString(CultureInfo.InvariantCulture), ct);
            if (programme is null) return Problems.Conflict($"There is no training programme for {booking.Year} to price the coaching.");
            var now = clock.GetUtcNow();
            var head = await WkzHead.ReadAsync(session, booking.PartnerId, ct);
            var wkzPercent = request.WkzPercent ?? booking.WkzPercent;
            booking.Charges = CoachingCharges.Compute(booking.Days, programme.CoachingDayRateEur, programme.PartnerSharePercent, wkzPercent, head.BalanceEur);
            booking.WkzPercent = wkzPercent;
            booking.DeliveredAt = now;
            booking.DeliveredBy = caller.Actor;
            var c = booking.Charges;
            session.Audit(caller, now, AuditActions.CoachingDelivered, $"coaching booking {booking.Id}",
                $"{booking.Days} days: total {c.TotalEur:0.00}, operator {c.OperatorEur:0.00}, partner {c.PartnerEur:0.00} (WKZ {c.WkzEur:0.00}, invoiced {c.InvoicedEur:0.00}) EUR",
                booking.PartnerId);
            if (c.WkzEur > 0)
            {
                var entry = head.Next(booking.PartnerId, WkzKind.Charge, -c.WkzEur,
                    $"Coaching {booking.Date:dd.MM.yyyy} ({booking.Days.ToString("0.#", CultureInfo.GetCultureInfo("de-DE"))} Tage, {Topics.German(booking.Topic)})",
                    booking.Id, now, caller.Actor);
                session.Insert(entry);
                session.Audit(caller, now, AuditActions.WkzCharged, $"wkz {entry.Id}",
                    $"{entry.AmountEur:0.00} EUR for coaching {booking.Id}, balance after {entry.BalanceAfterEur:0.00} EUR", booking.PartnerId);
            }
            Transition(session, booking, BookingStatus.Delivered, now, caller.Actor);
            return null;
        });
    }

    /// <summary>Loads the booking, lets <paramref name="change"/> decide (a problem, or null to save), and saves; a concurrent
    /// change of the same booking or ledger makes the attempt run again on the new state.</summary>
    private static Task<IResult> ChangeAsync(string bookingId, Caller caller, IDocumentStore store, KpiRefresh kpis, CancellationToken ct,
        Func<IDocumentSession, CoachingBooking, Task<IResult?>> change) =>
        InsertRace.RetryAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession();
            var booking = await session.LoadAsync<CoachingBooking>(bookingId, ct);
            if (booking is null || !caller.CanAccessPartner(booking.PartnerId)) return NotFound(bookingId);
            if (await change(session, booking) is { } problem) return problem;
            await session.SaveChangesAsync(ct);
            kpis.Request(booking.Year);
            return TypedResults.Ok(BookingView.Of(booking));
        }, ct);

    private static void Transition(IDocumentSession session, CoachingBooking booking, string to, DateTimeOffset at, string by)
    {
        var from = booking.Version == 0 ? null : booking.Status;
        booking.Version++;
        booking.Status = to;
        session.Insert(new BookingChange { Id = $"{booking.Id}/{booking.Version}", BookingId = booking.Id, From = from, To = to, At = at, By = by });
        session.Store(booking);
    }

    private static IResult IllegalMove(CoachingBooking booking, string to, string rule) =>
        Problems.Conflict($"Booking '{booking.Id}' is {booking.Status} and cannot be {to}: {rule}.");

    private static IResult NotFound(string bookingId) => Problems.NotFound($"Coaching booking '{bookingId}' does not exist.");

    internal static void ValidateDays(ValidationErrors errors, decimal? days)
    {
        if (days is not { } d || d <= 0 || d > MaxDays) errors.Add("days", $"'days' must be from 0.5 to {MaxDays:0} days.");
        else if (d * 2 != decimal.Truncate(d * 2)) errors.Add("days", "'days' must be in half-day steps (0.5, 1, 1.5, …).");
    }

    internal static void ValidateWkzPercent(ValidationErrors errors, decimal? wkzPercent)
    {
        errors.Percent("wkzPercent", wkzPercent, required: false);
    }
}
