namespace PartnerPortal.Training.Kpis;

internal sealed record TopicMixView(IReadOnlyDictionary<string, decimal> Target, IReadOnlyDictionary<string, decimal> Delivered,
    IReadOnlyDictionary<string, decimal> DeliveredDays);

internal sealed record CostsView(decimal TotalEur, decimal OperatorEur, decimal PartnerEur, decimal WkzEur, decimal InvoicedEur);

internal sealed record KpiView(int Year, string? PartnerId, decimal TargetCoachingDays, decimal CoachingDaysDelivered, decimal CoachingDaysConfirmed,
    TopicMixView TopicMix, int PeopleTrainedInPerson, int ElearningCompletions, CostsView Costs, DateTimeOffset CalculatedAt)
{
    public static KpiView Of(TrainingKpi k) =>
        new(k.Year, k.PartnerId, k.TargetCoachingDays, k.CoachingDaysDelivered, k.CoachingDaysConfirmed,
            new TopicMixView(k.TopicMix.Target, k.TopicMix.Delivered, k.TopicMix.DeliveredDays), k.PeopleTrainedInPerson, k.ElearningCompletions,
            new CostsView(k.Costs.TotalEur, k.Costs.OperatorEur, k.Costs.PartnerEur, k.Costs.WkzEur, k.Costs.InvoicedEur), k.CalculatedAt);
}
