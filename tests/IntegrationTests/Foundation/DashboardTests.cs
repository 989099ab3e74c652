using System.Net;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Foundation;

/// <summary>The Hangfire dashboard is for signed-in back-office users only, not for "local requests".</summary>
public sealed class DashboardTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Strangers_are_sent_to_the_login_page()
    {
        using var client = host.Anonymous(); // the test server counts as a local request: the default filter would let it in
        var response = await client.GetAsync("/hangfire", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?returnUrl=%2Fhangfire", response.Headers.Location!.OriginalString);
        var api = await client.GetAsync("/hangfire/stats", Ct);
        Assert.Equal(HttpStatusCode.Redirect, api.StatusCode);
    }

    [Fact]
    public async Task Partners_and_api_keys_get_403()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var (partner, _) = await host.LoginAsync(email, password);
        using (partner)
            Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/hangfire", Ct)).StatusCode);

        using var admin = host.Admin(); // every scope, but a key is not a back-office login
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/hangfire", Ct)).StatusCode);
    }

    [Fact]
    public async Task Back_office_opens_the_dashboard_and_sees_the_recurring_jobs()
    {
        var (email, password) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (client, _) = await host.LoginAsync(email, password);
        using var _ = client;
        var response = await client.GetAsync("/hangfire/recurring", Ct);
        await response.EnsureStatus(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        foreach (var job in new[] { "scoring:recalculate", "incentives:recalculate", "training:recalculate" })
            Assert.Contains(job, html, StringComparison.Ordinal);
    }
}
