using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using PartnerPortal.Host.Security;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>Security headers on every response (the route sweep checks them on every endpoint besides), pages without
/// inline script or style, Swagger UI and the Hangfire dashboard under their own policies, and the cookie flags.</summary>
public sealed partial class SecurityHeaderTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_kind_of_response_carries_the_security_headers()
    {
        using var anonymous = host.Anonymous();
        using var admin = host.Admin();
        var (partnerId, _) = await host.CreatePartnerAsync();
        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["page"] = await anonymous.GetAsync("/", Ct),
            ["redirect to login"] = await anonymous.GetAsync("/provision", Ct),
            ["static file"] = await anonymous.GetAsync("/css/portal.css", Ct),
            ["missing static file"] = await anonymous.GetAsync("/css/nothing.css", Ct),
            ["api 200"] = await admin.GetAsync($"/api/v1/partners/{partnerId}", Ct),
            ["api 401"] = await anonymous.GetAsync($"/api/v1/partners/{partnerId}", Ct),
            ["api 404"] = await admin.GetAsync("/api/v1/no-such-thing", Ct),
            ["api 400"] = await admin.PutAsync($"/api/v1/partners/{PortalHost.NewId("p")}", new StringContent("{", Encoding.UTF8, "application/json"), Ct),
            ["health"] = await anonymous.GetAsync("/health/ready", Ct),
            ["openapi"] = await anonymous.GetAsync("/swagger/v1/swagger.json", Ct),
            ["swagger ui"] = await anonymous.GetAsync("/swagger/index.html", Ct),
            ["dashboard redirect"] = await anonymous.GetAsync("/hangfire", Ct),
        };
        foreach (var (what, response) in responses) AssertSecurityHeaders(response, what);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Csp(responses["page"]));
        Assert.Equal(SecurityHeaders.SwaggerContentSecurityPolicy, Csp(responses["swagger ui"]));
    }

    [Fact]
    public async Task Portal_pages_have_no_inline_script_no_event_handlers_and_no_inline_style()
    {
        using var anonymous = host.Anonymous();
        AssertNoInlineCode(await anonymous.GetStringAsync("/", Ct), "login page", allowStyleAttributes: false);

        var (partnerId, _) = await host.CreatePartnerAsync();
        foreach (var (role, partner) in new[] { (Roles.Partner, (string?)partnerId), (Roles.BackOffice, null) })
        {
            var (email, password) = await host.CreateUserAsync(role, partner);
            var (client, _) = await host.LoginAsync(email, password);
            using var _c = client;
            string[] pages = role == Roles.Partner
                ? ["/uebersicht", "/kundenstimmen", "/provision", "/schulungen"]
                : ["/uebersicht", "/kundenstimmen", "/provision", "/provision/freigabe", "/schulungen/programm", "/protokoll"];
            foreach (var page in pages)
            {
                var response = await client.GetAsync(page, Ct);
                await response.EnsureStatus(HttpStatusCode.OK);
                Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Csp(response));
                AssertNoInlineCode(await response.Content.ReadAsStringAsync(Ct), $"{page} as {role}", allowStyleAttributes: false);
            }
        }
    }

    [Fact]
    public async Task Swagger_UI_loads_its_scripts_and_styles_from_files_the_policy_allows()
    {
        using var anonymous = host.Anonymous();
        var index = await anonymous.GetAsync("/swagger/index.html", Ct);
        await index.EnsureStatus(HttpStatusCode.OK);
        var html = await index.Content.ReadAsStringAsync(Ct);
        AssertNoInlineCode(html, "Swagger UI", allowStyleAttributes: true);
        await AssertAssetsLoadAsync(anonymous, html, "/swagger/", minimumScripts: 3);
        Assert.DoesNotContain("'unsafe-eval'", Csp(index), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Hangfire_dashboard_loads_its_scripts_from_files_and_only_styles_are_relaxed()
    {
        var (email, password) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (client, _) = await host.LoginAsync(email, password);
        using var _c = client;
        foreach (var page in new[] { "/hangfire", "/hangfire/recurring", "/hangfire/jobs/succeeded" })
        {
            var response = await client.GetAsync(page, Ct);
            await response.EnsureStatus(HttpStatusCode.OK);
            Assert.Equal(SecurityHeaders.DashboardContentSecurityPolicy, Csp(response));
            var html = await response.Content.ReadAsStringAsync(Ct);
            AssertNoInlineCode(html, page, allowStyleAttributes: true);
            await AssertAssetsLoadAsync(client, html, "/hangfire/", minimumScripts: 1);
        }
    }

    [Fact]
    public async Task Login_and_antiforgery_cookies_are_HttpOnly_and_SameSite_and_Secure_over_HTTPS()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        foreach (var https in new[] { false, true })
        {
            using var client = host.Factory.CreateClient(new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(https ? "https://localhost" : "http://localhost"),
            });
            var page = await client.GetAsync("/", Ct);
            var antiforgery = SetCookie(page, AuthSetup.AntiforgeryCookie);
            Assert.Contains("; httponly", antiforgery, StringComparison.Ordinal);
            Assert.Contains("; samesite=strict", antiforgery, StringComparison.Ordinal);
            Assert.Equal(https, antiforgery.Contains("; secure", StringComparison.Ordinal));

            var token = await PortalHost.AntiforgeryTokenAsync(client, "/");
            var signIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = password,
            }), Ct);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var login = SetCookie(signIn, AuthSetup.LoginCookie);
            Assert.Contains("; httponly", login, StringComparison.Ordinal);
            Assert.Contains("; samesite=lax", login, StringComparison.Ordinal);
            // The Testing environment sends Secure over HTTPS only; Production always (HostRestartTests).
            Assert.Equal(https, login.Contains("; secure", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("Production", null, false, CookieSecurePolicy.Always)]
    [InlineData("Staging", null, false, CookieSecurePolicy.Always)]
    [InlineData("Production", null, true, CookieSecurePolicy.SameAsRequest)] // the README's local run on the embedded database
    [InlineData("Development", null, false, CookieSecurePolicy.SameAsRequest)]
    [InlineData("Testing", null, false, CookieSecurePolicy.SameAsRequest)]
    [InlineData("Development", "Always", false, CookieSecurePolicy.Always)]
    [InlineData("Production", "SameAsRequest", false, CookieSecurePolicy.SameAsRequest)]
    public void The_Secure_flag_is_Always_outside_development_unless_configured(string environment, string? setting, bool embedded, CookieSecurePolicy expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [CookieSecurity.Setting] = setting }).Build();
        Assert.Equal(expected, CookieSecurity.Policy(configuration, new Environment(environment), embedded));
    }

    [Fact]
    public void An_unknown_Secure_setting_stops_the_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [CookieSecurity.Setting] = "Never" }).Build();
        Assert.Throws<InvalidOperationException>(() => CookieSecurity.Policy(configuration, new Environment("Production"), false));
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        var csp = Csp(response);
        Assert.True(csp.Length > 0, $"{what}: no Content-Security-Policy.");
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).SingleOrDefault(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.True(scriptSrc == "script-src 'self'", $"{what}: script-src is '{scriptSrc}'.");
        Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{what}: no frame-ancestors 'none'.");
        Assert.True(csp.Contains("object-src 'none'", StringComparison.Ordinal), $"{what}: no object-src 'none'.");
        Assert.True(Header(response, "X-Frame-Options") == "DENY", $"{what}: X-Frame-Options is '{Header(response, "X-Frame-Options")}'.");
        Assert.True(Header(response, "X-Content-Type-Options") == "nosniff", $"{what}: no nosniff.");
        Assert.True(Header(response, "Referrer-Policy") == SecurityHeaders.ReferrerPolicy, $"{what}: Referrer-Policy is '{Header(response, "Referrer-Policy")}'.");
    }

    internal static string Csp(HttpResponseMessage response) => Header(response, "Content-Security-Policy");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : "";

    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal)).ToLowerInvariant();

    /// <summary>What <c>script-src 'self'</c> (and, where not allowed, <c>style-src 'self'</c>) would block in a browser.</summary>
    private static void AssertNoInlineCode(string html, string what, bool allowStyleAttributes)
    {
        foreach (Match script in ScriptTag().Matches(html))
        {
            Assert.True(script.Groups["attributes"].Value.Contains("src=", StringComparison.Ordinal), $"{what}: inline <script>: {script.Value[..Math.Min(200, script.Value.Length)]}");
            Assert.True(string.IsNullOrWhiteSpace(script.Groups["body"].Value), $"{what}: a <script> with both src and a body.");
        }
        Assert.False(EventHandler().IsMatch(html), $"{what}: inline event handler {EventHandler().Match(html).Value}");
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        if (allowStyleAttributes) return;
        Assert.False(StyleAttribute().IsMatch(html), $"{what}: inline style {StyleAttribute().Match(html).Value}");
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every script and stylesheet the page names is served by the host itself ('self'), as the right type.</summary>
    private static async Task AssertAssetsLoadAsync(HttpClient client, string html, string basePath, int minimumScripts)
    {
        var scripts = ScriptTag().Matches(html).Select(m => SrcAttribute().Match(m.Groups["attributes"].Value).Groups[1].Value).ToArray();
        var styles = StylesheetLink().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        Assert.True(scripts.Length >= minimumScripts, $"Expected at least {minimumScripts} scripts, found {scripts.Length}.");
        foreach (var (url, type) in scripts.Select(s => (s, "javascript")).Concat(styles.Select(s => (s, "css"))))
        {
            var decoded = WebUtility.HtmlDecode(url);
            Assert.False(decoded.Contains("://", StringComparison.Ordinal) || decoded.StartsWith("//", StringComparison.Ordinal), $"{decoded} is not on the host.");
            var absolute = new Uri(new Uri("http://localhost" + basePath), decoded).PathAndQuery;
            var asset = await client.GetAsync(absolute, Ct);
            await asset.EnsureStatus(HttpStatusCode.OK);
            Assert.Contains(type, asset.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        }
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "PartnerPortal.Host";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    [GeneratedRegex(@"<script(?<attributes>[^>]*)>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"src=""([^""]+)""")]
    private static partial Regex SrcAttribute();

    [GeneratedRegex(@"<link[^>]*rel=""stylesheet""[^>]*href=""([^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex StylesheetLink();

    [GeneratedRegex(@"<[a-zA-Z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex(@"<[a-zA-Z][^>]*\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();
}
