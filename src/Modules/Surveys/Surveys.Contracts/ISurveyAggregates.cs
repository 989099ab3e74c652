namespace PartnerPortal.Surveys.Contracts;

/// <summary>What Scoring may ask of the stored responses: counts, computed by PostgreSQL, streamed.</summary>
public interface ISurveyAggregates
{
    /// <summary>
    /// Promoter, passive and detractor counts of one quarter per dimension × segment × channel × partner × shop:
    /// the finest grain, from one GROUP BY in PostgreSQL. Every score card is a sum of these groups.
    /// </summary>
    IAsyncEnumerable<GroupCounts> CountAsync(string quarter, CancellationToken cancellationToken);
}

/// <summary>The counts of one group of scores; <see cref="PartnerId"/> and <see cref="ShopId"/> may be null.</summary>
public sealed record GroupCounts(
    string Dimension, string Segment, string Channel, string? PartnerId, string? ShopId, int N, int Promoters, int Passives, int Detractors);

/// <summary>The scopes score cards exist for (not the authorization scopes, <c>BuildingBlocks.Security.Scopes</c>).</summary>
public static class CardScopes
{
    public const string Partner = "partner";
    public const string Shop = "shop";
    public const string Channel = "channel";
    public const string All = "all";

    public static readonly IReadOnlyList<string> Every = [Partner, Shop, Channel, All];
}

/// <summary>The segments score cards exist for: each survey segment (<see cref="Segments"/>) and <see cref="All"/> of them
/// together. A response's own segment is never <c>all</c>.</summary>
public static class CardSegments
{
    public const string Private = Segments.Private;
    public const string Business = Segments.Business;
    public const string All = "all";

    public static readonly IReadOnlyList<string> Every = [Private, Business, All];
}
