namespace PartnerPortal.Scoring;

/// <summary>Placeholder document that gives the module its schema; the module's issue fills it in.</summary>
public sealed class ScoreCard
{
    public string Id { get; set; } = "";
    public string Quarter { get; set; } = "";
}
