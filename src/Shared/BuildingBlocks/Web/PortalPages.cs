using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartnerPortal.BuildingBlocks.Web;

public static class PortalPages
{
    /// <summary>Renders a page component statically (server-side), with the given parameters. Typed as
    /// <see cref="IResult"/>: the request delegate generator, which writes the endpoints' code at compile time, cannot
    /// see the page types the Razor generator writes in the same compilation.</summary>
    public static IResult Page<TPage>(object? parameters = null) where TPage : IComponent =>
        parameters is null ? new RazorComponentResult<TPage>() : new RazorComponentResult<TPage>(parameters);
}
