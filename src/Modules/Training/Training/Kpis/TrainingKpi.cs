namespace PartnerPortal.Training.Kpis;

/// <summary>The programme's KPIs of one year, for the whole programme (<see cref="PartnerId"/> null) or one partner.
/// Id: <c>{year}/*</c> or <c>{year}/{partnerId}</c>. Written by <c>training:recalculate</c>.</summary>
public sealed class TrainingKpi
{
    public string Id { get; set; } = "";
    public int Year { get; set; }
    public string? PartnerId { get; set; }

    /// <summary>The programme's target (the same for a partner: there are no per-partner targets).</summary>
    public decimal TargetCoachingDays { get; set; }

    public decimal CoachingDaysDelivered { get; set; }

    /// <summary>Confirmed and not yet delivered.</summary>
    public decimal CoachingDaysConfirmed { get; set; }

    public TopicMixKpi TopicMix { get; set; } = new();
    public int PeopleTrainedInPerson { get; set; }
    public int ElearningCompletions { get; set; }
    public CostKpi Costs { get; set; } = new();
    public DateTimeOffset CalculatedAt { get; set; }

    public static string IdOf(int year, string? partnerId) => $"{year}/{partnerId ?? "*"}";
}

public sealed class TopicMixKpi
{
    /// <summary>The programme's target share per topic, percent.</summary>
    public Dictionary<string, decimal> Target { get; set; } = [];

    /// <summary>Share of delivered days per topic, percent with one decimal; 0 for every topic while nothing is delivered.</summary>
    public Dictionary<string, decimal> Delivered { get; set; } = [];

    public Dictionary<string, decimal> DeliveredDays { get; set; } = [];
}

/// <summary>Costs of delivered coaching: <c>TotalEur = OperatorEur + PartnerEur</c>, <c>PartnerEur = WkzEur + InvoicedEur</c>.</summary>
public sealed class CostKpi
{
    public decimal TotalEur { get; set; }
    public decimal OperatorEur { get; set; }
    public decimal PartnerEur { get; set; }
    public decimal WkzEur { get; set; }
    public decimal InvoicedEur { get; set; }
}
