using System.Net;
using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// Sign-in is limited per client address and per e-mail address, the API per key; a refused request is 429 problem
/// details with Retry-After. On the isolated host, whose limits are low (<see cref="IsolatedHost.Limits"/>); each test
/// uses client addresses (X-Forwarded-For) and keys of its own, so the partitions do not meet.
/// </summary>
[Collection(IsolatedHostCollection.Name)]
public sealed class RateLimitTests(IsolatedHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_client_address()
    {
        const string ip = "203.0.113.10";
        using var client = host.Client(ip);
        for (var attempt = 1; attempt <= IsolatedHost.Limits.LoginPerIp; attempt++)
        {
            // No antiforgery token: refused by the form (400), but an attempt all the same.
            var counted = await client.PostAsync("/login", Form($"nobody-{attempt}@example.test"), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, counted.StatusCode);
        }
        var refused = await client.PostAsync("/login", Form("nobody-else@example.test"), Ct);
        await AssertTooManyAsync(refused);

        // The login page itself is not limited, and another address still signs in.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", Ct)).StatusCode);
        var (email, password) = await CreateUserAsync();
        var (other, _) = await host.SignInAsync(email, password, "203.0.113.11");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task A_browser_at_the_limit_gets_a_page_saying_when_to_try_again_not_raw_json()
    {
        const string ip = "203.0.113.20";
        using var client = host.Client(ip);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        for (var attempt = 1; attempt <= IsolatedHost.Limits.LoginPerIp; attempt++)
            await client.PostAsync("/login", Form($"page-{attempt}@example.test"), Ct);

        var refused = await client.PostAsync("/login", Form("page-else@example.test"), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-status=\"429\"", html);
        Assert.Contains("Zu viele Versuche", html);
        Assert.Contains("data-testid=\"retry-after\"", html);
        Assert.DoesNotContain("\"title\"", html);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_e_mail_address_from_any_address()
    {
        var (email, password) = await CreateUserAsync();
        for (var attempt = 1; attempt <= IsolatedHost.Limits.LoginPerEmail; attempt++)
        {
            var (wrong, _) = await host.SignInAsync(email, "wrong-password-" + attempt, $"198.51.100.{attempt}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        // The right password from a fresh address: the e-mail's budget is spent (case and spaces do not matter).
        var (refused, cookies) = await host.SignInAsync("  " + email.ToUpperInvariant(), password, "198.51.100.50");
        await AssertTooManyAsync(refused);
        Assert.DoesNotContain("PartnerPortal.Login", cookies.Keys);

        var (otherEmail, otherPassword) = await CreateUserAsync();
        var (allowed, _) = await host.SignInAsync(otherEmail, otherPassword, "198.51.100.50");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
    }

    [Fact]
    public async Task The_per_e_mail_limit_counts_the_key_the_sign_in_uses_so_no_other_form_of_the_address_gets_past_it()
    {
        var (email, password) = await CreateUserAsync("kelvin");
        for (var attempt = 1; attempt <= IsolatedHost.Limits.LoginPerEmail; attempt++)
        {
            var (wrong, _) = await host.SignInAsync(email, "wrong-password-" + attempt, $"198.51.100.{60 + attempt}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // The Kelvin sign (U+212A) folds to K: it would be another partition of the limit but the same login. Refused.
        var (kelvin, kelvinCookies) = await host.SignInAsync("\u212A" + email[1..], password, "198.51.100.70");
        Assert.Equal(HttpStatusCode.BadRequest, kelvin.StatusCode);
        Assert.DoesNotContain("PartnerPortal.Login", kelvinCookies.Keys);
        // A repeated field: the limit and the sign-in could each read another value. Refused.
        var (repeated, repeatedCookies) = await SignInWithFieldsAsync("198.51.100.71",
            [new("Email", email), new("Email", email.ToUpperInvariant()), new("Password", password)]);
        Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode);
        Assert.DoesNotContain("PartnerPortal.Login", repeatedCookies.Keys);
        // Every accepted form of it is the same spent budget.
        var (upper, _) = await host.SignInAsync(" " + email.ToUpperInvariant(), password, "198.51.100.72");
        await AssertTooManyAsync(upper);
    }

    [Fact]
    public async Task Api_calls_are_limited_per_key_and_other_keys_go_on()
    {
        var busy = await host.CreateKeyAsync([Scopes.PartnersRead]);
        var calm = await host.CreateKeyAsync([Scopes.PartnersRead]);
        using var busyClient = host.Client(apiKey: busy);
        for (var call = 1; call <= IsolatedHost.Limits.ApiKey; call++)
            await (await busyClient.GetAsync("/api/v1/partners/p-unknown", Ct)).ProblemAsync(HttpStatusCode.NotFound);
        await AssertTooManyAsync(await busyClient.GetAsync("/api/v1/partners/p-unknown", Ct));

        using var calmClient = host.Client(apiKey: calm);
        await (await calmClient.GetAsync("/api/v1/partners/p-unknown", Ct)).ProblemAsync(HttpStatusCode.NotFound);
        // From another address the busy key is still refused: the partition is the key, not the client.
        using var elsewhere = host.Client("192.0.2.77", busy);
        await AssertTooManyAsync(await elsewhere.GetAsync("/api/v1/partners/p-unknown", Ct));
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests.", problem.GetProperty("title").GetString());
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    /// <summary>The login form with the given fields besides the antiforgery token, as <see cref="IsolatedHost.SignInAsync"/>.</summary>
    private async Task<(HttpResponseMessage Response, Dictionary<string, string> Cookies)> SignInWithFieldsAsync(string clientIp,
        KeyValuePair<string, string>[] fields)
    {
        using var browser = new LoginBrowser(host.Client(clientIp));
        var token = await browser.TokenAsync("/");
        var response = await browser.SendAsync(HttpMethod.Post, "/login", new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields]));
        return (response, browser.Cookies);
    }

    private async Task<(string Email, string Password)> CreateUserAsync(string prefix = "rl")
    {
        var key = await host.CreateKeyAsync([Scopes.UsersWrite, Scopes.PartnersWrite, .. Scopes.PartnerUser]);
        var partnerId = await host.CreatePartnerAsync(key);
        var email = $"{PortalHost.NewId(prefix)}@example.test";
        const string password = "Correct-Horse-42";
        using var client = host.Client(apiKey: key);
        var response = await client.PostAsJsonAsync("/api/v1/users",
            new { email, password, displayName = "Rate Limit", role = Roles.Partner, partnerId }, Ct);
        await response.EnsureStatus(HttpStatusCode.Created);
        return (email, password);
    }

    private static FormUrlEncodedContent Form(string email) =>
        new(new Dictionary<string, string> { ["Email"] = email, ["Password"] = "whatever-it-is" });
}
