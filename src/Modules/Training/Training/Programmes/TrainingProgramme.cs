namespace PartnerPortal.Training.Programmes;

/// <summary>The coaching topics of DOMAIN.md, as they appear in the API.</summary>
internal static class Topics
{
    public const string SalesConversation = "sales-conversation";
    public const string LeadershipMotivation = "leadership-motivation";

    public static readonly IReadOnlyList<string> All = [SalesConversation, LeadershipMotivation];

    public static bool IsKnown(string? topic) => topic is SalesConversation or LeadershipMotivation;

    public static string German(string topic) => topic switch
    {
        SalesConversation => "Verkaufsgespräch",
        LeadershipMotivation => "Führung & Motivation",
        _ => topic,
    };
}

/// <summary>A number of coaching days as the pages and the WKZ ledger write it, in German format on every page (ADR 0013).</summary>
internal static class CoachingDays
{
    /// <summary>The number alone: "1", "1,5" (a table's "Tage" column, the booking form's choices).</summary>
    public static string Number(decimal days) => days.ToString("0.#", PartnerPortal.BuildingBlocks.Web.GermanFormat.Culture);

    /// <summary>In words, one day singular: "1 Tag", "1,5 Tage" ("1 day", "2 days"). The WKZ ledger's text and the
    /// Schulungen page.</summary>
    public static string Words(decimal days, bool english = false) =>
        days == 1 ? (english ? "1 day" : "1 Tag") : Number(days) + (english ? " days" : " Tage");
}

/// <summary>The Perfect Pitch programme of one year. Id: the year, e.g. <c>"2023"</c>.</summary>
public sealed class TrainingProgramme
{
    public string Id { get; set; } = "";
    public int Year { get; set; }
    public decimal TargetCoachingDays { get; set; }

    /// <summary>Target share of coaching days per topic, in percent; sums to 100.</summary>
    public Dictionary<string, decimal> TopicMix { get; set; } = [];

    public decimal CoachingDayRateEur { get; set; }
    public decimal PartnerSharePercent { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}
