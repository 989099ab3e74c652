using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using PartnerPortal.Host.Database;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>Two host processes on one database of their own (Production, rate limits lifted, the session stamp cached
/// for <see cref="SessionCheckInterval"/>), shared by <see cref="LoginScaleOutTests"/>.</summary>
public sealed class TwoLoginHosts : IAsyncLifetime
{
    public const string Key = "login-scale-out-bootstrap-key";
    public static readonly TimeSpan SessionCheckInterval = TimeSpan.FromSeconds(3);

    private OwnCluster _cluster = null!;

    public HostNode[] Nodes { get; private set; } = [];

    public string ConnectionString => _cluster.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        _cluster = OwnCluster.Start("logins");
        var settings = new Dictionary<string, string>
        {
            ["PartnerPortal__Jobs__Workers"] = "1",
            ["PartnerPortal__Security__SessionCheckInterval"] = SessionCheckInterval.ToString(),
            ["PartnerPortal__RateLimits__LoginPerIp__PermitLimit"] = "1000000",
            ["PartnerPortal__RateLimits__LoginPerEmail__PermitLimit"] = "1000000",
            ["PartnerPortal__RateLimits__ApiKey__PermitLimit"] = "1000000",
        };
        // One after the other: the first creates the schema.
        var first = await _cluster.StartNodeAsync(Key, settings, TestContext.Current.CancellationToken);
        var second = await _cluster.StartNodeAsync(Key, settings, TestContext.Current.CancellationToken);
        Nodes = [first, second];
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}

/// <summary>
/// The lockout and the end of sessions across hosts (ADR 0027): wrong passwords sent in parallel to two hosts are all
/// counted in the one database, and a sign-out or a lock on one host ends the session on the other within the stamp's
/// cache time (polled: the other host is another process).
/// </summary>
[Collection(IsolatedHostCollection.Name)] // one set of host processes at a time
public sealed class LoginScaleOutTests(TwoLoginHosts hosts) : IClassFixture<TwoLoginHosts>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parallel_wrong_passwords_sent_to_two_hosts_are_all_counted_and_lock_exactly_at_the_limit()
    {
        for (var trial = 0; trial < 10; trial++)
        {
            var (email, password, _) = await CreateUserAsync();
            var answers = await LoginLockoutTests.WrongPasswordsAtOnceAsync(i => hosts.Nodes[i % 2].Client($"198.51.100.{i + 1}"), email, 10);

            LoginLockoutTests.AssertLockedExactlyAtTheLimit(answers, $"trial {trial}");
            Assert.Equal(10, await StoredFailuresAsync(email));
            foreach (var node in hosts.Nodes)
            {
                using var browser = new LoginBrowser(node.Client("198.51.100.99"));
                Assert.Equal(HttpStatusCode.Forbidden, (await browser.SignInAsync(email, password)).StatusCode);
            }
        }
    }

    [Fact]
    public async Task Signing_out_on_one_host_ends_the_session_on_the_other_within_the_cache_time()
    {
        var (email, password, partnerId) = await CreateUserAsync();
        var api = $"/api/v1/partners/{partnerId}";
        using var onFirst = new LoginBrowser(hosts.Nodes[0].Client("203.0.113.20"));
        using var onSecond = new LoginBrowser(hosts.Nodes[1].Client("203.0.113.20"));
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.SignInAsync(email, password)).StatusCode);
        var kept = onFirst.LoginCookieHeader!;
        await SessionEndTests.AssertOpenAsync(onSecond, kept, api); // the second host now holds the stamp in its cache

        await onFirst.SignOutAsync();

        await SessionEndTests.AssertEndedAsync(onFirst, kept, api); // this host at once
        await AssertEndsWithinCacheTimeAsync(onSecond, kept, api);
    }

    [Fact]
    public async Task A_lock_on_one_host_ends_the_session_on_the_other_within_the_cache_time()
    {
        var (email, password, partnerId) = await CreateUserAsync();
        var api = $"/api/v1/partners/{partnerId}";
        using var owner = new LoginBrowser(hosts.Nodes[0].Client("203.0.113.30"));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SignInAsync(email, password)).StatusCode);
        var kept = owner.LoginCookieHeader!;
        await SessionEndTests.AssertOpenAsync(owner, kept, api);

        using (var guesser = new LoginBrowser(hosts.Nodes[1].Client("203.0.113.31")))
        {
            for (var attempt = 1; attempt <= LoginLockoutTests.Limit; attempt++)
                await guesser.SignInAsync(email, $"Wrong-Horse-{attempt}");
        }

        await AssertEndsWithinCacheTimeAsync(owner, kept, api);
    }

    /// <summary>Polls the page with the kept cookie until it redirects to the login; then the API is 401 too.</summary>
    private static async Task AssertEndsWithinCacheTimeAsync(LoginBrowser browser, string cookie, string api)
    {
        var watch = Stopwatch.StartNew();
        // The cache time, and room for a loaded machine (each poll is a page render on another process): "within a bounded
        // time" is the rule, a session kept until its cookie expires (hours) is what must fail.
        var deadline = TwoLoginHosts.SessionCheckInterval + TimeSpan.FromSeconds(20);
        while (true)
        {
            var page = await browser.SendAsync(HttpMethod.Get, "/uebersicht", cookieHeader: cookie);
            if (page.StatusCode == HttpStatusCode.Redirect) break;
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.True(watch.Elapsed < deadline, $"The session was still open after {watch.Elapsed.TotalSeconds:0.0} s.");
            await Task.Delay(100, Ct); // another process: polling is the only signal there is
        }
        await SessionEndTests.AssertEndedAsync(browser, cookie, api);
    }

    private async Task<(string Email, string Password, string PartnerId)> CreateUserAsync()
    {
        using var admin = hosts.Nodes[0].Client(apiKey: TwoLoginHosts.Key);
        var partnerId = PortalHost.NewId("p");
        await (await admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}", new { name = "Partner", shops = Array.Empty<object>() }, Ct))
            .EnsureStatus(HttpStatusCode.Created);
        var email = $"{PortalHost.NewId("user")}@example.test";
        const string password = "Correct-Horse-42";
        await (await admin.PostAsJsonAsync("/api/v1/users",
            new { email, password, displayName = "Zwei Hosts", role = Roles.Partner, partnerId }, Ct)).EnsureStatus(HttpStatusCode.Created);
        return (email, password, partnerId);
    }

    private async Task<int> StoredFailuresAsync(string email)
    {
        await using var connection = new NpgsqlConnection(hosts.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("select coalesce((select failures from partners.login_failures where email_hash = $1), 0)", connection);
        command.Parameters.AddWithValue(LoginBrowser.FailureKey(email));
        return (int)(await command.ExecuteScalarAsync(Ct))!;
    }
}
