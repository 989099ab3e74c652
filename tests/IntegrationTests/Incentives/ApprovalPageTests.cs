using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Incentives;

/// <summary>Back office's approval list <c>/provision/freigabe</c> and its "Freigeben" form. Owns 2035-Q1.</summary>
public sealed class ApprovalPageTests(PortalHost host, ApprovalPageTests.Data data) : IClassFixture<ApprovalPageTests.Data>
{
    private const string Quarter = "2035-Q1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Four partners with draft statements of 2035-Q1 (no survey answers, so no tier): the first has
    /// 3 mobile contracts at 1.234,50 € = 3.703,50 €; the others one each. A back-office login.</summary>
    public sealed class Data(PortalHost host) : IAsyncLifetime
    {
        public string[] Partners = [];
        public (string Email, string Password) BackOffice;

        public async ValueTask InitializeAsync()
        {
            Partners = new string[4];
            for (var i = 0; i < Partners.Length; i++) (Partners[i], _) = await host.CreatePartnerAsync();
            using var admin = host.Admin();
            await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/{Quarter}", new { baseRates = new { mobile = 1234.50m, @fixed = 10m } }))
                .EnsureStatus(HttpStatusCode.Created);
            var items = Partners.SelectMany((p, i) => Enumerable.Range(0, i == 0 ? 3 : 1).Select(_ => new
            {
                transactionId = PortalHost.NewId("t"), partnerId = p, category = "mobile", occurredAt = "2035-02-01T10:00:00+01:00",
            }));
            await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new { items })).JsonAsync();
            Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/incentives/recalculations", Quarter)).GetProperty("state").GetString());
            BackOffice = await host.CreateUserAsync(Roles.BackOffice, null);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private async Task<JsonElement> StatementAsync(string partnerId)
    {
        using var admin = host.Admin();
        return await (await admin.GetAsync($"/api/v1/incentives/statements/{Quarter}/{partnerId}", Ct)).JsonAsync();
    }

    /// <summary>Posts the approval form with the confirmed revision 1 (the fixture's one recalculation; ADR 0045).</summary>
    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string? token) =>
        client.PostAsync(url, new FormUrlEncodedContent(token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["revision"] = "1" }), Ct);

    [Fact]
    public async Task Back_office_sees_every_partners_latest_statement_with_a_form_per_draft_in_German_format()
    {
        var (browser, _) = await host.LoginAsync(data.BackOffice.Email, data.BackOffice.Password);
        using var _b = browser;
        var page = await browser.GetStringAsync($"/provision/freigabe?quarter={Quarter}", Ct);
        Assert.Contains("Freigabe der Abrechnungen · Q1 2035", page, StringComparison.Ordinal);
        foreach (var partner in data.Partners)
        {
            Assert.Contains($"Partner {partner}", page, StringComparison.Ordinal);
            Assert.Contains($"href=\"/provision?partnerId={partner}&amp;quarter={Quarter}\"", page, StringComparison.Ordinal);
        }
        Assert.Contains("3.703,50 €", page, StringComparison.Ordinal);
        Assert.Contains($"confirm={data.Partners[0]}#bestaetigen\"", page, StringComparison.Ordinal);
        // The navigation offers the list to back office.
        Assert.Contains("href=\"/provision/freigabe\"", page, StringComparison.Ordinal);

        // The partner's statement behind the link names the partner.
        var statement = await browser.GetStringAsync($"/provision?partnerId={data.Partners[0]}&quarter={Quarter}", Ct);
        Assert.Contains($"Provision · Partner {data.Partners[0]} · Q1 2035", statement, StringComparison.Ordinal);
        Assert.Contains("3.703,50 €", statement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Freigeben_approves_through_the_form_and_a_second_time_is_409()
    {
        var partner = data.Partners[1];
        var (browser, _) = await host.LoginAsync(data.BackOffice.Email, data.BackOffice.Password);
        using var _b = browser;
        var token = await PortalHost.AntiforgeryTokenAsync(browser, $"/provision/freigabe?quarter={Quarter}");

        var answer = await PostFormAsync(browser, $"/provision/freigabe/{Quarter}/{partner}", token);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal($"/provision/freigabe?quarter={Quarter}&sort=partner&dir=asc&page=1&approved={partner}", answer.Headers.Location!.OriginalString);
        var approved = await StatementAsync(partner);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.StartsWith("user:", approved.GetProperty("approvedBy").GetString(), StringComparison.Ordinal);

        var page = await browser.GetStringAsync(answer.Headers.Location.OriginalString, Ct);
        Assert.Contains($"Die Abrechnung von Partner {partner} ist freigegeben.", page, StringComparison.Ordinal);
        Assert.Contains("Test User", page, StringComparison.Ordinal);                     // approved by, with the name
        Assert.DoesNotContain($"confirm={partner}#", page, StringComparison.Ordinal);

        var again = await PostFormAsync(browser, $"/provision/freigabe/{Quarter}/{partner}", token);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Diese Abrechnung ist bereits freigegeben.", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var unknown = await PostFormAsync(browser, $"/provision/freigabe/{Quarter}/{PortalHost.NewId("p")}", token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_form_without_the_antiforgery_token_is_refused_and_approves_nothing()
    {
        var partner = data.Partners[2];
        var (browser, _) = await host.LoginAsync(data.BackOffice.Email, data.BackOffice.Password);
        using var _b = browser;
        await (await PostFormAsync(browser, $"/provision/freigabe/{Quarter}/{partner}", null)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await PostFormAsync(browser, $"/provision/freigabe/{Quarter}/{partner}", "not-a-token")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("draft", (await StatementAsync(partner)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Partners_get_403_for_the_list_the_form_and_another_partners_statement()
    {
        var own = data.Partners[3];
        var (email, password) = await host.CreateUserAsync(Roles.Partner, own);
        var (browser, _) = await host.LoginAsync(email, password);
        using var _b = browser;
        var home = await browser.GetStringAsync("/uebersicht", Ct);
        Assert.DoesNotContain("href=\"/provision/freigabe\"", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/provision/freigabe?quarter={Quarter}", Ct)).StatusCode);
        var token = await PortalHost.AntiforgeryTokenAsync(browser, "/uebersicht");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(browser, $"/provision/freigabe/{Quarter}/{own}", token)).StatusCode);
        Assert.Equal("draft", (await StatementAsync(own)).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync($"/provision?partnerId={data.Partners[0]}&quarter={Quarter}", Ct)).StatusCode);
        var mine = await browser.GetStringAsync($"/provision?partnerId={own}&quarter={Quarter}", Ct);
        Assert.Contains("1.234,50 €", mine, StringComparison.Ordinal);

        // An API key with the approve scope is not a back-office login either.
        using var key = host.WithKey(await host.CreateKeyAsync([Scopes.StatementsApprove]));
        Assert.Equal(HttpStatusCode.Forbidden, (await key.GetAsync($"/provision/freigabe?quarter={Quarter}", Ct)).StatusCode);
    }
}
