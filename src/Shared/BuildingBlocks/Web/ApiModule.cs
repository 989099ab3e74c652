using System.Globalization;
using System.Reflection;
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
            .WithDateParameters() // quarter and year parameters within the supported dates (ADR 0030), with their own messages
            .AddEndpointFilter(async (context, next) => Unbound(context.HttpContext) ?? await next(context));
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

    /// <summary>
    /// A query or route value the framework could not bind to its parameter's number type (<c>limit=abc</c> for an
    /// <c>int?</c>): on an endpoint with filters the framework marks the request 400 and skips the handler, which would
    /// answer a bare 400. This names the parameter, as every other validation failure names its field (API.md).
    /// </summary>
    private static IResult? Unbound(HttpContext context)
    {
        if (context.Response.StatusCode != StatusCodes.Status400BadRequest) return null;
        var handler = context.GetEndpoint()?.Metadata.OfType<MethodInfo>().FirstOrDefault();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var parameter in handler?.GetParameters() ?? [])
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (parameter.Name is not { } name || !Bindable.TryGetValue(type, out var bindable)) continue;
            var text = context.Request.RouteValues.TryGetValue(name, out var route) ? route as string : context.Request.Query[name].ToString();
            if (!string.IsNullOrEmpty(text) && !bindable.Parses(text)) errors[name] = [$"'{name}' must be {bindable.Expected}."];
        }
        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }

    /// <summary>The value types a query or route value is bound to, each with what it must be and how it is read.</summary>
    private static readonly Dictionary<Type, (string Expected, Func<string, bool> Parses)> Bindable = new()
    {
        [typeof(int)] = ("a whole number", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)),
        [typeof(long)] = ("a whole number", t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)),
        [typeof(decimal)] = ("a number", t => decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out _)),
        [typeof(double)] = ("a number", t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _)),
        [typeof(bool)] = ("true or false", t => bool.TryParse(t, out _)),
        [typeof(Guid)] = ("a UUID", t => Guid.TryParse(t, out _)),
    };

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
