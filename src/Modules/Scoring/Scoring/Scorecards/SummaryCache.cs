using PartnerPortal.BuildingBlocks.Caching;

namespace PartnerPortal.Scoring.Scorecards;

/// <summary>Built partner summaries per (partner, quarter, segment), under the <see cref="ScoreCardStamp"/>s of their five
/// quarters (from <see cref="ScoreCardStamps"/>); at most <see cref="MaxEntries"/> (a summary is about 2–3 KB). See ADRs
/// 0021, 0025 and 0036.</summary>
internal sealed class SummaryCache()
    : StampedCache<(string PartnerId, string Quarter, string Segment), DateTimeOffset?[], PartnerSummaryView>(MaxEntries, StampSequenceComparer<DateTimeOffset?>.Instance)
{
    public const int MaxEntries = 20_000;
}

/// <summary>
/// Answers of <c>GET /api/v1/scoring/scorecards</c> per filter and caller's partner, under the quarter's stamp. Sized in
/// cards: at most <see cref="MaxCards"/> cached in all (a card view is about 300 bytes), and a list longer than
/// <see cref="MaxCardsPerList"/> (a back-office export of a whole quarter) is not kept at all.
/// </summary>
internal sealed class ScoreCardListCache()
    : StampedCache<(ScoreCardFilter Filter, string? CallerPartnerId), DateTimeOffset?[], ScoreCardList>(MaxCards, StampSequenceComparer<DateTimeOffset?>.Instance)
{
    public const int MaxCards = 200_000;
    public const int MaxCardsPerList = 2_000;
}
