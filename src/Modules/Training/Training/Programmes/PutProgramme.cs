using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Training.Coaching;

namespace PartnerPortal.Training.Programmes;

internal sealed record ProgrammeRequest(decimal? TargetCoachingDays, Dictionary<string, decimal?>? TopicMix, decimal? CoachingDayRateEur,
    decimal? PartnerSharePercent);

/// <summary><c>PUT /api/v1/training/programmes/{year}</c>: creates (201) or replaces (200) a year's programme. New rates
/// re-price what the year's open bookings earmark of WKZ, in the same transaction.</summary>
internal static class PutProgramme
{
    public static async Task<Outcome<TrainingProgramme>> HandleAsync(string year, ProgrammeRequest? request, Caller caller, IDocumentSession session,
        IWkzFunds funds, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(year, request);
        if (!errors.IsValid) return Outcome<TrainingProgramme>.Invalid(errors.ToDictionary());
        var existing = await session.LoadAsync<TrainingProgramme>(year, ct);
        var programme = new TrainingProgramme
        {
            Id = year,
            Year = int.Parse(year, System.Globalization.CultureInfo.InvariantCulture),
            TargetCoachingDays = request!.TargetCoachingDays!.Value,
            TopicMix = Topics.All.ToDictionary(t => t, t => request.TopicMix!.GetValueOrDefault(t) ?? 0m),
            CoachingDayRateEur = request.CoachingDayRateEur!.Value,
            PartnerSharePercent = request.PartnerSharePercent!.Value,
            UpdatedAt = clock.GetUtcNow(),
            UpdatedBy = caller.Actor,
        };
        session.Store(programme);
        session.Audit(caller, programme.UpdatedAt, AuditActions.ProgrammeSaved, $"training programme {year}",
            $"{(existing is null ? "created" : "replaced")}: target {programme.TargetCoachingDays} days, day rate {programme.CoachingDayRateEur:0.00} EUR, partner share {programme.PartnerSharePercent} %, mix {string.Join(" ", programme.TopicMix.Select(t => $"{t.Key} {t.Value} %"))}");
        if (existing is not null && (existing.CoachingDayRateEur != programme.CoachingDayRateEur || existing.PartnerSharePercent != programme.PartnerSharePercent))
        {
            var open = await session.Query<CoachingBooking>()
                .Where(b => b.Year == programme.Year && (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed) && b.WkzPercent > 0)
                .ToListAsync(ct);
            // Under the WKZ locks of every partner concerned (in id order): each partner's earmarks are shared out again.
            await funds.LockAsync(open.Select(b => b.PartnerId).Distinct().ToArray(), ct);
            foreach (var booking in open) funds.Earmark(booking.PartnerId, booking.Id, booking.Price(programme).WkzEur, booking.RequestedAt);
        }
        await session.SaveChangesAsync(ct);
        return existing is null ? Outcome<TrainingProgramme>.Created(programme) : Outcome<TrainingProgramme>.Done(programme);
    }

    public static async Task<IResult> Endpoint(string year, ProgrammeRequest? request, Caller caller, IDocumentSession session, IWkzFunds funds,
        TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(year, request, caller, session, funds, clock, ct)).ToHttp(ProgrammeView.Of, p => $"/api/v1/training/programmes/{p.Id}");

    private static ValidationErrors Validate(string year, ProgrammeRequest? request)
    {
        var errors = new ValidationErrors();
        errors.Year("year", year, out _);
        if (request is null)
            return errors.Add("body", "A JSON body { targetCoachingDays, topicMix, coachingDayRateEur, partnerSharePercent } is required.");
        if (request.TargetCoachingDays is not { } target || target <= 0 || target > 1_000_000)
            errors.Add("targetCoachingDays", "'targetCoachingDays' is required: more than 0, at most 1,000,000.");
        else if (target * 2 != decimal.Truncate(target * 2))
            errors.Add("targetCoachingDays", "'targetCoachingDays' must be in half-day steps (e.g. 5000 or 5000.5).");
        if (request.TopicMix is not { Count: > 0 } mix)
            errors.Add("topicMix", $"'topicMix' is required: a share in percent per topic ({string.Join(", ", Topics.All)}) summing to 100.");
        else
        {
            var sharesValid = true;
            foreach (var (topic, share) in mix)
            {
                if (!Topics.IsKnown(topic)) errors.Add($"topicMix.{topic}", $"Unknown topic '{topic}'; known: {string.Join(", ", Topics.All)}.");
                else if (share is not { } s || s < 0 || s > 100) errors.Add($"topicMix.{topic}", "A topic's share must be a percentage from 0 to 100.");
                else continue;
                sharesValid = false;
            }
            if (sharesValid && mix.Values.Sum(v => v ?? 0) != 100)
                errors.Add("topicMix", $"The topic shares must sum to 100 (they sum to {mix.Values.Sum(v => v ?? 0)}).");
        }
        errors.Money("coachingDayRateEur", request.CoachingDayRateEur, max: 100_000);
        errors.Percent("partnerSharePercent", request.PartnerSharePercent);
        return errors;
    }
}
