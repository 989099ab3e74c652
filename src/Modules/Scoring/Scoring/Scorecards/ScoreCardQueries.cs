using System.Text;
using PartnerPortal.Scoring.Contracts;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Scoring.Scorecards;

internal sealed record ScoreCardFilter(string? Quarter, string? Dimension, string? Segment, string? Scope, string? PartnerId, string? ShopId, string? Channel);

/// <summary>Reads score cards. A partner-bound caller reads its own partner and shop cards and the channel and
/// all-scope benchmarks, never another partner's cards.</summary>
internal sealed class ScoreCardQueries(IQuerySession session, PercentileCache percentiles, ScoreCardStamps stamps) : IScoreCards
{
    public static ValidationErrors Validate(ScoreCardFilter f)
    {
        var errors = new ValidationErrors();
        if (f.Quarter is null) errors.Add("quarter", "'quarter' is required, e.g. 2023-Q2.");
        else errors.Quarter("quarter", f.Quarter, out _);
        if (f.Dimension is not null && !Dimensions.All.Contains(f.Dimension)) errors.Add("dimension", $"'dimension' must be one of: {string.Join(", ", Dimensions.All)}.");
        if (f.Segment is not null && !CardSegments.Every.Contains(f.Segment)) errors.Add("segment", $"'segment' must be one of: {string.Join(", ", CardSegments.Every)}.");
        if (f.Scope is not null && !CardScopes.Every.Contains(f.Scope)) errors.Add("scope", $"'scope' must be one of: {string.Join(", ", CardScopes.Every)}.");
        if (f.Channel is not null && !Channels.All.Contains(f.Channel)) errors.Add("channel", $"'channel' must be one of: {string.Join(", ", Channels.All)}.");
        return errors;
    }

    public async Task<IReadOnlyList<ScoreCard>> ListAsync(ScoreCardFilter f, Caller caller, CancellationToken ct)
    {
        var sql = new StringBuilder("where quarter = ?");
        var parameters = new List<object> { f.Quarter! };
        void Filter(string clause, object value) { sql.Append(" and ").Append(clause); parameters.Add(value); }
        if (f.Dimension is not null) Filter("dimension = ?", f.Dimension);
        if (f.Segment is not null) Filter("segment = ?", f.Segment);
        if (f.Scope is not null) Filter("scope = ?", f.Scope);
        if (f.PartnerId is not null) Filter("partner_id = ?", f.PartnerId);
        if (f.ShopId is not null) Filter("shop_id = ?", f.ShopId);
        if (f.Channel is not null) Filter("channel = ?", f.Channel);
        if (caller.PartnerId is { } own) Filter("(scope in ('channel', 'all') or partner_id = ?)", own);
        sql.Append(" order by scope, partner_id nulls first, shop_id nulls first, channel nulls first, dimension, segment");
        return await session.QueryAsync<ScoreCard>(sql.ToString(), ct, parameters.ToArray());
    }

    /// <summary>All cards of some quarters for the summary: the partner's own, its shops' and the benchmarks.</summary>
    public async Task<IReadOnlyList<ScoreCard>> ForPartnerAsync(string partnerId, IEnumerable<string> quarters, string segment, CancellationToken ct) =>
        await session.QueryAsync<ScoreCard>(
            "where quarter = any(?) and segment = ? and (partner_id = ? or (scope = 'channel' and dimension = 'touchpoint' and channel in ('partner-shop', 'own-shop')))",
            ct, quarters.ToArray(), segment, partnerId);

    /// <summary>The partner's percentile rank among the partners of the card's quarter (see <see cref="PartnerSummary.PercentileRank(ScoreCard, IEnumerable{ScoreCard})"/>).</summary>
    public Task<double?> PercentileRankAsync(ScoreCard own, string segment, DateTimeOffset? knownStamp, CancellationToken ct) =>
        percentiles.RankAsync(own, segment, knownStamp, session, this, ct);

    /// <summary>The <see cref="ScoreCardStamp.CalculatedAt"/> of each quarter, in the same order (null: never recalculated):
    /// from this host's copy while stamp notifications are heard, else in one round trip (<see cref="ScoreCardStamps"/>).</summary>
    public Task<DateTimeOffset?[]> StampsAsync(IReadOnlyList<Quarter> quarters, CancellationToken ct) =>
        stamps.GetAsync(quarters.Select(q => q.ToString()).ToArray(), session, ct);

    /// <summary>Every partner's touchpoint card of a quarter and segment (for percentile ranks and commission).</summary>
    public async Task<IReadOnlyList<ScoreCard>> PartnerTouchpointCardsAsync(string quarter, string segment, CancellationToken ct) =>
        await session.QueryAsync<ScoreCard>("where quarter = ? and scope = 'partner' and dimension = 'touchpoint' and segment = ?", ct, quarter, segment);

    public async Task<IReadOnlyDictionary<string, PartnerNps>> PartnerTouchpointAsync(string quarter, CancellationToken cancellationToken) =>
        (await PartnerTouchpointCardsAsync(quarter, "all", cancellationToken))
        .ToDictionary(c => c.PartnerId!, ToPartnerNps, StringComparer.Ordinal);

    /// <summary>The partner cards and the channel card <c>partner-shop</c> (touchpoint, segment <c>all</c>) in one
    /// statement: one snapshot, so a score recalculation committing meanwhile cannot mix two generations.</summary>
    public async Task<PartnerTouchpoints> PartnerTouchpointWithPopulationAsync(string quarter, CancellationToken cancellationToken)
    {
        var cards = await session.QueryAsync<ScoreCard>(
            "where quarter = ? and dimension = 'touchpoint' and segment = 'all' and (scope = ? or (scope = ? and channel = ?))",
            cancellationToken, quarter, CardScopes.Partner, CardScopes.Channel, Channels.PartnerShop);
        var population = cards.FirstOrDefault(c => c.Scope == CardScopes.Channel) is { } channel
            ? new NpsPopulation(channel.N, channel.Promoters, channel.Detractors)
            : null;
        return new PartnerTouchpoints(
            cards.Where(c => c.Scope == CardScopes.Partner).ToDictionary(c => c.PartnerId!, ToPartnerNps, StringComparer.Ordinal), population);
    }

    private static PartnerNps ToPartnerNps(ScoreCard c) =>
        new(c.PartnerId!, c.N, c.Nps, c.CiLow, c.CiHigh, c.SufficientSample, c.CalculatedAt) { Promoters = c.Promoters, Detractors = c.Detractors };
}
