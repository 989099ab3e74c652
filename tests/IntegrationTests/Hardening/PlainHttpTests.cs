using System.Net;
using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// Production settings (Secure-only cookies) reached over plain HTTP, with no TLS proxy in front (ADR 0036): the pages
/// and the sign-in form answer a redirect to HTTPS when the host knows its HTTPS address, otherwise a German/English page
/// that names <c>PartnerPortal:Security:CookieSecurePolicy</c>, never a 500 (the antiforgery cookie used to throw). The
/// API (API keys, no cookies) answers over plain HTTP as before, and the start-up log warns.
/// </summary>
[Collection(IsolatedHostCollection.Name)]
public sealed class PlainHttpTests(IsolatedHost host)
{
    private const string Setting = "PartnerPortal:Security:CookieSecurePolicy";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Straight to Kestrel over HTTP: no <c>X-Forwarded-Proto</c>, no cookies, no redirects followed.</summary>
    private static HttpClient PlainClient(Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };

    private static HttpRequestMessage LoginPost() => new(HttpMethod.Post, "/login")
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = "x", ["Email"] = "someone@example.com", ["Password"] = "whatever",
        }),
    };

    [Fact]
    public async Task Without_an_HTTPS_address_the_pages_answer_a_page_naming_the_setting_and_the_log_warns()
    {
        using var client = PlainClient(host.BaseAddress);
        foreach (var path in new[] { "/", "/?returnUrl=%2Fumfragen", "/hangfire" })
        {
            var page = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            var body = await page.Content.ReadAsStringAsync(Ct);
            Assert.Contains("HTTPS erforderlich", body, StringComparison.Ordinal);
            Assert.Contains("HTTPS required", body, StringComparison.Ordinal);
            Assert.Contains(Setting, body, StringComparison.Ordinal);
        }

        var post = await client.SendAsync(LoginPost(), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains(Setting, await post.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(IsolatedHost.SetCookies(post));

        Assert.Contains(Setting, host.Output, StringComparison.Ordinal); // the start-up warning

        // The cookie-free API is untouched: still answers over plain HTTP.
        using var api = PlainClient(host.BaseAddress);
        api.DefaultRequestHeaders.Add("X-Api-Key", IsolatedHost.BootstrapKey);
        var partnerId = PortalHost.NewId("p");
        var put = await api.PutAsJsonAsync($"/api/v1/partners/{partnerId}", new { name = "Plain HTTP", shops = Array.Empty<object>() }, Ct);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/partners/{partnerId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/live", Ct)).StatusCode);

        // Behind the TLS proxy (X-Forwarded-Proto: https) the login page is the login page.
        using var proxied = host.Client("198.51.100.77");
        Assert.Equal(HttpStatusCode.OK, (await proxied.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task With_a_known_HTTPS_address_the_pages_redirect_to_it()
    {
        await using var node = await HostNode.StartAsync(host.ConnectionString, IsolatedHost.BootstrapKey,
            new Dictionary<string, string> { ["ASPNETCORE_HTTPS_PORT"] = "8443", ["PartnerPortal__Jobs__Workers"] = "1" }, Ct);
        using var client = PlainClient(node.BaseAddress);

        var page = await client.GetAsync("/?returnUrl=%2Fumfragen", Ct);
        Assert.True(page.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect,
            $"expected a redirect, got {(int)page.StatusCode}");
        Assert.Equal($"https://{node.BaseAddress.Host}:8443/?returnUrl=%2Fumfragen", page.Headers.Location?.ToString());

        var post = await client.SendAsync(LoginPost(), Ct);
        Assert.True((int)post.StatusCode is 307 or 308, $"expected a redirect, got {(int)post.StatusCode}");
        Assert.Equal($"https://{node.BaseAddress.Host}:8443/login", post.Headers.Location?.ToString());
        Assert.DoesNotContain(Setting, node.Output, StringComparison.Ordinal); // nothing to warn about
    }
}
