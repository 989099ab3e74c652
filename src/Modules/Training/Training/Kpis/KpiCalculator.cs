using PartnerPortal.BuildingBlocks.Data;
using System.Globalization;
using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Elearning;
using PartnerPortal.Training.Programmes;
using PartnerPortal.Training.Sessions;

namespace PartnerPortal.Training.Kpis;

/// <summary>Computes a year's KPIs (DOMAIN.md "Training") for the programme and for every partner with activity.</summary>
internal static class KpiCalculator
{
    public static async Task<IReadOnlyList<TrainingKpi>> ComputeAsync(IQuerySession session, int year, DateTimeOffset now, CancellationToken ct)
    {
        var programme = await session.LoadAsync<TrainingProgramme>(year.ToString(CultureInfo.InvariantCulture), ct);
        var bookings = await session.Query<CoachingBooking>()
            .Where(b => b.Year == year && (b.Status == BookingStatus.Delivered || b.Status == BookingStatus.Confirmed)).ToListAsync(ct);
        var sessions = await session.Query<TrainingSession>().Where(s => s.Year == year).ToListAsync(ct);
        var completions = await session.QueryAsync<CompletionCount>(
            $"select json_build_object('partnerId', partner_id, 'count', count(*)) from {MartenTables.Of<Elearning.ElearningCompletion>(session.DocumentStore)} where year = ? group by partner_id", ct, year);
        var attendances = sessions.SelectMany(s => s.Registrations).Where(r => r.Attended == true).ToArray();

        var partners = bookings.Select(b => b.PartnerId).Concat(attendances.Select(a => a.PartnerId)).Concat(completions.Select(c => c.PartnerId))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var kpis = new List<TrainingKpi> { Build(year, null, programme, bookings, attendances, completions, now) };
        foreach (var partnerId in partners)
        {
            kpis.Add(Build(year, partnerId, programme, bookings.Where(b => b.PartnerId == partnerId).ToArray(),
                attendances.Where(a => a.PartnerId == partnerId).ToArray(), completions.Where(c => c.PartnerId == partnerId).ToArray(), now));
        }
        return kpis;
    }

    internal static TrainingKpi Build(int year, string? partnerId, TrainingProgramme? programme, IReadOnlyCollection<CoachingBooking> bookings,
        IReadOnlyCollection<SessionRegistration> attendances, IReadOnlyCollection<CompletionCount> completions, DateTimeOffset now)
    {
        var delivered = bookings.Where(b => b.Status == BookingStatus.Delivered).ToArray();
        var deliveredDays = delivered.Sum(b => b.Days);
        var daysByTopic = Topics.All.ToDictionary(t => t, t => delivered.Where(b => b.Topic == t).Sum(b => b.Days));
        return new TrainingKpi
        {
            Id = TrainingKpi.IdOf(year, partnerId),
            Year = year,
            PartnerId = partnerId,
            TargetCoachingDays = programme?.TargetCoachingDays ?? 0,
            CoachingDaysDelivered = deliveredDays,
            CoachingDaysConfirmed = bookings.Where(b => b.Status == BookingStatus.Confirmed).Sum(b => b.Days),
            TopicMix = new TopicMixKpi
            {
                Target = Topics.All.ToDictionary(t => t, t => programme?.TopicMix.GetValueOrDefault(t) ?? 0m),
                Delivered = daysByTopic.ToDictionary(d => d.Key,
                    d => deliveredDays == 0 ? 0m : Math.Round(d.Value * 100m / deliveredDays, 1, MidpointRounding.AwayFromZero)),
                DeliveredDays = daysByTopic,
            },
            PeopleTrainedInPerson = attendances.Count,
            ElearningCompletions = completions.Sum(c => c.Count),
            Costs = new CostKpi
            {
                TotalEur = delivered.Sum(b => b.Charges?.TotalEur ?? 0),
                OperatorEur = delivered.Sum(b => b.Charges?.OperatorEur ?? 0),
                PartnerEur = delivered.Sum(b => b.Charges?.PartnerEur ?? 0),
                WkzEur = delivered.Sum(b => b.Charges?.WkzEur ?? 0),
                InvoicedEur = delivered.Sum(b => b.Charges?.InvoicedEur ?? 0),
            },
            CalculatedAt = now,
        };
    }

    internal sealed class CompletionCount
    {
        public string PartnerId { get; set; } = "";
        public int Count { get; set; }
    }
}
