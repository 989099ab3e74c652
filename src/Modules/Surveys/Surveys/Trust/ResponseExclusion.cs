namespace PartnerPortal.Surveys.Trust;

/// <summary>
/// A response that counts in no score card, benchmark, percentile or statement (DOMAIN.md "Trust in the score"):
/// excluded because back office accepted an appeal (<see cref="ExclusionReasons.Appeal"/>) or quarantined it
/// (<see cref="ExclusionReasons.Integrity"/>). Its own document, keyed by the response id, so ingestion's rows stay as
/// they are and the aggregation leaves excluded responses out with one anti-join (ADR 0031). Released = deleted.
/// </summary>
public sealed class ResponseExclusion
{
    /// <summary>The response id.</summary>
    public string Id { get; set; } = "";
    public string? PartnerId { get; set; }
    public string Quarter { get; set; } = "";
    public string Reason { get; set; } = "";
    public string? Note { get; set; }
    /// <summary>The accepted appeal, for <see cref="ExclusionReasons.Appeal"/>.</summary>
    public string? AppealId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The actor (<c>user:…</c>, <c>key:…</c>).</summary>
    public string By { get; set; } = "";
    public string ByName { get; set; } = "";
}

internal static class ExclusionReasons
{
    public const string Appeal = "appeal";
    public const string Integrity = "integrity";
}

/// <summary>How an excluded response shows in <c>GET …/responses/{id}</c> and the listing (API.md).</summary>
public sealed record ExclusionView([OneOf(typeof(ExclusionReasons))] string Reason, DateTimeOffset At, string By);
