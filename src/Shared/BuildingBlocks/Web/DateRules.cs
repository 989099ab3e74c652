using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>Field errors for dates, timestamps, quarters and years sent in a body: a malformed value and one outside
/// <see cref="SupportedDates"/> each get their own message (ADR 0030).</summary>
public static class DateRules
{
    /// <summary>An ISO 8601 timestamp with an offset within the supported range; absent is malformed.</summary>
    public static bool Timestamp(this ValidationErrors errors, string field, string? text, out DateTimeOffset value) =>
        Report(errors, field, Timestamps.Check(text, out value), Timestamps.Expected, SupportedDates.Range);

    /// <summary>A date <c>YYYY-MM-DD</c> within the supported range; absent is malformed.</summary>
    public static bool Date(this ValidationErrors errors, string field, string? text, out DateOnly value) =>
        Report(errors, field, SupportedDates.CheckDate(text, out value), "a date of the form YYYY-MM-DD", SupportedDates.Range);

    /// <summary>A quarter <c>YYYY-Qn</c> from 2000-Q1 to 2100-Q4; absent is malformed.</summary>
    public static bool Quarter(this ValidationErrors errors, string field, string? text, out Quarter value) =>
        Report(errors, field, SharedKernel.Quarter.Check(text, out value), "a quarter of the form YYYY-Qn, e.g. 2023-Q2", SupportedDates.QuarterRange);

    /// <summary>A year from 2000 to 2100; absent is malformed.</summary>
    public static bool Year(this ValidationErrors errors, string field, string? text, out int value) =>
        Report(errors, field, SupportedDates.CheckYear(text, out value), SupportedDates.YearExpected, SupportedDates.YearExpected);

    private static bool Report(ValidationErrors errors, string field, DateCheck check, string expected, string range)
    {
        if (check == DateCheck.Valid) return true;
        errors.Add(field, check == DateCheck.OutOfRange ? $"'{field}' must be {range}." : $"'{field}' must be {expected}.");
        return false;
    }
}

/// <summary>
/// Route values and query parameters named <c>quarter</c> or <c>year</c>, checked before the handler runs. Every API
/// route (<see cref="ApiModule"/>) and every portal page gets this convention, so none can forget the supported range
/// or hand a quarter it cannot build to its queries; an API route with such a parameter also documents its 400. An
/// empty query value is left to the handler (a page's "all quarters" choice).
/// </summary>
public static class DateParameters
{
    private static readonly string[] Names = ["quarter", "year"];

    /// <summary>What a page says (German; English through the common text table).</summary>
    internal const string PageDetail = "Die Adresse nennt ein Quartal oder Jahr, das es hier nicht gibt: Quartale von 2000-Q1 bis 2100-Q4, Jahre von 2000 bis 2100.";

    /// <summary>Checks the quarter and year parameters of every endpoint of the group: for API routes (the default) a 400
    /// problem with the field (listed in the OpenAPI document with every API operation's 400, by <see cref="ApiModule"/>); for portal pages a 400 status page that says why (problem
    /// details for a client that does not ask for HTML).</summary>
    public static RouteGroupBuilder WithDateParameters(this RouteGroupBuilder group, bool pages = false)
    {
        IEndpointConventionBuilder conventions = group;
        conventions.Add(pages ? PageConvention : ApiConvention);
        return group;
    }

    private static void ApiConvention(EndpointBuilder endpoint)
    {
        if (!HasDateParameter(endpoint)) return;
        endpoint.FilterFactories.Add((_, next) => async context =>
            Check(context.HttpContext.Request) is { } errors ? Problems.Validation(errors.ToDictionary()) : await next(context));
    }

    private static void PageConvention(EndpointBuilder endpoint)
    {
        if (!HasDateParameter(endpoint)) return;
        endpoint.FilterFactories.Add((_, next) => async context =>
        {
            var request = context.HttpContext.Request;
            if (Check(request) is not { } errors) return await next(context);
            // As the portal's other error pages: HTML for a browser, problem details for everyone else.
            return PortalPages.WantsPage(request)
                ? new RazorComponentResult<StatusPage>(new { Status = StatusCodes.Status400BadRequest, Detail = PageDetail }) { StatusCode = StatusCodes.Status400BadRequest }
                : Problems.Validation(errors.ToDictionary());
        });
    }

    /// <summary>The errors of the request's quarter and year parameters, or null when there are none.</summary>
    public static ValidationErrors? Check(HttpRequest request)
    {
        var errors = new ValidationErrors();
        foreach (var name in Names)
        {
            if (request.RouteValues.TryGetValue(name, out var route) && route is string routeValue) Validate(errors, name, routeValue);
            if (!request.Query.TryGetValue(name, out var query)) continue;
            foreach (var value in query)
                if (!string.IsNullOrEmpty(value)) Validate(errors, name, value);
        }
        return errors.IsValid ? null : errors;
    }

    private static void Validate(ValidationErrors errors, string name, string value) =>
        _ = name == "quarter" ? errors.Quarter(name, value, out _) : errors.Year(name, value, out _);

    /// <summary>A route parameter or a handler parameter (bound from the route or the query) named quarter or year.</summary>
    private static bool HasDateParameter(EndpointBuilder endpoint) =>
        (endpoint is RouteEndpointBuilder route && route.RoutePattern.Parameters.Any(p => Names.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
        || endpoint.Metadata.OfType<MethodInfo>().Any(m => m.GetParameters().Any(p => Names.Contains(p.Name, StringComparer.OrdinalIgnoreCase)));
}
