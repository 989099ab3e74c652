using PartnerPortal.Incentives.Plans;

namespace PartnerPortal.Incentives;

/// <summary>
/// One revision of a partner's commission statement of a quarter. Every recalculation adds a revision to a draft
/// and keeps the earlier ones; the latest revision is the statement. An approved revision never changes.
/// Id: <c>{quarter}|{partnerId}|{revision:D4}</c>.
/// </summary>
public sealed class Statement
{
    public string Id { get; set; } = "";
    public string Quarter { get; set; } = "";
    public string PartnerId { get; set; } = "";
    public int Revision { get; set; }
    /// <summary><c>draft</c> or <c>approved</c>.</summary>
    public string Status { get; set; } = "draft";
    public StatementNps? Nps { get; set; }
    public NpsTier? Tier { get; set; }
    public List<StatementLine> Lines { get; set; } = [];
    public decimal Total { get; set; }
    public Dictionary<string, decimal> Attainment { get; set; } = [];
    /// <summary>Why the statement is what it is, line by line, in German (shown to the partner).</summary>
    public List<string> Explanation { get; set; } = [];
    public DateTimeOffset CalculatedAt { get; set; }
    /// <summary>The <see cref="CommissionPlan.Version"/> the statement was calculated under (approval needs it to be the
    /// plan's current one); null for statements calculated before plans had versions (ADR 0028).</summary>
    public int? PlanVersion { get; set; }
    /// <summary>The base rates the statement was calculated with. Clawbacks of its transactions use these (with the
    /// <see cref="Tier"/>'s uplift), not whatever the plan says later; null for statements from before ADR 0028.</summary>
    public CategoryRates? BaseRates { get; set; }
    /// <summary>The transactions this statement's clawback lines take back (so none is taken back twice).</summary>
    public List<string> ClawedBack { get; set; } = [];
    /// <summary>The approver's actor (<c>user:{id}</c>).</summary>
    public string? ApprovedBy { get; set; }
    /// <summary>The approver's display name at approval, for the approval list.</summary>
    public string? ApprovedByName { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }

    public static string IdOf(string quarter, string partnerId, int revision) => $"{quarter}|{partnerId}|{revision:D4}";
}

/// <summary>The NPS figures the tier was chosen on (unrounded).</summary>
/// <param name="Shrunk">The shrunk NPS (ADR 0034), whatever the basis; null for statements calculated before it existed
/// and when the quarter had no partner-shop population to shrink towards.</param>
public sealed record StatementNps(double Value, int N, double CiLow, bool SufficientSample, double? Shrunk = null);

/// <summary><c>kind</c>: base, uplift, bonus or clawback; amounts in EUR, rounded to cents. A clawback line names the
/// quarter whose approved statement had counted the cancelled transactions.</summary>
public sealed record StatementLine(string Kind, string? Category, int? Count, decimal Amount,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? SourceQuarter = null);
