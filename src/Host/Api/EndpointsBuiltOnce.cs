using Microsoft.Extensions.Primitives;

namespace PartnerPortal.Host.Api;

/// <summary>
/// Minimal API endpoints are built (a request delegate compiled per route by <c>RequestDelegateFactory</c>) every time a
/// data source's <see cref="EndpointDataSource.Endpoints"/> is read, and two readers each read it once at start-up: the
/// authorization middleware's policy cache while the pipeline is built, and the routing matcher on the first request.
/// That doubled about half a second of start-up. Every data source that declares it never changes (its change token
/// never fires, as for <c>MapGet</c> and route groups) is wrapped so its endpoints are built once and shared;
/// a data source that can change is left as it is.
/// </summary>
internal static class EndpointsBuiltOnce
{
    /// <summary>Call after the last endpoint is mapped, before the host starts. Starts building the endpoints on the
    /// thread pool at once, so that work overlaps the hosted services' start (database checks) instead of following it;
    /// whoever reads the endpoints first afterwards waits for that build (or does it, if it has not begun).</summary>
    public static void BuildEndpointsOnce(this WebApplication app)
    {
        var sources = ((IEndpointRouteBuilder)app).DataSources;
        var wrapped = sources.Select(s => NeverChanges(s) ? new BuiltOnce(s) : s).ToList();
        sources.Clear();
        foreach (var source in wrapped) sources.Add(source);
        _ = Task.Run(() =>
        {
            foreach (var source in wrapped.OfType<BuiltOnce>())
            {
                // A failure is kept by the Lazy and thrown again to the pipeline when it reads the endpoints.
                try { _ = source.Endpoints; } catch (Exception) { }
            }
        });
    }

    private static bool NeverChanges(EndpointDataSource source) =>
        source is not BuiltOnce && source.GetChangeToken() is { HasChanged: false, ActiveChangeCallbacks: false };

    private sealed class BuiltOnce(EndpointDataSource inner) : EndpointDataSource
    {
        private readonly Lazy<IReadOnlyList<Endpoint>> _endpoints = new(() => inner.Endpoints);

        public override IReadOnlyList<Endpoint> Endpoints => _endpoints.Value;

        public override IChangeToken GetChangeToken() => inner.GetChangeToken();

        public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) => inner.GetGroupedEndpoints(context);
    }
}
