using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.Host.Security;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>The data-protection key ring lives in the database: a login cookie issued by one host is read by any
/// other data-protection provider on the same database (another node), and by the host after a restart.</summary>
public sealed class DataProtectionTests(PortalHost host)
{
    [Fact]
    public async Task A_login_cookie_is_read_by_another_provider_built_on_the_same_database_and_only_under_the_application_name()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var (client, response) = await host.LoginAsync(email, password);
        client.Dispose();
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = LoginCookie(IsolatedHost.Cookies(response));

        // A fresh provider: no keys in memory, only what it reads from portal.data_protection_keys.
        var ticket = Unprotect(cookie, host.ConnectionString, DataProtectionSetup.ApplicationName);
        Assert.NotNull(ticket);
        Assert.Equal(partnerId, ticket.Principal.FindFirstValue(Caller.PartnerClaim));
        Assert.Equal(email, ticket.Principal.FindFirstValue(ClaimTypes.Email));

        // Control: under another application name the same keys do not open it (the name is what every node shares).
        Assert.Null(Unprotect(cookie, host.ConnectionString, "SomeOtherApplication"));
        Assert.True(await host.ScalarAsync<long>($"select count(*) from {PostgresXmlRepository.Table} where xml like '<key %'") >= 1);
    }

    private static AuthenticationTicket? Unprotect(string cookie, string connectionString, string applicationName)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName(applicationName);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(connectionString));
        using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", AuthSchemes.Cookie, "v2");
        return new TicketDataFormat(protector).Unprotect(cookie);
    }

    /// <summary>The login cookie's value, reassembled when the cookie manager split it into chunks.</summary>
    internal static string LoginCookie(IReadOnlyDictionary<string, string> cookies)
    {
        var value = cookies[AuthSetup.LoginCookie];
        if (!value.StartsWith("chunks-", StringComparison.Ordinal)) return value;
        var count = int.Parse(value["chunks-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        return string.Concat(Enumerable.Range(1, count).Select(i => cookies[$"{AuthSetup.LoginCookie}C{i}"]));
    }
}

/// <summary>The same on the real thing: a host process signs a user in, is restarted, and still knows the cookie.
/// In Production the login and antiforgery cookies are Secure, HttpOnly and SameSite.</summary>
[Collection(IsolatedHostCollection.Name)]
public sealed class HostRestartTests(IsolatedHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_login_cookie_survives_a_restart_of_the_host_and_production_cookies_are_secure()
    {
        var key = await host.CreateKeyAsync([Scopes.UsersWrite, Scopes.PartnersWrite, .. Scopes.PartnerUser]);
        var partnerId = await host.CreatePartnerAsync(key);
        var email = $"{PortalHost.NewId("dp")}@example.test";
        using (var admin = host.Client(apiKey: key))
        {
            var created = await admin.PostAsJsonAsync("/api/v1/users",
                new { email, password = "Correct-Horse-42", displayName = "Neustart", role = Roles.Partner, partnerId }, Ct);
            await created.EnsureStatus(HttpStatusCode.Created);
        }

        var (response, cookies) = await host.SignInAsync(email, "Correct-Horse-42", "192.0.2.21");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var login = IsolatedHost.SetCookies(response).Single(c => c.StartsWith(AuthSetup.LoginCookie + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", login, StringComparison.Ordinal);
        Assert.Contains("; httponly", login, StringComparison.Ordinal);
        Assert.Contains("; samesite=lax", login, StringComparison.Ordinal);
        using (var anonymous = host.Client())
        {
            var page = await anonymous.GetAsync("/", Ct);
            var antiforgery = IsolatedHost.SetCookies(page).Single(c => c.StartsWith(AuthSetup.AntiforgeryCookie + "=", StringComparison.Ordinal)).ToLowerInvariant();
            Assert.Contains("; secure", antiforgery, StringComparison.Ordinal);
            Assert.Contains("; httponly", antiforgery, StringComparison.Ordinal);
            Assert.Contains("; samesite=strict", antiforgery, StringComparison.Ordinal);
        }

        Assert.Contains("Partner " + partnerId, await OverviewAsync(cookies), StringComparison.Ordinal);
        await host.RestartHostAsync();
        Assert.Contains("Partner " + partnerId, await OverviewAsync(cookies), StringComparison.Ordinal);
    }

    private async Task<string> OverviewAsync(IReadOnlyDictionary<string, string> cookies)
    {
        using var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/uebersicht");
        request.Headers.Add("Cookie", IsolatedHost.CookieHeader(cookies));
        var response = await client.SendAsync(request, Ct);
        await response.EnsureStatus(HttpStatusCode.OK); // not the redirect to the login page
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
