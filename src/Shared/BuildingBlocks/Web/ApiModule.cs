using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Security;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>
/// Base of every module's API: one route group under <c>basePath</c> that requires an authenticated caller
/// and applies the central partner guard. A <c>partnerId</c> in the route or the query that the caller may
/// not access is refused with 403 before the handler runs. Body-borne partner ids are checked by the use
/// case through <see cref="Caller"/>.
/// </summary>
public abstract class ApiModule : ICarterModule
{
    /// <summary>The group's path, e.g. <c>/api/v1/surveys</c>.</summary>
    protected abstract string BasePath { get; }

    /// <summary>The OpenAPI tag of the module's endpoints.</summary>
    protected abstract string Tag { get; }

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(BasePath)
            .RequireAuthorization()
            .WithTags(Tag)
            .AddEndpointFilter(async (context, next) => PartnerGuard(context.HttpContext) ?? await next(context))
            .WithDateParameters(); // quarter and year parameters within the supported dates (ADR 0030)
        // Every operation can answer 400: the host refuses a control character in any query value and an id route value
        // that is no identifier before the handler runs (ADR 0029). Added last, where the endpoint declares no 400 itself.
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            if (!endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == StatusCodes.Status400BadRequest))
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
        });
        MapEndpoints(group);
    }

    protected abstract void MapEndpoints(RouteGroupBuilder api);

    private static IResult? PartnerGuard(HttpContext context)
    {
        var caller = context.GetCaller();
        if (!caller.IsPartnerBound) return null;
        var routeValue = context.Request.RouteValues.TryGetValue("partnerId", out var r) ? r as string : null;
        var queryValue = context.Request.Query.TryGetValue("partnerId", out var q) ? q.ToString() : null;
        foreach (var requested in new[] { routeValue, queryValue })
        {
            if (!string.IsNullOrEmpty(requested) && !caller.CanAccessPartner(requested))
                return Problems.PartnerForbidden(requested);
        }
        return null;
    }
}
