using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using PartnerPortal.Host.Database;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>No secret or key in any log line: a host process logging everything down to Debug is given the bootstrap
/// key, issues an API key, creates a login, is used with both, refuses a wrong password; none of the secrets appears
/// in its output.</summary>
[Collection(IsolatedHostCollection.Name)] // one host process at a time: these start processes of their own
public sealed partial class SecretLoggingTests : IAsyncLifetime
{
    private const string BootstrapKey = "secret-logging-bootstrap-key-7f3a";
    private const string Password = "Very-Secret-Password-93";
    private OwnCluster _cluster = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _cluster = OwnCluster.Start("logs");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Keys_and_passwords_never_reach_the_log()
    {
        var node = await _cluster.StartNodeAsync(BootstrapKey, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Microsoft"] = "Debug",
        }, Ct);
        using var admin = node.Client(apiKey: BootstrapKey);
        var partnerId = PortalHost.NewId("p");
        await (await admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}", new { name = "Partner", shops = Array.Empty<object>() }, Ct))
            .EnsureStatus(HttpStatusCode.Created);
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "tool", scopes = new[] { Scopes.PartnersRead }, partnerId }, Ct))
            .JsonAsync(HttpStatusCode.Created);
        var issued = created.GetProperty("key").GetString()!;
        using (var tool = node.Client(apiKey: issued))
            await (await tool.GetAsync($"/api/v1/partners/{partnerId}", Ct)).EnsureStatus(HttpStatusCode.OK);
        using (var wrong = node.Client(apiKey: issued + "x"))
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync($"/api/v1/partners/{partnerId}", Ct)).StatusCode);

        var email = $"{PortalHost.NewId("user")}@example.test";
        await (await admin.PostAsJsonAsync("/api/v1/users", new { email, password = Password, displayName = "Logged", role = Roles.Partner, partnerId }, Ct))
            .EnsureStatus(HttpStatusCode.Created);
        foreach (var password in new[] { Password + "-wrong", Password })
        {
            using var browser = node.Client(clientIp: "10.9.8.7");
            var page = await browser.GetAsync("/", Ct);
            var token = TokenPattern().Match(await page.Content.ReadAsStringAsync(Ct)).Groups[1].Value;
            using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Email"] = email, ["Password"] = password }),
            };
            post.Headers.Add("Cookie", IsolatedHost.CookieHeader(IsolatedHost.Cookies(page)));
            var answer = await browser.SendAsync(post, Ct);
            Assert.Equal(password == Password ? HttpStatusCode.Redirect : HttpStatusCode.Unauthorized, answer.StatusCode);
        }
        await node.StopAsync();

        var output = node.Output;
        Assert.Contains("dbug:", output); // the host did log at Debug level
        foreach (var secret in new[] { BootstrapKey, issued, Password })
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
