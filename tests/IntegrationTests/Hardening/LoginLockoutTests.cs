using System.Net;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// The lockout counts every failure, also when they arrive at once (ADR 0027): for many logins in turn, ten wrong
/// passwords are sent in parallel; exactly the first <see cref="Limit"/> − 1 counted are "falsch", the one that reaches
/// the limit and every later one "gesperrt", the stored count is ten, and the right password is refused afterwards.
/// Known and unknown addresses alike. (Across two hosts: <see cref="LoginScaleOutTests"/>.)
/// </summary>
public sealed class LoginLockoutTests(PortalHost host)
{
    /// <summary>PartnersModule: <c>Lockout.MaxFailedAccessAttempts</c>.</summary>
    public const int Limit = 5;

    private const int AtOnce = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parallel_wrong_passwords_are_all_counted_and_lock_the_login_exactly_at_the_limit()
    {
        for (var trial = 0; trial < 20; trial++)
        {
            var (partnerId, _) = await host.CreatePartnerAsync();
            var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);

            var answers = await WrongPasswordsAtOnceAsync(host, email, AtOnce);

            AssertLockedExactlyAtTheLimit(answers, $"trial {trial}");
            Assert.Equal(AtOnce, await StoredFailuresAsync(email));
            using var browser = new LoginBrowser(host.Anonymous());
            var right = await browser.SignInAsync(email, password);
            Assert.Equal(HttpStatusCode.Forbidden, right.StatusCode);
            Assert.Contains("gesperrt", await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.Null(browser.LoginCookieHeader);
        }
    }

    [Fact]
    public async Task Parallel_attempts_for_an_unknown_address_are_counted_and_locked_the_same_way()
    {
        for (var trial = 0; trial < 5; trial++)
        {
            var email = $"{PortalHost.NewId("nobody")}@example.test";
            AssertLockedExactlyAtTheLimit(await WrongPasswordsAtOnceAsync(host, email, AtOnce), $"trial {trial}");
            Assert.Equal(AtOnce, await StoredFailuresAsync(email));
        }
    }

    [Fact]
    public async Task A_successful_sign_in_clears_the_count_and_a_wrong_one_afterwards_counts_from_one()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        Assert.All(await WrongPasswordsAtOnceAsync(host, email, Limit - 1), a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Equal(Limit - 1, await StoredFailuresAsync(email));
        using (var browser = new LoginBrowser(host.Anonymous()))
            Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email, password)).StatusCode);
        Assert.Equal(0, await StoredFailuresAsync(email));
        Assert.All(await WrongPasswordsAtOnceAsync(host, email, 1), a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Equal(1, await StoredFailuresAsync(email));
    }

    /// <summary>The answers to <paramref name="count"/> wrong passwords posted at the same moment, each from a browser of
    /// its own that fetched its form first.</summary>
    internal static async Task<(HttpStatusCode Status, string Body)[]> WrongPasswordsAtOnceAsync(Func<int, HttpClient> clients, string email, int count)
    {
        var browsers = Enumerable.Range(0, count).Select(i => new LoginBrowser(clients(i))).ToArray();
        try
        {
            var tokens = await Task.WhenAll(browsers.Select(b => b.TokenAsync("/")));
            using var start = new SemaphoreSlim(0);
            var posts = browsers.Select(async (browser, i) =>
            {
                await start.WaitAsync(Ct);
                var response = await browser.SignInAsync(email, $"Wrong-Horse-{i:00}", token: tokens[i]);
                return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
            }).ToArray();
            start.Release(count);
            return await Task.WhenAll(posts);
        }
        finally
        {
            foreach (var browser in browsers) browser.Dispose();
        }
    }

    private static Task<(HttpStatusCode Status, string Body)[]> WrongPasswordsAtOnceAsync(PortalHost host, string email, int count) =>
        WrongPasswordsAtOnceAsync(_ => host.Anonymous(), email, count);

    /// <summary>Limit − 1 "falsch" (401), the rest "gesperrt" (403), nothing else.</summary>
    internal static void AssertLockedExactlyAtTheLimit((HttpStatusCode Status, string Body)[] answers, string what)
    {
        var statuses = string.Join(", ", answers.Select(a => (int)a.Status));
        Assert.True(answers.Count(a => a.Status == HttpStatusCode.Unauthorized) == Limit - 1, $"{what}: {statuses}");
        Assert.True(answers.Count(a => a.Status == HttpStatusCode.Forbidden) == answers.Length - (Limit - 1), $"{what}: {statuses}");
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Unauthorized), a => Assert.Contains("falsch", a.Body, StringComparison.Ordinal));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Forbidden), a => Assert.Contains("gesperrt", a.Body, StringComparison.Ordinal));
    }

    private async Task<int> StoredFailuresAsync(string email) =>
        await host.ScalarAsync<int?>("select coalesce((select failures from partners.login_failures where email_hash = $1), 0)",
            LoginBrowser.FailureKey(email)) ?? 0;
}
