using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerPortal.Incentives.Plans;

namespace PartnerPortal.Incentives;

/// <summary>Where a statement stands. Stored and answered as <c>draft</c> or <c>approved</c> (API.md): the names the JSON
/// had when this was a string. A what-if is a draft that says so in <see cref="Statement.WhatIfNps"/>.</summary>
public enum StatementStatus
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("approved")] Approved,
}

/// <summary>
/// One revision of a partner's commission statement of a quarter. Every recalculation adds a revision to a draft
/// and keeps the earlier ones; the latest revision is the statement. Draft → approved (<see cref="Approve"/>, only
/// under the plan version it was calculated under); an approved revision never changes.
/// Id: <c>{quarter}|{partnerId}|{revision:D4}</c>.
/// </summary>
public sealed class Statement
{
    public string Id { get; set; } = "";
    public string Quarter { get; set; } = "";
    public string PartnerId { get; set; } = "";
    public int Revision { get; set; }
    /// <summary>Moved by <see cref="Approve"/> (the setter is the tests', which store old rows).</summary>
    [JsonInclude]
    public StatementStatus Status { get; internal set; } = StatementStatus.Draft;
    public StatementNps? Nps { get; set; }
    public NpsTier? Tier { get; set; }
    public List<StatementLine> Lines { get; set; } = [];
    public decimal Total { get; set; }
    public Dictionary<string, decimal> Attainment { get; set; } = [];
    /// <summary>Why the statement is what it is, line by line, in German (shown to the partner).</summary>
    public List<string> Explanation { get; set; } = [];
    /// <summary>The same sentences in English, for the page's English switch (the API shows <see cref="Explanation"/>, German).
    /// Empty on statements calculated before it existed: the page then shows the German ones.</summary>
    public List<string> ExplanationEnglish { get; set; } = [];

    /// <summary>Adds one sentence of the explanation in both languages.</summary>
    internal void Explain((string German, string English) sentence)
    {
        Explanation.Add(sentence.German);
        ExplanationEnglish.Add(sentence.English);
    }
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
    [JsonInclude]
    public string? ApprovedBy { get; private set; }
    /// <summary>The approver's display name at approval, for the approval list.</summary>
    [JsonInclude]
    public string? ApprovedByName { get; private set; }
    [JsonInclude]
    public DateTimeOffset? ApprovedAt { get; private set; }

    [JsonIgnore]
    public bool IsApproved => Status == StatementStatus.Approved;

    /// <summary>True when the draft was calculated under the plan as it is stored now: the same version; for a draft from
    /// before plan versions (ADR 0028), no change of the plan since the draft was calculated. Approval needs it.</summary>
    public bool CalculatedUnder(CommissionPlan? plan) =>
        plan is not null && (PlanVersion is { } version ? version == plan.Version : plan.UpdatedAt <= CalculatedAt);

    /// <summary>Why the statement cannot be approved under <paramref name="plan"/> now, or null when it can.</summary>
    public StatementRefusal? ApprovalRefusal(CommissionPlan? plan) =>
        IsApproved ? StatementRefusal.ApprovedAlready
        : WhatIfNps is not null ? StatementRefusal.Projection
        : !CalculatedUnder(plan) ? StatementRefusal.PlanChanged
        : null;

    /// <summary>Draft → approved, by <paramref name="actor"/> (<c>user:{id}</c>) at <paramref name="at"/>.</summary>
    public void Approve(CommissionPlan? plan, string actor, string? actorName, DateTimeOffset at)
    {
        if (ApprovalRefusal(plan) is { } refusal) throw new InvalidOperationException($"Statement '{Id}' is {Status.Name()}: {refusal}.");
        Status = StatementStatus.Approved;
        ApprovedBy = actor;
        ApprovedByName = actorName;
        ApprovedAt = at;
    }

    /// <summary>The tier-basis value a what-if projection assumed (<see cref="AsWhatIf"/>); null on every real statement.
    /// Never stored: a projection is computed per request.</summary>
    [JsonIgnore]
    public double? WhatIfNps { get; private set; }

    /// <summary>Marks a computed, never stored statement as the projection at <paramref name="nps"/>. It stays a draft
    /// (API.md: "the same shape", status draft|approved); the API's <c>whatIf</c> says what it assumed.</summary>
    internal Statement AsWhatIf(double nps)
    {
        WhatIfNps = nps;
        return this;
    }

    public static string IdOf(string quarter, string partnerId, int revision) => $"{quarter}|{partnerId}|{revision:D4}";
}

/// <summary>The NPS figures the tier was chosen on (unrounded).</summary>
/// <param name="Shrunk">The shrunk NPS (ADR 0034), whatever the basis; null for statements calculated before it existed
/// and when the quarter had no partner-shop population to shrink towards.</param>
public sealed record StatementNps(double Value, int N, double CiLow, bool SufficientSample, double? Shrunk = null);

/// <summary><c>kind</c>: base, uplift, bonus or clawback; amounts in EUR, rounded to cents. A clawback line names the
/// quarter whose approved statement had counted the cancelled transactions.</summary>
public sealed record StatementLine([OneOf("base", "uplift", "bonus", "clawback")] string Kind, [OneOf("mobile", "fixed")] string? Category, int? Count, decimal Amount,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? SourceQuarter = null);

/// <summary>Why a statement cannot be approved.</summary>
public enum StatementRefusal { ApprovedAlready, Projection, PlanChanged }

/// <summary>The status names of the API, the export and the pages.</summary>
internal static class StatementStatuses
{
    /// <summary>The API's name: <c>draft</c>, <c>approved</c>.</summary>
    public static string Name(this StatementStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}
