using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// No return address leaves the site and none breaks the answer (ADR 0027). Every control character (C0, DEL, C1
/// samples), Unicode spaces and separators, invisible characters, backslashes, scheme-relative and absolute forms and
/// their percent-encoded forms go through every place that redirects to a caller-given address: the login page
/// (<c>GET /?returnUrl=</c>, signed out and signed in), the login form's <c>ReturnUrl</c>, the language switch, the
/// cookie handler's redirect to the login and the jobs dashboard's. Each answer is below 500 and any <c>Location</c> is
/// a plain local path, as a browser reads it.
/// </summary>
public sealed partial class ReturnUrlTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Characters a browser strips, skips or reads as a slash, and ones the Location header cannot carry.</summary>
    private static IEnumerable<string> Awkward()
    {
        for (var c = 0; c < 0x20; c++) yield return ((char)c).ToString();
        yield return "\u007F";
        foreach (var c in new[] { '\u0080', '\u0085', '\u008D', '\u009B', '\u009F' }) yield return c.ToString(); // C1
        foreach (var c in new[] { '\u00A0', '\u1680', '\u2000', '\u2007', '\u200A', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000' })
            yield return c.ToString(); // Unicode spaces, line and paragraph separator
        foreach (var c in new[] { '\u200B', '\u200E', '\u202E', '\u2066', '\uFEFF', '\u180E' }) yield return c.ToString(); // invisible
        yield return " ";
        yield return "\\";
    }

    /// <summary>The values as the portal sees them (after one URL decoding of the query or form).</summary>
    private static List<string> Values()
    {
        var values = new List<string>();
        foreach (var c in Awkward())
        {
            values.Add("/" + c + "/evil.example");
            values.Add(c + "//evil.example");
        }
        values.AddRange(
        [
            "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "/\\/evil.example", "\\/evil.example",
            "https://evil.example", "https:evil.example", "http:/evil.example", "HTTPS://evil.example/", "javascript:alert(1)",
            "evil.example", "@evil.example", "//evil.example/%2F..", "/uebersicht\r\nSet-Cookie: x=y",
            // Percent-encoded forms (the portal sees the percent signs).
            "/%09/evil.example", "/%0A/evil.example", "/%0B/evil.example", "/%0D%0A/evil.example", "/%00/evil.example",
            "/%E3%80%80/evil.example", "/%E2%80%A8/evil.example", "/%2F/evil.example", "/%2f%2fevil.example", "/%5C/evil.example",
            "/%5Cevil.example", "/%252F/evil.example", "/%2509/evil.example", "%2F%2Fevil.example", "/%C2%85/evil.example",
            "/%", "/%ZZ", "/%C3",
            new string('/', 1) + new string('a', 3000),
            // Harmless local paths.
            "/", "/uebersicht", "/kundenstimmen?quarter=2024-Q2&segment=private", "/kundenstimmen?q=M%C3%BCller", "/kundenstimmen?q=Müller",
            "/provision#oben", "/@evil.example", "/.//evil.example", "/uebersicht?next=//evil.example",
        ]);
        return values;
    }

    [Fact]
    public async Task No_return_address_leaves_the_site_or_breaks_the_answer_at_any_entry_point()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        using var signedIn = new LoginBrowser(host.Anonymous());
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.SignInAsync(email, password)).StatusCode);
        using var anonymous = new LoginBrowser(host.Anonymous());
        var token = await anonymous.TokenAsync("/");
        var antiforgeryOnly = string.Join("; ", anonymous.Cookies.Select(c => $"{c.Key}={c.Value}"));
        var failures = new List<string>();

        foreach (var value in Values())
        {
            var query = Uri.EscapeDataString(value);
            async Task Check(string entry, Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, Task<string?>> problem)
            {
                var response = await send();
                // A control character in a query value never reaches the portal: the edge refuses it with 400 and no
                // redirect (ADR 0029). In the form post the value is the login's to judge.
                if (entry.StartsWith("GET ", StringComparison.Ordinal) && value.Any(char.IsControl)
                    && response.StatusCode == HttpStatusCode.BadRequest && response.Headers.Location is null) return;
                var why = (int)response.StatusCode >= 500 ? $"status {(int)response.StatusCode}" : await problem(response);
                if (why is not null) failures.Add($"{entry} {Show(value)}: {why}");
            }

            // The language switch and the login page of a signed-in user redirect straight to it.
            await Check("GET /sprache/en", () => anonymous.SendAsync(HttpMethod.Get, "/sprache/en?returnUrl=" + query, cookieHeader: ""),
                r => Task.FromResult(RedirectProblem(r)));
            await Check("GET / signed in", () => signedIn.SendAsync(HttpMethod.Get, "/?returnUrl=" + query, cookieHeader: signedIn.LoginCookieHeader),
                r => Task.FromResult(RedirectProblem(r)));
            // The login page of a stranger puts it into the form, whose post redirects to it.
            await Check("GET / signed out", () => anonymous.SendAsync(HttpMethod.Get, "/?returnUrl=" + query, cookieHeader: ""),
                async r => r.StatusCode != HttpStatusCode.OK ? $"status {(int)r.StatusCode}"
                    : HiddenReturnUrl(await r.Content.ReadAsStringAsync(Ct)) is { Length: > 0 } kept ? LocationProblem(kept) : null);
            // (A form with a NUL anywhere is refused with 400 before the endpoint: nobody is signed in or redirected.)
            await Check("POST /login", () => anonymous.SendAsync(HttpMethod.Post, "/login", new FormUrlEncodedContent(
                [
                    new("__RequestVerificationToken", token), new("Email", email), new("Password", password), new("ReturnUrl", value),
                ]), cookieHeader: antiforgeryOnly),
                r => Task.FromResult(value.Contains('\0', StringComparison.Ordinal) && r.StatusCode == HttpStatusCode.BadRequest
                    && r.Headers.Location is null ? null : RedirectProblem(r)));
            // The cookie handler sends a stranger to the login with the page asked for; the dashboard likewise.
            await Check("GET /uebersicht signed out", () => anonymous.SendAsync(HttpMethod.Get, "/uebersicht?x=" + query, cookieHeader: ""),
                r => Task.FromResult(LoginRedirectProblem(r)));
            // (A NUL in a path never reaches the portal: Kestrel answers 400 itself, the in-memory test server throws.)
            if (!value.Contains('\0', StringComparison.Ordinal))
                await Check("GET /hangfire signed out", () => anonymous.SendAsync(HttpMethod.Get, "/hangfire/" + query, cookieHeader: ""),
                    r => Task.FromResult(LoginRedirectProblem(r)));
        }

        Assert.True(failures.Count == 0, $"{failures.Count} unsafe answers:\n" + string.Join("\n", failures.Take(60)));
    }

    [Fact]
    public async Task Request_paths_that_look_like_other_sites_get_no_off_site_redirect()
    {
        using var anonymous = new LoginBrowser(host.Anonymous());
        foreach (var path in new[] { "//evil.example", "/%09/evil.example", "/%5C%5Cevil.example", "/%2F%2Fevil.example", "/\\evil.example", "/uebersicht/%0A" })
        {
            var response = await anonymous.SendAsync(HttpMethod.Get, path, cookieHeader: "");
            Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
            if (response.Headers.Location is not null) Assert.Null(LoginRedirectProblem(response));
        }
    }

    [Fact]
    public async Task Harmless_local_addresses_are_followed()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        using var browser = new LoginBrowser(host.Anonymous());
        var signIn = await browser.SignInAsync(email, password, "/kundenstimmen?quarter=2024-Q2&segment=private");
        Assert.Equal("/kundenstimmen?quarter=2024-Q2&segment=private", signIn.Headers.Location!.OriginalString);
        var language = await browser.GetAsync("/sprache/en?returnUrl=" + Uri.EscapeDataString("/kundenstimmen?q=Müller"));
        Assert.Equal("/kundenstimmen?q=M%C3%BCller", language.Headers.Location!.OriginalString);
        var home = await browser.GetAsync("/?returnUrl=%2Fprovision");
        Assert.Equal("/provision", home.Headers.Location!.OriginalString);
        using var stranger = new LoginBrowser(host.Anonymous());
        var page = await stranger.GetAsync("/kundenstimmen?quarter=2024-Q2");
        Assert.Equal("/?returnUrl=" + Uri.EscapeDataString("/kundenstimmen?quarter=2024-Q2"), page.Headers.Location!.OriginalString);
    }

    /// <summary>A redirect (302) to a safe local address.</summary>
    private static string? RedirectProblem(HttpResponseMessage response) =>
        response.StatusCode != HttpStatusCode.Redirect ? $"status {(int)response.StatusCode}" : LocationProblem(Location(response));

    /// <summary>A redirect to <c>/</c>, or to the login page with a safe local <c>returnUrl</c>.</summary>
    private static string? LoginRedirectProblem(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect) return $"status {(int)response.StatusCode}";
        var location = Location(response);
        if (LocationProblem(location) is { } problem) return problem;
        if (location == "/") return null;
        if (!location.StartsWith("/?returnUrl=", StringComparison.Ordinal) || location.IndexOf('&', StringComparison.Ordinal) >= 0)
            return $"not the login page: {Show(location)}";
        return LocationProblem(Uri.UnescapeDataString(location["/?returnUrl=".Length..]));
    }

    private static string Location(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Location", out var values) ? values.Single() : "";

    /// <summary>Null when a browser stays on this site: printable ASCII only (nothing it would strip or skip), one leading
    /// slash and no backslash, on this host when resolved, and the path still so when percent-decoded.</summary>
    private static string? LocationProblem(string location)
    {
        if (location.Length == 0) return "no Location";
        if (location.Any(c => c is <= ' ' or >= '\u007F')) return $"not printable ASCII: {Show(location)}";
        if (location[0] != '/' || location.StartsWith("//", StringComparison.Ordinal) || location.Contains('\\', StringComparison.Ordinal))
            return $"not a local path: {Show(location)}";
        var resolved = new Uri(new Uri("https://portal.example/"), location);
        if (resolved.Host != "portal.example" || resolved.Scheme != "https") return $"leaves the site: {resolved}";
        var path = location.Split('?', '#')[0];
        for (var round = 0; round < 3; round++)
        {
            path = Uri.UnescapeDataString(path);
            if (path.StartsWith("//", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal) || path.Any(char.IsControl))
                return $"decodes to {Show(path)}";
        }
        return null;
    }

    private static string? HiddenReturnUrl(string page) =>
        HiddenField().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static string Show(string value)
    {
        var shown = new StringBuilder();
        foreach (var c in value.Length > 60 ? value[..60] + "…" : value)
            shown.Append(c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString());
        return shown.ToString();
    }

    [GeneratedRegex("name=\"ReturnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}

/// <summary>
/// The same on Kestrel, which refuses to write a control character or non-ASCII into a header: the answers that were
/// 500 there (<c>%0A</c>, <c>%0B</c>, <c>%E3%80%80</c>) and the tab that led off-site now go home. On the isolated host
/// process (Production).
/// </summary>
[Collection(IsolatedHostCollection.Name)]
public sealed class ReturnUrlKestrelTests(IsolatedHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Return_addresses_that_broke_the_answer_or_left_the_site_go_home()
    {
        using var client = host.Client("192.0.2.140");
        // Control characters in the query are refused at the edge (400, no redirect: ADR 0029) ...
        foreach (var encoded in new[] { "%2F%0A%2Fevil.example", "%2F%0B%2Fevil.example", "%2F%09%2Fevil.example" })
        {
            var response = await client.GetAsync("/sprache/en?returnUrl=" + encoded, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && response.Headers.Location is null, $"{encoded}: {(int)response.StatusCode}");
        }
        // ... the rest by the return-URL rule: home.
        foreach (var encoded in new[] { "%2F%E3%80%80%2Fevil.example", "%2F%E2%80%A8%2Fevil.example", "%5C%5Cevil.example" })
        {
            var response = await client.GetAsync("/sprache/en?returnUrl=" + encoded, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{encoded}: {(int)response.StatusCode}");
            Assert.Equal("/", response.Headers.Location!.OriginalString);
        }

        var key = await host.CreateKeyAsync([Scopes.UsersWrite, Scopes.PartnersWrite, .. Scopes.PartnerUser]);
        var partnerId = await host.CreatePartnerAsync(key);
        var email = $"{PortalHost.NewId("ru")}@example.test";
        using (var api = host.Client(apiKey: key))
            await (await api.PostAsJsonAsync("/api/v1/users",
                new { email, password = "Correct-Horse-42", displayName = "Return", role = Roles.Partner, partnerId }, Ct)).EnsureStatus(HttpStatusCode.Created);
        var ip = 141;
        foreach (var value in new[] { "/\u3000/evil.example", "/\n/evil.example" })
        {
            using var browser = new LoginBrowser(host.Client($"192.0.2.{ip++}"));
            var signIn = await browser.SignInAsync(email, "Correct-Horse-42", value);
            Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"{(int)signIn.StatusCode}");
            Assert.Equal("/uebersicht", signIn.Headers.Location!.OriginalString);
        }
    }
}
