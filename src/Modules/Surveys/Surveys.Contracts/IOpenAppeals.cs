namespace PartnerPortal.Surveys.Contracts;

/// <summary>
/// The appeals back office has not decided yet (DOMAIN.md "Trust in the score"): Incentives refuses to approve a partner's
/// statement of a quarter while it has open appeals in that quarter, and names them.
/// </summary>
public interface IOpenAppeals
{
    /// <summary>The ids of the open appeals of <paramref name="quarter"/>, oldest first, by partner id; only partners that have
    /// any. <paramref name="partnerId"/> narrows it to that partner.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> OpenInQuarterAsync(string quarter, string? partnerId, CancellationToken ct);
}
