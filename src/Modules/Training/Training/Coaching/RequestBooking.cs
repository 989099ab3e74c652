using System.ComponentModel.DataAnnotations;
using System.Globalization;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Coaching;

/// <summary>The body of <c>POST /coaching-bookings</c> (and what the partner's booking form reads into).</summary>
internal sealed record BookingRequest(string? PartnerId, string? ShopId, string? Date, [OneOf(typeof(Topics))] string? Topic, [MultipleOf(0.5)] decimal? Days,
    [Range(1, RequestBooking.MaxParticipants)] int? Participants, [ApiOptional, Range(0, 100)] decimal? WkzPercent);

/// <summary><c>POST /api/v1/training/coaching-bookings</c> and the form on <c>/schulungen</c>: a partner (or back office for
/// it) requests an on-site coaching in a programme year; the WKZ it will take is earmarked in the same transaction.</summary>
internal static class RequestBooking
{
    public const decimal MaxDays = 10m;
    public const int MaxParticipants = 50;

    public static async Task<Outcome<CoachingBooking>> HandleAsync(BookingRequest? request, Caller caller, IPartnerDirectory partners,
        IDocumentSession session, IWkzFunds funds, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request is null)
            return Outcome<CoachingBooking>.Invalid("body", "A JSON body { partnerId, shopId, date, topic, days, participants, wkzPercent? } is required.");
        PartnerInfo? partner = null;
        if (errors.Identifier("partnerId", request.PartnerId, 128))
        {
            if (!caller.CanAccessPartner(request.PartnerId)) return Outcome<CoachingBooking>.PartnerForbidden(request.PartnerId!);
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
        errors.Percent("wkzPercent", request.WkzPercent, required: false);
        if (!errors.IsValid) return Outcome<CoachingBooking>.Invalid(errors.ToDictionary());

        var (booking, change) = CoachingBooking.Request("cb-" + Guid.NewGuid().ToString("N")[..16], partner!.PartnerId, request.ShopId!, date,
            request.Topic!, request.Days!.Value, request.Participants!.Value, request.WkzPercent ?? 0m, clock.GetUtcNow(), caller.Actor);
        // Under the partner's WKZ lock: the earmark is min(wanted, available) against what other requests hold (ADR 0046).
        await funds.LockAsync([booking.PartnerId], ct);
        BookingMoves.Stage(session, booking, change);
        if (booking.Price(programme!).WkzEur is > 0 and var wanted) funds.Earmark(booking.PartnerId, booking.Id, wanted, booking.RequestedAt);
        await session.SaveChangesAsync(ct);
        return Outcome<CoachingBooking>.Created(booking);
    }

    public static async Task<IResult> Endpoint(BookingRequest? request, Caller caller, IPartnerDirectory partners, IDocumentSession session,
        IWkzFunds funds, TimeProvider clock, CancellationToken ct) =>
        await BookingView.ToHttpAsync(await HandleAsync(request, caller, partners, session, funds, clock, ct), session, funds, ct, withLocation: true);

    internal static void ValidateDays(ValidationErrors errors, decimal? days)
    {
        if (days is not { } d || d <= 0 || d > MaxDays) errors.Add("days", $"'days' must be from 0.5 to {MaxDays:0} days.");
        else if (d * 2 != decimal.Truncate(d * 2)) errors.Add("days", "'days' must be in half-day steps (0.5, 1, 1.5, …).");
    }
}
