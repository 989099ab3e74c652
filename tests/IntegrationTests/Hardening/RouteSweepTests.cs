using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Hardening.RouteTable;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// Every endpoint the host maps is in <see cref="Routes"/>, one row each, and is called: anonymously (401 for the API,
/// the login page for pages), with a key that has every scope but the route's (403), as partner A against partner B's
/// ids (with an A-bound key holding every scope, and as A's signed-in user), and as back office (the control, which must
/// succeed and, for lists, must show B's data, so that "A sees none of it" means something). A route that is mapped but
/// not in the table fails the sweep, and so does a row whose route is gone. B's stored documents are fingerprinted
/// before and after A's calls: A changes none of them. Then the edge, for every persona: a NUL in any query parameter
/// of any route or page is 400, and a route id with a trailing line feed or a look-alike letter is 400 once the caller may
/// call the route (ADR 0029). Every answer carries the security headers; every 4xx is problem details; nothing is 5xx.
/// </summary>
public sealed class RouteSweepTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_route_is_in_the_table_and_confined()
    {
        var mapped = MappedEndpoints();
        var table = Routes.ToDictionary(r => r.Pattern, StringComparer.Ordinal);
        var unknown = mapped.Keys.Where(p => !table.ContainsKey(p)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(unknown.Length == 0, "Routes without a row in RouteTable.Routes (tests/IntegrationTests/Hardening/RouteTable.cs; one line each):\n  " + string.Join("\n  ", unknown));
        var gone = table.Keys.Where(p => !mapped.ContainsKey(p)).ToArray();
        Assert.True(gone.Length == 0, "Rows for routes the host no longer maps:\n  " + string.Join("\n  ", gone));
        foreach (var row in Routes) AssertMetadataMatches(row, mapped[row.Pattern]);

        using var world = await World.CreateAsync(host, 2041);
        var failures = new List<string>();
        var before = await world.FingerprintAsync();
        foreach (var row in Routes) await SweepAsync(row, world, failures);
        foreach (var row in Routes) await EdgeAsync(row, world, failures);
        var after = await world.FingerprintAsync();
        foreach (var changed in after.Except(before)) failures.Add($"Partner A's calls changed B's documents: {changed}");
        foreach (var row in Routes.Where(r => r.Kind != Kind.Public)) await ControlAsync(row, world, failures);
        Assert.True(failures.Count == 0, $"{failures.Count} problems:\n" + string.Join("\n", failures));
    }

    /// <summary>Anonymous, lacking the scope, and as partner A.</summary>
    private async Task SweepAsync(Row row, World world, List<string> failures)
    {
        using var anonymous = host.Anonymous();
        var answer = await SendAsync(anonymous, row, world, "anonymous", failures);
        switch (row.Kind)
        {
            case Kind.Public when answer.StatusCode != row.AnonymousStatus:
                failures.Add($"{row.Pattern} anonymous: {(int)answer.StatusCode}, expected {(int)row.AnonymousStatus}");
                break;
            case Kind.Api when answer.StatusCode != HttpStatusCode.Unauthorized:
                failures.Add($"{row.Pattern} anonymous: {(int)answer.StatusCode}, expected 401");
                break;
            case Kind.Page when answer.StatusCode != HttpStatusCode.Redirect || !LocalPath(answer.Headers.Location).StartsWith("/?returnUrl=", StringComparison.Ordinal):
                failures.Add($"{row.Pattern} anonymous: {(int)answer.StatusCode} {answer.Headers.Location}, expected the login page");
                break;
        }
        if (row.Kind == Kind.Public) return;

        if (row.Scope is { } scope)
        {
            using var lacking = host.WithKey(await world.KeyWithoutAsync(scope));
            var refused = await SendAsync(lacking, row, world, $"without {scope}", failures);
            if (refused.StatusCode != HttpStatusCode.Forbidden)
                failures.Add($"{row.Pattern} with every scope but {scope}: {(int)refused.StatusCode}, expected 403");
        }

        foreach (var (persona, client) in new[] { ("A's key", host.WithKey(world.AKey)), ("A's user", world.AUser) })
        {
            var response = await SendAsync(client, row, world, persona, failures);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (persona == "A's key") client.Dispose();
            if (response.StatusCode == HttpStatusCode.Forbidden) continue; // always confined (a partner user lacks many scopes)
            var problem = row.Confinement switch
            {
                Confinement.Refused r when response.StatusCode != r.Status => $"{(int)response.StatusCode}, expected {(int)r.Status}{(r.Status == HttpStatusCode.Forbidden ? "" : " or 403")}",
                Confinement.ListWithoutB when !response.IsSuccessStatusCode => $"{(int)response.StatusCode}, expected a list without B",
                Confinement.ListWithoutB when world.MarkersIn(body, row.Markers) is { } marker => $"shows B's data ('{marker}')",
                Confinement.ItemsRejected when response.StatusCode != HttpStatusCode.OK => $"{(int)response.StatusCode}, expected 200 with every item rejected",
                Confinement.ItemsRejected when !AllRejected(body) => $"stored an item of B: {body[..Math.Min(300, body.Length)]}",
                Confinement.NoPartnerData when !response.IsSuccessStatusCode => $"{(int)response.StatusCode}, expected 2xx",
                _ => null,
            };
            if (problem is not null) failures.Add($"{row.Pattern} as {persona} against B: {problem}");
        }
    }

    /// <summary>
    /// The edge (ADR 0029), for every persona: a NUL in any query parameter (declared or not) is 400, before authentication;
    /// a route id with a trailing line feed or a look-alike letter is 400 once the caller may call the route at all
    /// (anonymous: 401 or the login page; refused by scope or as a partner: 403), for back office too, and stores nothing
    /// (the fingerprint around the sweep includes these calls).
    /// </summary>
    private async Task EdgeAsync(Row row, World world, List<string> failures)
    {
        string url;
        using (var template = row.Request(world)) url = template.RequestUri!.OriginalString;
        using var anonymous = host.Anonymous();
        using var aKey = host.WithKey(world.AKey);
        using var adminKey = host.Admin();
        (string Name, HttpClient Client)[] personas =
            [("anonymous", anonymous), ("A's key", aKey), ("A's user", world.AUser), ("back office", row.Kind == Kind.Page ? world.BackOffice : adminKey)];

        foreach (var name in QueryParameters(row, url, host.Services))
        {
            foreach (var (persona, client) in personas)
            {
                var response = await SendAsync(client, row, world, $"{persona} with ?{name}=…%00", failures, WithQueryValue(url, name, "%00"));
                if (response.StatusCode != HttpStatusCode.BadRequest)
                    failures.Add($"{row.Pattern} ?{name}=…%00 as {persona}: {(int)response.StatusCode}, expected 400");
            }
        }

        foreach (var parameter in IdParameters(row))
        {
            var id = RouteValue(row, url, parameter);
            foreach (var (what, flawed) in FlawedIds(id).Where(f => f.What is "trailing line feed" or "Cyrillic first letter"))
            {
                foreach (var (persona, client) in personas)
                {
                    var response = await SendAsync(client, row, world, $"{persona} with {parameter} ({what})", failures,
                        WithRouteValue(row, url, parameter, Uri.EscapeDataString(flawed)));
                    var status = response.StatusCode;
                    var expected = persona switch
                    {
                        "anonymous" => status == (row.Kind == Kind.Api ? HttpStatusCode.Unauthorized : HttpStatusCode.Redirect),
                        "back office" => status == HttpStatusCode.BadRequest,
                        _ => status is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden,
                    };
                    if (!expected) failures.Add($"{row.Pattern} with {parameter} ({what}) as {persona}: {(int)status}, expected {(persona == "anonymous" ? "the anonymous answer" : "400")}");
                }
            }
        }
    }

    /// <summary>Back office does the same and succeeds: the request was right, and lists do show B.</summary>
    private async Task ControlAsync(Row row, World world, List<string> failures)
    {
        using var adminKey = host.Admin();
        var client = row.Kind == Kind.Page ? world.BackOffice : adminKey;
        var response = await SendAsync(client, row, world, "back office", failures);
        var body = await response.Content.ReadAsStringAsync(Ct);
        if (response.StatusCode != row.ControlStatus)
            failures.Add($"{row.Pattern} control as back office: {(int)response.StatusCode}, expected {(int)row.ControlStatus}: {body[..Math.Min(300, body.Length)]}");
        else if (row.Confinement is Confinement.ListWithoutB && world.MarkersIn(body, row.Markers) is null)
            failures.Add($"{row.Pattern} control as back office shows none of B's data: the check 'A sees none of it' proves nothing");
        else if (row.Confinement is Confinement.ItemsRejected && AllRejected(body))
            failures.Add($"{row.Pattern} control as back office: every item rejected: {body[..Math.Min(300, body.Length)]}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, Row row, World world, string persona, List<string> failures, string? url = null)
    {
        using var request = row.Request(world);
        if (url is not null) request.RequestUri = new Uri(url, UriKind.Relative);
        var response = await client.SendAsync(request, Ct);
        var what = $"{row.Pattern} as {persona}";
        if ((int)response.StatusCode >= 500)
            failures.Add($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            failures.Add($"{what}: {(int)response.StatusCode} as {response.Content.Headers.ContentType?.MediaType ?? "no body"}, not problem details");
        try
        {
            SecurityHeaderTests.AssertSecurityHeaders(response, what);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            failures.Add(e.Message);
        }
        return response;
    }

    private static string LocalPath(Uri? location) =>
        location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private static bool AllRejected(string body)
    {
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            return json.GetProperty("accepted").GetInt32() == 0 && json.GetProperty("rejected").GetInt32() > 0;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The table matches what the endpoints declare: the scope, and anonymous access only for public rows.</summary>
    private static void AssertMetadataMatches(Row row, Endpoint endpoint)
    {
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        Assert.True(anonymous == (row.Kind == Kind.Public), $"{row.Pattern}: the row says {row.Kind}, the endpoint {(anonymous ? "allows" : "refuses")} anonymous callers.");
        var declared = endpoint.Metadata.GetMetadata<RequiredScope>()?.Scope
                       ?? endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p?.StartsWith("scope:", StringComparison.Ordinal) == true)?["scope:".Length..];
        if (declared is not null) Assert.True(declared == row.Scope, $"{row.Pattern}: the row says scope {row.Scope}, the endpoint needs {declared}.");
    }

    /// <summary>Every route endpoint of the host, keyed <c>METHOD /pattern</c> (<c>*</c> when mapped for any method).</summary>
    private Dictionary<string, Endpoint> MappedEndpoints()
    {
        var endpoints = new Dictionary<string, Endpoint>(StringComparer.Ordinal);
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods) endpoints[$"{method} {pattern}"] = endpoint;
        }
        return endpoints;
    }


}
