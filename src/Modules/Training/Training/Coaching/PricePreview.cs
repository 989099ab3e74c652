using System.Globalization;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Coaching;

/// <summary>What a coaching would cost before it is requested (ADR 0046): days × the programme's day rate, the partner's
/// share, the WKZ part it wants, what it would earmark now (min(wanted, available)) and the expected invoice.</summary>
public sealed record PriceQuote(string PartnerId, string Date, int Year, decimal Days, decimal WkzPercent, decimal DayRateEur, decimal PartnerSharePercent,
    decimal TotalEur, decimal PartnerEur, decimal WkzWantedEur, decimal AvailableEur, decimal EarmarkEur, decimal ExpectedInvoiceEur);

/// <summary><c>GET /api/v1/training/coaching-bookings/price-preview?partnerId&amp;date&amp;days&amp;wkzPercent</c> and the
/// preview on <c>/schulungen</c>'s request form: read-only, it stores nothing. A partner previews for itself.</summary>
internal static class PricePreview
{
    public static async Task<Outcome<PriceQuote>> HandleAsync(string? partnerId, string? date, decimal? days, decimal? wkzPercent, Caller caller,
        IPartnerDirectory partners, IQuerySession session, IWkzFunds funds, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (errors.Identifier("partnerId", partnerId, 128))
        {
            if (!caller.CanAccessPartner(partnerId)) return Outcome<PriceQuote>.PartnerForbidden(partnerId!);
            if (await partners.FindAsync(partnerId!, ct) is null) errors.Add("partnerId", $"Partner '{partnerId}' does not exist.");
        }
        TrainingProgramme? programme = null;
        if (errors.Date("date", date, out var day))
        {
            programme = await session.LoadAsync<TrainingProgramme>(day.Year.ToString(CultureInfo.InvariantCulture), ct);
            if (programme is null) errors.Add("date", $"There is no training programme for {day.Year}; coaching can be booked only in a programme year.");
        }
        RequestBooking.ValidateDays(errors, days);
        errors.Percent("wkzPercent", wkzPercent, required: false);
        if (!errors.IsValid) return Outcome<PriceQuote>.Invalid(errors.ToDictionary());

        var pct = wkzPercent ?? 0m;
        var c = CoachingCharges.Compute(days!.Value, programme!.CoachingDayRateEur, programme.PartnerSharePercent, pct, decimal.MaxValue);
        var available = (await funds.AccountAsync(partnerId!, ct)).AvailableEur;
        var earmark = Math.Min(available, c.WkzEur);
        return Outcome<PriceQuote>.Done(new PriceQuote(partnerId!, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Year, days.Value, pct,
            SharedKernel.Money.Cents(programme.CoachingDayRateEur), programme.PartnerSharePercent, c.TotalEur, c.PartnerEur, c.WkzEur, available, earmark,
            c.PartnerEur - earmark));
    }

    public static async Task<IResult> Endpoint(string? partnerId, string? date, decimal? days, decimal? wkzPercent, Caller caller, IPartnerDirectory partners,
        IQuerySession session, IWkzFunds funds, CancellationToken ct) =>
        (await HandleAsync(partnerId, date, days, wkzPercent, caller, partners, session, funds, ct)).ToHttp(q => q);
}
