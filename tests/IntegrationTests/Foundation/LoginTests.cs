using System.Net;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Foundation;

public sealed class LoginTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_partner_signs_in_sees_its_name_and_the_four_areas_and_signs_out()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var (client, response) = await host.LoginAsync(email, password);
        using var _ = client;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/uebersicht", response.Headers.Location!.OriginalString);
        var setCookie = string.Join(";", response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);

        var page = await client.GetStringAsync("/uebersicht", Ct);
        Assert.Contains("Partner " + partnerId, page, StringComparison.Ordinal);
        foreach (var area in new[] { "/uebersicht", "/kundenstimmen", "/provision", "/schulungen" })
            Assert.Contains($"href=\"{area}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/hangfire\"", page, StringComparison.Ordinal);

        var token = await PortalHost.AntiforgeryTokenAsync(client, "/uebersicht");
        var signOut = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await client.GetAsync("/uebersicht", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Back_office_sees_the_jobs_dashboard_link()
    {
        var (email, password) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (client, _) = await host.LoginAsync(email, password);
        using var _ = client;
        var page = await client.GetStringAsync("/uebersicht", Ct);
        Assert.Contains("href=\"/hangfire\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_the_account_locks_after_five_failures()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var (c, failed) = await host.LoginAsync(email, "wrong-password-" + attempt);
            c.Dispose();
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            Assert.Contains("falsch", await failed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        var (c5, fifth) = await host.LoginAsync(email, "wrong-password-5");
        c5.Dispose();
        Assert.Equal(HttpStatusCode.Forbidden, fifth.StatusCode);

        var (c6, correct) = await host.LoginAsync(email, password);
        c6.Dispose();
        Assert.Equal(HttpStatusCode.Forbidden, correct.StatusCode);
        Assert.Contains("gesperrt", await correct.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_successful_sign_in_resets_the_failure_count()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        for (var i = 0; i < 4; i++) (await host.LoginAsync(email, "nope-nope-nope")).Client.Dispose();
        var (ok, success) = await host.LoginAsync(email, password);
        ok.Dispose();
        Assert.Equal(HttpStatusCode.Redirect, success.StatusCode);
        for (var i = 0; i < 4; i++) (await host.LoginAsync(email, "nope-nope-nope")).Client.Dispose();
        var (again, stillOpen) = await host.LoginAsync(email, password);
        again.Dispose();
        Assert.Equal(HttpStatusCode.Redirect, stillOpen.StatusCode);
    }

    [Fact]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        using var client = host.Anonymous();
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password,
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("PartnerPortal.Login", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var (client, _) = await host.LoginAsync(email, password);
        using var _c = client;
        var forged = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>()), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/uebersicht", Ct)).StatusCode); // still signed in
    }

    [Fact]
    public async Task Sign_in_never_redirects_off_site()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var client = host.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        using var _ = client;
        var token = await PortalHost.AntiforgeryTokenAsync(client, "/");
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "//evil.example/",
        }), Ct);
        Assert.Equal("/uebersicht", response.Headers.Location!.OriginalString);
    }
}
