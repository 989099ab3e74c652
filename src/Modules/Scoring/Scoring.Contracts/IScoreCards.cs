namespace PartnerPortal.Scoring.Contracts;

/// <summary>What Incentives may ask of Scoring: partners' touchpoint NPS (segment <c>all</c>) of a quarter.</summary>
public interface IScoreCards
{
    /// <summary>Every partner's touchpoint card of the quarter, by partner id (partners without responses are absent).</summary>
    Task<IReadOnlyDictionary<string, PartnerNps>> PartnerTouchpointAsync(string quarter, CancellationToken cancellationToken);

    /// <summary>Every partner's touchpoint card of the quarter and the partner-shop population they belong to (the
    /// shrunk NPS pulls each partner towards it; DOMAIN.md "Commission"), read in one query so both come from the same
    /// score recalculation.</summary>
    Task<PartnerTouchpoints> PartnerTouchpointWithPopulationAsync(string quarter, CancellationToken cancellationToken);
}

/// <summary>A partner's touchpoint NPS, unrounded (decisions use unrounded values; DOMAIN.md).</summary>
public sealed record PartnerNps(string PartnerId, int N, double Nps, double CiLow, double CiHigh, bool SufficientSample, DateTimeOffset CalculatedAt)
{
    /// <summary>Touchpoint scores of 9–10 among the <see cref="N"/> (for the shrunk NPS).</summary>
    public int Promoters { get; init; }

    /// <summary>Touchpoint scores of 0–6 among the <see cref="N"/> (for the shrunk NPS).</summary>
    public int Detractors { get; init; }
}

/// <summary>The counts of all partner-shop touchpoint scores of a quarter (segment <c>all</c>, excluded responses left
/// out): Scoring's channel card <c>partner-shop</c>.</summary>
public sealed record NpsPopulation(int N, int Promoters, int Detractors);

/// <param name="Population">Null when the quarter has no partner-shop touchpoint score (then no partner has a card either).</param>
public sealed record PartnerTouchpoints(IReadOnlyDictionary<string, PartnerNps> Partners, NpsPopulation? Population);
