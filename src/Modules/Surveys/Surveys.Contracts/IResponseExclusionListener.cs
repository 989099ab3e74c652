namespace PartnerPortal.Surveys.Contracts;

/// <summary>
/// Told after a response of <paramref name="quarter"/> was excluded from the figures or released again (DOMAIN.md
/// "Trust in the score"): Scoring implements it by starting the quarter's recalculation. Surveys depends on no other
/// module for this; a host without Scoring simply has no listener.
/// </summary>
public interface IResponseExclusionListener
{
    /// <summary>Called after the change is committed. Returns the id of the job it started, if any.</summary>
    string? ExclusionsChanged(string quarter);
}
