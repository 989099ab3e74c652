using System.Net;
using System.Text.RegularExpressions;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// The login form does not tell whether an address has a login (ADR 0027): a wrong password for an existing login and any
/// password for an unknown address get the same status and the same page, attempt by attempt, up to and after the lock.
/// (The work behind both is the same as well, one password hash each; that is not timed here.)
/// </summary>
public sealed partial class LoginEnumerationTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_address_gets_the_same_answers_as_a_wrong_password_and_is_locked_at_the_same_attempt()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (known, _) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var unknown = $"{PortalHost.NewId("user")}@example.test"; // as long as the known one, so the pages match byte for byte
        Assert.Equal(known.Length, unknown.Length);

        for (var attempt = 1; attempt <= LoginLockoutTests.Limit + 2; attempt++)
        {
            var (knownStatus, knownPage) = await AttemptAsync(known, $"Wrong-Horse-{attempt}");
            var (unknownStatus, unknownPage) = await AttemptAsync(unknown, $"Wrong-Horse-{attempt}");

            Assert.Equal(knownStatus, unknownStatus);
            Assert.Equal(Comparable(knownPage, known), Comparable(unknownPage, unknown));
            var expected = attempt < LoginLockoutTests.Limit ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            Assert.True(expected == knownStatus, $"attempt {attempt}: {(int)knownStatus}");
            Assert.Contains(attempt < LoginLockoutTests.Limit ? "falsch" : "gesperrt", ErrorText(unknownPage), StringComparison.Ordinal);
        }
    }

    private async Task<(HttpStatusCode, string)> AttemptAsync(string email, string password)
    {
        using var browser = new LoginBrowser(host.Anonymous());
        var response = await browser.SignInAsync(email, password);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The page without what differs by design: the echoed address and the form's antiforgery token.</summary>
    private static string Comparable(string page, string email) =>
        TokenValue().Replace(page, "value=\"token\"").Replace(email, "{email}", StringComparison.Ordinal);

    private static string ErrorText(string page) => ErrorElement().Match(page) is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\" )value=\"[^\"]+\"")]
    private static partial Regex TokenValue();

    [GeneratedRegex("data-testid=\"login-error\">([^<]*)<")]
    private static partial Regex ErrorElement();
}
