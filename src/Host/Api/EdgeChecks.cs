using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.Host.Api;

/// <summary>
/// Two checks every request passes before any handler reads or writes anything (ADR 0029): no query value (or name)
/// holds a control character, and every id in the route follows <see cref="Identifiers"/>. Either failure is 400: problem
/// details for the API and for every client that does not ask for HTML, the German status page for a browser on a page.
/// </summary>
internal static class EdgeChecks
{
    /// <summary>Early in the pipeline: a NUL reaches no query (PostgreSQL refuses it, error 22021), and no other control
    /// character (a line feed, an escape sequence) reaches a filter, a cursor, a log line or a page.</summary>
    public static void UseQueryTextCheck(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (FirstBadQueryValue(context.Request.Query) is { } name)
        {
            await RefuseAsync(context, name, $"'{name}' must not contain control characters.");
            return;
        }
        await next(context);
    });

    /// <summary>After authorization, before the endpoint: a route value named <c>…Id</c> (partnerId, responseId, bookingId,
    /// sessionId, jobId, …) that is no identifier is 400, so no handler loads, stores or echoes it.</summary>
    public static void UseRouteIdCheck(this WebApplication app) => app.Use(async (context, next) =>
    {
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (!IsIdName(name) || value is not string id || Identifiers.IsValid(id)) continue;
            await RefuseAsync(context, name, id.Length > Identifiers.MaxLength
                ? $"'{name}' must be at most {Identifiers.MaxLength} characters."
                : $"'{name}' may contain {Identifiers.Rule}.");
            return;
        }
        await next(context);
    });

    /// <summary>The name of the first query parameter whose name or value holds a control character, a NUL or a lone
    /// surrogate; null when there is none.</summary>
    internal static string? FirstBadQueryValue(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (!IsClean(name)) return "query";
            foreach (var value in values)
                if (value is not null && !IsClean(value)) return name;
        }
        return null;
    }

    private static bool IsClean(string text) => !text.Any(char.IsControl) && TextRules.IsStorable(text);

    private static bool IsIdName(string name) => name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal);

    private static async Task RefuseAsync(HttpContext context, string field, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (PortalPages.WantsPage(context.Request)) return; // the status-code pages render the 400 page
        await Problems.Validation(field, message).ExecuteAsync(context);
    }
}
