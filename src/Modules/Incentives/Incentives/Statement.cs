namespace PartnerPortal.Incentives;

/// <summary>Placeholder document that gives the module its schema; the module's issue fills it in.</summary>
public sealed class Statement
{
    public string Id { get; set; } = "";
    public string Quarter { get; set; } = "";
    public string PartnerId { get; set; } = "";
}
