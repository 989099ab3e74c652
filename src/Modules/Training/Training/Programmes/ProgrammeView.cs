namespace PartnerPortal.Training.Programmes;

internal sealed record ProgrammeView(int Year, decimal TargetCoachingDays, IReadOnlyDictionary<string, decimal> TopicMix, decimal CoachingDayRateEur,
    decimal PartnerSharePercent, DateTimeOffset UpdatedAt)
{
    public static ProgrammeView Of(TrainingProgramme p) =>
        new(p.Year, p.TargetCoachingDays, p.TopicMix, SharedKernel.Money.Cents(p.CoachingDayRateEur), p.PartnerSharePercent, p.UpdatedAt);
}
