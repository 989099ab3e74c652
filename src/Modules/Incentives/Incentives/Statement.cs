namespace PartnerPortal.Incentives;

/// <summary>A partner's commission statement of a quarter (the calculation follows in the Incentives issue; the
/// status already decides whether the quarter's plan may still change).</summary>
public sealed class Statement
{
    public string Id { get; set; } = "";
    public string Quarter { get; set; } = "";
    public string PartnerId { get; set; } = "";
    /// <summary><c>draft</c> or <c>approved</c>.</summary>
    public string Status { get; set; } = "draft";
}
