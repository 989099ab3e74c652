namespace PartnerPortal.Training;

/// <summary>Placeholder document that gives the module its schema; the module's issue fills it in.</summary>
public sealed class TrainingKpi
{
    public string Id { get; set; } = "";
    public int Year { get; set; }
}
