namespace PartnerPortal.Scoring.Contracts;

/// <summary>What Incentives may ask of Scoring: partners' touchpoint NPS (segment <c>all</c>) of a quarter.</summary>
public interface IScoreCards
{
    /// <summary>Every partner's touchpoint card of the quarter, by partner id (partners without responses are absent).</summary>
    Task<IReadOnlyDictionary<string, PartnerNps>> PartnerTouchpointAsync(string quarter, CancellationToken cancellationToken);
}

/// <summary>A partner's touchpoint NPS, unrounded (decisions use unrounded values; DOMAIN.md).</summary>
public sealed record PartnerNps(string PartnerId, int N, double Nps, double CiLow, double CiHigh, bool SufficientSample, DateTimeOffset CalculatedAt);
