using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PartnerPortal.Host.Security;

/// <summary>
/// Behind a load balancer or reverse proxy: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are honoured from
/// trusted proxies only: loopback (a proxy on the same machine) plus <c>PartnerPortal:ForwardedHeaders:KnownProxies</c>
/// (addresses) and <c>…:KnownNetworks</c> (CIDR ranges), comma-separated. The client address is what the sign-in
/// rate limit partitions by; the scheme decides HSTS and <c>SameAsRequest</c> cookies.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public const string Section = "PartnerPortal:ForwardedHeaders";

    public static void AddPortalForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = List(configuration[$"{Section}:KnownProxies"])
            .Select(p => IPAddress.TryParse(p, out var a) ? a : throw new InvalidOperationException($"{Section}:KnownProxies: '{p}' is not an IP address."))
            .ToArray();
        var networks = List(configuration[$"{Section}:KnownNetworks"])
            .Select(n => System.Net.IPNetwork.TryParse(n, out var net) ? net : throw new InvalidOperationException($"{Section}:KnownNetworks: '{n}' is not a CIDR range."))
            .ToArray();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });
    }

    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
