using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartnerPortal.BuildingBlocks.Web;

public static class PortalPages
{
    /// <summary>True for a browser asking for a portal page (it accepts HTML and the path is not the API's): it gets an
    /// error as a page; every other caller gets problem details.</summary>
    public static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api")
        && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Renders a page component statically (server-side), with the given parameters. Typed as
    /// <see cref="IResult"/>: the request delegate generator, which writes the endpoints' code at compile time, cannot
    /// see the page types the Razor generator writes in the same compilation.</summary>
    public static IResult Page<TPage>(object? parameters = null) where TPage : IComponent =>
        parameters is null ? new RazorComponentResult<TPage>() : new RazorComponentResult<TPage>(parameters);
}
