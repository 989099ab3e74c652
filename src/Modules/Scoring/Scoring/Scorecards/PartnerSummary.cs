using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Scoring.Scorecards;

public sealed record DimensionCards(ScoreCardView? Brand, ScoreCardView? Product, ScoreCardView? Touchpoint);

public sealed record Benchmarks(ScoreCardView? PartnerShop, ScoreCardView? OwnShop);

public sealed record TrendPoint(string Quarter, double? Nps, double? CiLow, double? CiHigh, int? N, bool? SufficientSample, [OneOf("up", "down", "none")] string? Change);

public sealed record PartnerSummaryView(
    string PartnerId, string Quarter, [OneOf(typeof(CardSegments))] string Segment, DimensionCards Dimensions, Benchmarks Benchmarks, double? PercentileRank,
    IReadOnlyList<TrendPoint> Trend);

/// <summary><c>GET /api/v1/scoring/partners/{partnerId}/summary</c> (API.md, DOMAIN.md "Benchmarks").</summary>
internal static class PartnerSummary
{
    public const string Up = "up";
    public const string Down = "down";
    public const string None = "none";

    public static async Task<IResult> Handle(string partnerId, string? quarter, [OneOf(typeof(CardSegments))] string? segment, ScoreCardQueries queries,
        SummaryCache cache, IPartnerDirectory partners, CancellationToken ct)
    {
        segment ??= CardSegments.All;
        var errors = ScoreCardQueries.Validate(new ScoreCardFilter(quarter, null, segment, null, null, null, null));
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var q = Quarter.Parse(quarter!);
        // The stamps first, then the cards: see StampedCache.Set.
        var stamps = await queries.StampsAsync(QuartersOf(q), ct);
        // A summary is cached only for a partner that existed when it was built, and partners are never deleted,
        // so a hit needs no existence check (one round trip per request instead of three).
        if (cache.TryGet((partnerId, q.ToString(), segment), stamps, out var cached)) return TypedResults.Ok(cached);
        if (await partners.FindAsync(partnerId, ct) is null) return Problems.NotFound($"Partner '{partnerId}' does not exist.");
        var view = await BuildAsync(partnerId, q, segment, queries, stamps[0], ct);
        cache.Set((partnerId, q.ToString(), segment), stamps, view);
        return TypedResults.Ok(view);
    }

    /// <summary>The summary of a partner known to exist (the portal page's own partner), from the cache when the stamps of
    /// its five quarters are unchanged.</summary>
    public static async Task<PartnerSummaryView> SummaryAsync(string partnerId, Quarter quarter, string segment, ScoreCardQueries queries,
        SummaryCache cache, CancellationToken ct)
    {
        var stamps = await queries.StampsAsync(QuartersOf(quarter), ct);
        if (cache.TryGet((partnerId, quarter.ToString(), segment), stamps, out var cached)) return cached;
        var view = await BuildAsync(partnerId, quarter, segment, queries, stamps[0], ct);
        cache.Set((partnerId, quarter.ToString(), segment), stamps, view);
        return view;
    }

    /// <summary>The quarters a summary is built from, newest first: the quarter, three more trend quarters and the one
    /// before the oldest, for its change.</summary>
    public static Quarter[] QuartersOf(Quarter quarter) => Enumerable.Range(0, 5).Select(i => Back(quarter, i)).ToArray();

    /// <param name="stamp">the quarter's stamp when already read before the cards (saves the percentile cache its read); null: read it.</param>
    public static async Task<PartnerSummaryView> BuildAsync(string partnerId, Quarter quarter, string segment, ScoreCardQueries queries,
        DateTimeOffset? stamp, CancellationToken ct)
    {
        var quarters = QuartersOf(quarter);
        var cards = await queries.ForPartnerAsync(partnerId, quarters.Select(q => q.ToString()), segment, ct);
        ScoreCard? Card(Quarter q, string dimension, string scope, string? channel = null) =>
            cards.FirstOrDefault(c => c.Quarter == q.ToString() && c.Dimension == dimension && c.Scope == scope
                                      && (scope != CardScopes.Channel || c.Channel == channel)
                                      && (scope != CardScopes.Partner || c.PartnerId == partnerId));
        ScoreCardView? View(ScoreCard? c) => c is null ? null : ScoreCardView.Of(c);

        var own = Card(quarter, Dimensions.Touchpoint, CardScopes.Partner);
        var trend = TrendOf(quarters, q => Card(q, Dimensions.Touchpoint, CardScopes.Partner));

        return new PartnerSummaryView(partnerId, quarter.ToString(), segment,
            new DimensionCards(
                View(Card(quarter, Dimensions.Brand, CardScopes.Partner)),
                View(Card(quarter, Dimensions.Product, CardScopes.Partner)),
                View(own)),
            new Benchmarks(
                View(Card(quarter, Dimensions.Touchpoint, CardScopes.Channel, Channels.PartnerShop)),
                View(Card(quarter, Dimensions.Touchpoint, CardScopes.Channel, Channels.OwnShop))),
            own is null ? null : await queries.PercentileRankAsync(own, segment, stamp, ct),
            trend);
    }

    /// <summary>The four-quarter touchpoint trend, oldest first, each point with its change against the quarter before it,
    /// from the cards of <paramref name="quarters"/> (<see cref="QuartersOf"/>): the partner's, or one shop's.</summary>
    public static TrendPoint[] TrendOf(Quarter[] quarters, Func<Quarter, ScoreCard?> touchpoint) =>
        quarters.Take(4).Reverse().Select(q =>
        {
            var current = touchpoint(q);
            var before = touchpoint(q.Previous());
            return new TrendPoint(q.ToString(), Round(current?.Nps), Round(current?.CiLow), Round(current?.CiHigh), current?.N,
                current?.SufficientSample, Change(current, before));
        }).ToArray();

    /// <summary>The share, in percent, of the other partners with a sufficient touchpoint sample whose touchpoint NPS
    /// is strictly lower; null when the partner's own sample is insufficient or no other partner qualifies.</summary>
    public static double? PercentileRank(ScoreCard own, IEnumerable<ScoreCard> everyPartner)
    {
        if (!own.SufficientSample) return null;
        var sufficient = everyPartner.Where(c => c.SufficientSample).ToArray();
        return PercentileRank(own.Nps, sufficient.Select(c => c.Nps).Order().ToArray(), sufficient.Any(c => c.PartnerId == own.PartnerId));
    }

    /// <summary>The same rank from the sorted NPS of every partner with a sufficient sample, which includes the partner
    /// itself when <paramref name="ownIncluded"/>.</summary>
    public static double? PercentileRank(double ownNps, double[] sortedNps, bool ownIncluded)
    {
        var others = sortedNps.Length - (ownIncluded ? 1 : 0);
        if (others <= 0) return null;
        var lower = LowerBound(sortedNps, ownNps);
        return NpsMath.Round1(100.0 * lower / others);
    }

    /// <summary>How many values are strictly below <paramref name="value"/>.</summary>
    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary><c>up</c>/<c>down</c> when significant, <c>none</c> when not, null when either quarter is missing.</summary>
    public static string? Change(ScoreCard? current, ScoreCard? before) =>
        current is null || before is null ? null
        : !NpsMath.Significant(current.Figures, before.Figures) ? None
        : current.Adjusted > before.Adjusted ? Up : Down;


    private static Quarter Back(Quarter q, int steps)
    {
        for (var i = 0; i < steps; i++) q = q.Previous();
        return q;
    }

    private static double? Round(double? value) => value is { } v ? NpsMath.Round1(v) : null;
}
