using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Scoring.Scorecards;

namespace PartnerPortal.Scoring.Pages;

/// <summary><c>/uebersicht</c>: a partner's overview, or back office's comparison of channels and partners.</summary>
internal static class OverviewEndpoint
{
    public static void Map(IEndpointRouteBuilder pages) =>
        pages.MapGet("/uebersicht", async (string? quarter, string? segment, Caller caller, ScoreCardQueries queries, SummaryCache summaries, IQuerySession session,
                IPartnerDirectory partners, IEnumerable<IOverviewTiles> tileSources, TimeProvider clock, CancellationToken ct) =>
            {
                segment = segment is "private" or "business" ? segment : "all";
                var latest = await session.QueryAsync<string>($"select max(quarter) from {MartenTables.Of<ScoreCard>(session.DocumentStore)}", ct);
                var current = Quarter.TryParse(quarter, out var q) ? q
                    : Quarter.TryParse(latest.FirstOrDefault(), out var l) ? l : Quarter.Of(clock.GetUtcNow());
                var options = new List<string>();
                for (var o = Quarter.Of(clock.GetUtcNow()); options.Count < 12; o = o.Previous()) options.Add(o.ToString());
                if (!options.Contains(current.ToString())) options.Insert(0, current.ToString());

                if (caller.PartnerId is { } partnerId)
                {
                    var summary = await PartnerSummary.SummaryAsync(partnerId, current, segment, queries, summaries, ct);
                    var tiles = new List<OverviewTile>();
                    foreach (var source in tileSources)
                        if (await source.TileAsync(caller, current.ToString(), ct) is { } tile) tiles.Add(tile);
                    return (IResult)PortalPages.Page<OverviewPage>(new { Summary = summary, QuarterOptions = options, Tiles = tiles });
                }
                var filter = new ScoreCardFilter(current.ToString(), "touchpoint", segment, null, null, null, null);
                var cards = await queries.ListAsync(filter, caller, ct);
                var partnerCards = cards.Where(c => c.Scope == "partner").OrderByDescending(c => c.SufficientSample).ThenByDescending(c => c.Nps).ToArray();
                var names = await partners.FindManyAsync(partnerCards.Select(c => c.PartnerId!), ct);
                return PortalPages.Page<ComparisonPage>(new
                {
                    Quarter = current.ToString(),
                    Segment = segment,
                    QuarterOptions = options,
                    Channels = cards.Where(c => c.Scope is "channel" or "all").OrderBy(c => c.Scope == "all").ThenByDescending(c => c.Nps).Select(ScoreCardView.Of).ToArray(),
                    Partners = partnerCards.Select(ScoreCardView.Of).ToArray(),
                    PartnerNames = names.ToDictionary(n => n.Key, n => n.Value.Name),
                });
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.ScoresRead));
}
