using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.SharedKernel;
using PartnerPortal.Surveys.Listing;

namespace PartnerPortal.Surveys.Pages;

internal static class CommentsPageEndpoint
{
    public const int PageSize = 25;

    public static void Map(IEndpointRouteBuilder pages) =>
        pages.MapGet("/kundenstimmen", async (string? quarter, string? dimension, string? detractors, string? after,
                Caller caller, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
            {
                quarter = string.IsNullOrEmpty(quarter) ? null : quarter;
                dimension = string.IsNullOrEmpty(dimension) ? null : dimension;
                var detractorsOnly = detractors == "true";
                var errors = new ValidationErrors();
                var page = await ListResponses.QueryAsync(
                    new ResponseQuery(null, quarter, null, dimension, detractorsOnly ? 6 : null, string.IsNullOrEmpty(after) ? null : after, PageSize, HasComment: true),
                    caller, session, errors, ct);
                var current = Quarter.Of(clock.GetUtcNow());
                var options = new List<string>();
                for (var q = current; options.Count < 8; q = q.Previous()) options.Add(q.ToString());
                return PortalPages.Page<CommentsPage>(new
                {
                    Page = page,
                    Quarter = quarter,
                    Dimension = dimension,
                    DetractorsOnly = detractorsOnly,
                    Errors = errors.IsValid ? null : "Die Filter sind ungültig: " + string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)),
                    QuarterOptions = options,
                });
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.SurveysRead));
}
