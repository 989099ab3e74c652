using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Scoring.Scorecards;

internal sealed record ScoreCardList(IReadOnlyList<ScoreCardView> Items);

/// <summary><c>GET /api/v1/scoring/scorecards</c>.</summary>
internal static class ListScoreCards
{
    public static async Task<IResult> Handle(string? quarter, string? dimension, [OneOf(typeof(CardSegments))] string? segment, [OneOf(typeof(CardScopes))] string? scope, string? partnerId,
        string? shopId, string? channel, Caller caller, ScoreCardQueries queries, ScoreCardListCache cache, CancellationToken ct)
    {
        var filter = new ScoreCardFilter(quarter, dimension, segment, scope, partnerId, shopId, channel);
        var errors = ScoreCardQueries.Validate(filter);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        // The quarter's stamp first, then the cards: see StampedCache.Set. The caller's partner is part of the key, as
        // it narrows what the query returns.
        var stamps = await queries.StampsAsync([SharedKernel.Quarter.Parse(quarter!)], ct);
        var key = (filter, caller.PartnerId);
        if (cache.TryGet(key, stamps, out var cached)) return TypedResults.Ok(cached);
        var cards = await queries.ListAsync(filter, caller, ct);
        var list = new ScoreCardList(cards.Select(ScoreCardView.Of).ToArray());
        if (cards.Count <= ScoreCardListCache.MaxCardsPerList) cache.Set(key, stamps, list, size: cards.Count + 1);
        return TypedResults.Ok(list);
    }
}
