using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Scoring.Scorecards;

/// <summary>
/// Sums the finest-grained groups into every score card of a quarter: each group counts towards its segment and
/// segment <c>all</c>, for the all scope, its channel, and — channel <c>partner-shop</c> only (DOMAIN.md: a partner's
/// touchpoint NPS counts its partner-shop responses) — its partner and its shop.
/// </summary>
internal sealed class ScoreCardRollup
{
    private readonly Dictionary<(string Dimension, string Segment, string Scope, string? Partner, string? Shop, string? Channel), int[]> _sums = [];

    public void Add(GroupCounts g)
    {
        foreach (var segment in new[] { g.Segment, CardSegments.All })
        {
            Sum((g.Dimension, segment, CardScopes.All, null, null, null), g);
            Sum((g.Dimension, segment, CardScopes.Channel, null, null, g.Channel), g);
            if (g.Channel != Channels.PartnerShop || g.PartnerId is null) continue;
            Sum((g.Dimension, segment, CardScopes.Partner, g.PartnerId, null, null), g);
            if (g.ShopId is not null) Sum((g.Dimension, segment, CardScopes.Shop, g.PartnerId, g.ShopId, null), g);
        }
    }

    public IEnumerable<ScoreCard> Cards(string quarter, DateTimeOffset calculatedAt) =>
        _sums.Select(s => ScoreCard.From(quarter, s.Key.Dimension, s.Key.Segment, s.Key.Scope, s.Key.Partner, s.Key.Shop, s.Key.Channel,
            s.Value[0], s.Value[1], s.Value[2], s.Value[3], calculatedAt));

    private void Sum((string, string, string, string?, string?, string?) key, GroupCounts g)
    {
        if (!_sums.TryGetValue(key, out var sums)) _sums[key] = sums = new int[4];
        sums[0] += g.N;
        sums[1] += g.Promoters;
        sums[2] += g.Passives;
        sums[3] += g.Detractors;
    }
}
