using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Scoring.Scorecards;

namespace PartnerPortal.Scoring.Pages;

/// <summary><c>/uebersicht</c>: a partner's overview, or back office's comparison of channels and partners.</summary>
internal static class OverviewEndpoint
{
    public static void Map(IEndpointRouteBuilder pages) =>
        pages.MapGet("/uebersicht", async (string? quarter, string? segment, HttpContext http, Caller caller, ScoreCardQueries queries, SummaryCache summaries, IQuerySession session,
                IPartnerDirectory partners, TimeProvider clock, CancellationToken ct) =>
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
                    return (IResult)PortalPages.Page<OverviewPage>(new { Summary = summary, QuarterOptions = options });
                }
                return await ComparisonEndpoint.PageAsync(current, segment, options, http.Request, caller, queries, partners, ct);
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.ScoresRead));
}
