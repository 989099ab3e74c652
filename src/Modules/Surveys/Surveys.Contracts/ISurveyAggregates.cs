namespace PartnerPortal.Surveys.Contracts;

/// <summary>What Scoring may ask of the stored responses: counts, computed by PostgreSQL, streamed.</summary>
public interface ISurveyAggregates
{
    /// <summary>
    /// Promoter, passive and detractor counts of one quarter for every dimension × segment (<c>private</c>,
    /// <c>business</c>, <c>all</c>) × scope: each partner and each of its shops (channel <c>partner-shop</c>),
    /// each channel, and all responses. Groups without responses are absent.
    /// </summary>
    IAsyncEnumerable<ScoreCounts> CountAsync(string quarter, CancellationToken cancellationToken);
}

public sealed record ScoreCounts(
    string Dimension, string Segment, string Scope, string? PartnerId, string? ShopId, string? Channel,
    int N, int Promoters, int Passives, int Detractors);

public static class Scopes
{
    public const string Partner = "partner";
    public const string Shop = "shop";
    public const string Channel = "channel";
    public const string All = "all";

    public static readonly IReadOnlyList<string> Every = [Partner, Shop, Channel, All];
}
