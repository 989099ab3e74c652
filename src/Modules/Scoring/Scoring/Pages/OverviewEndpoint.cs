using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Scoring.Scorecards;

namespace PartnerPortal.Scoring.Pages;

/// <summary><c>/uebersicht</c>: a partner's overview, or back office's comparison of channels and partners.</summary>
internal static class OverviewEndpoint
{
    public static void Map(IEndpointRouteBuilder pages) =>
        pages.MapGet("/uebersicht", async (string? quarter, string? segment, HttpContext http, Caller caller, ScoreCardQueries queries, SummaryCache summaries, IQuerySession session,
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
                    var partner = await partners.FindAsync(partnerId, ct);
                    var shops = partner is null ? (IReadOnlyList<ShopRow>)[] : await ShopScores.ListAsync(partner, current, segment, session, ct);
                    var tiles = new List<OverviewTile>();
                    foreach (var source in tileSources)
                        if (await source.TileAsync(caller, current.ToString(), ct) is { } tile) tiles.Add(tile);
                    var d = summary.Dimensions;
                    return (IResult)PortalPages.Page<OverviewPage>(new
                    {
                        Summary = summary,
                        QuarterOptions = options,
                        Shops = shops,
                        Tiles = tiles,
                        CalculatedAt = new[] { d.Brand, d.Product, d.Touchpoint }.Max(c => c?.CalculatedAt),
                        RunningQuarter = current == Quarter.Of(clock.GetUtcNow()),
                    });
                }
                return await ComparisonEndpoint.PageAsync(current, segment, options, http.Request, caller, queries, partners, ct);
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.ScoresRead));

    /// <summary>A shop's page: <c>/uebersicht/standorte/{partnerId}/{shopId}</c>.</summary>
    public static string ShopPath(string partnerId, string shopId) =>
        $"/uebersicht/standorte/{Uri.EscapeDataString(partnerId)}/{Uri.EscapeDataString(shopId)}";

    /// <summary>One shop's figures and trend (<see cref="ShopScores"/>); another partner's shop is 403, an unknown one 404.</summary>
    public static void MapShop(IEndpointRouteBuilder pages) =>
        pages.MapGet("/uebersicht/standorte/{partnerId}/{shopId}", async (string partnerId, string shopId, string? quarter, string? segment,
                Caller caller, ScoreCardQueries queries, IPartnerDirectory partners, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await ShopScores.HandleAsync(partnerId, shopId, quarter, segment, caller, queries, partners, clock, ct);
                if (!outcome.Succeeded)
                    return outcome.Kind switch { OutcomeKind.Forbidden => Results.Forbid(), OutcomeKind.NotFound => Results.NotFound(), _ => Results.BadRequest() };
                var view = outcome.Value!;
                var options = new List<string>();
                for (var o = Quarter.Of(clock.GetUtcNow()); options.Count < 12; o = o.Previous()) options.Add(o.ToString());
                if (!options.Contains(view.Quarter)) options.Insert(0, view.Quarter);
                var d = view.Dimensions;
                return PortalPages.Page<ShopPage>(new
                {
                    Summary = view,
                    QuarterOptions = options,
                    CalculatedAt = new[] { d.Brand, d.Product, d.Touchpoint }.Max(c => c?.CalculatedAt),
                    RunningQuarter = view.Quarter == Quarter.Of(clock.GetUtcNow()).ToString(),
                    NamePartner = !caller.IsPartnerBound,
                });
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.ScoresRead));
}
