using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Partners.Logins;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// Signing out, a lock and a new password end every session of the login (ADR 0027): a copy of the old login cookie
/// then gets the login redirect on a page and 401 from the API, at once on the host that made the change. Other users'
/// sessions go on. (On another host within the stamp's cache time: <see cref="LoginScaleOutTests"/>.)
/// </summary>
public sealed class SessionEndTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_signing_out_the_old_cookie_and_every_other_session_of_the_user_open_nothing_while_other_users_go_on()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var (otherEmail, otherPassword) = await host.CreateUserAsync(Roles.Partner, partnerId);
        using var laptop = await SignedInAsync(email, password);
        using var phone = await SignedInAsync(email, password);
        using var colleague = await SignedInAsync(otherEmail, otherPassword);
        var kept = laptop.LoginCookieHeader!;
        var api = $"/api/v1/partners/{partnerId}";
        await AssertOpenAsync(laptop, kept, api);
        await AssertOpenAsync(phone, phone.LoginCookieHeader!, api);

        await laptop.SignOutAsync();

        await AssertEndedAsync(laptop, kept, api);
        await AssertEndedAsync(phone, phone.LoginCookieHeader!, api); // the other device's session too
        await AssertOpenAsync(colleague, colleague.LoginCookieHeader!, api);

        // Signing in again opens a new session.
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.SignInAsync(email, password)).StatusCode);
        await AssertOpenAsync(laptop, laptop.LoginCookieHeader!, api);
    }

    [Fact]
    public async Task A_lock_ends_the_sessions_of_the_login()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        using var owner = await SignedInAsync(email, password);
        var api = $"/api/v1/partners/{partnerId}";
        await AssertOpenAsync(owner, owner.LoginCookieHeader!, api);

        using (var guesser = new LoginBrowser(host.Anonymous()))
        {
            for (var attempt = 1; attempt <= LoginLockoutTests.Limit; attempt++)
            {
                var answer = await guesser.SignInAsync(email, $"Wrong-Horse-{attempt}");
                Assert.Equal(attempt < LoginLockoutTests.Limit ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, answer.StatusCode);
            }
        }

        await AssertEndedAsync(owner, owner.LoginCookieHeader!, api);
    }

    [Fact]
    public async Task A_new_password_ends_the_sessions_of_the_login()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        using var owner = await SignedInAsync(email, password);
        var api = $"/api/v1/partners/{partnerId}";
        await AssertOpenAsync(owner, owner.LoginCookieHeader!, api);

        // There is no endpoint for it yet: the change goes through Identity, as any future one would.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByEmailAsync(email);
            var changed = await users.ChangePasswordAsync(user!, password, "Another-Horse-43");
            Assert.True(changed.Succeeded, string.Join("; ", changed.Errors.Select(e => e.Description)));
        }

        await AssertEndedAsync(owner, owner.LoginCookieHeader!, api);
        using var again = await SignedInAsync(email, "Another-Horse-43");
        await AssertOpenAsync(again, again.LoginCookieHeader!, api);
    }

    [Fact]
    public async Task A_login_cookie_without_a_security_stamp_from_before_stamps_is_refused_and_deleted()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, _) = await host.CreateUserAsync(Roles.Partner, partnerId);
        string userId;
        await using (var scope = host.Services.CreateAsyncScope())
            userId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.Id;
        // What the sign-in wrote into the cookie before stamps, sealed with the host's own key ring.
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId), new(ClaimTypes.Name, "Test User"), new(ClaimTypes.Email, email),
            new(ClaimTypes.Role, Roles.Partner), new("actor", "user:" + userId), new("partner_id", partnerId),
        };
        claims.AddRange(Scopes.PartnerUser.Select(s => new Claim("scope", s)));
        var options = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(LoginBrowser.LoginCookie);
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, LoginBrowser.LoginCookie)),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(8) }, LoginBrowser.LoginCookie);
        var cookie = $"{LoginBrowser.LoginCookie}={options.TicketDataFormat.Protect(ticket)}";

        using var browser = new LoginBrowser(host.Anonymous());
        var (page, api) = await browser.ReplayAsync(cookie, "/uebersicht", $"/api/v1/partners/{partnerId}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/?returnUrl=", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains(IsolatedHost.SetCookies(page), c => c.StartsWith(LoginBrowser.LoginCookie + "=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    private async Task<LoginBrowser> SignedInAsync(string email, string password)
    {
        var browser = new LoginBrowser(host.Anonymous());
        var answer = await browser.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.NotNull(browser.LoginCookieHeader);
        return browser;
    }

    internal static async Task AssertOpenAsync(LoginBrowser browser, string cookie, string api)
    {
        var (page, call) = await browser.ReplayAsync(cookie, "/uebersicht", api);
        await page.EnsureStatus(HttpStatusCode.OK);
        await call.EnsureStatus(HttpStatusCode.OK);
    }

    internal static async Task AssertEndedAsync(LoginBrowser browser, string cookie, string api)
    {
        var (page, call) = await browser.ReplayAsync(cookie, "/uebersicht", api);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/?returnUrl=", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
    }
}
