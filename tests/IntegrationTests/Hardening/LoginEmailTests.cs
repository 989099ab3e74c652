using System.Net;
using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// One key per e-mail address for the sign-in, its rate limit, its lockout and the stored login (ADR 0027): case and
/// surrounding spaces do not matter; ambiguous forms (Unicode compatibility or decomposed forms such as the Kelvin sign,
/// letters that change under upper and lower case, control, space and invisible characters) and repeated form fields are
/// refused with 400 before any password check, and no login can be created with such an address.
/// (That the rate limit counts the same key: <see cref="RateLimitTests"/>.)
/// </summary>
public sealed class LoginEmailTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Forms of <c>kelvin-…@example.test</c> that read or fold like it.</summary>
    private static IEnumerable<(string What, string Email)> AmbiguousFormsOf(string email)
    {
        yield return ("Kelvin sign", "\u212A" + email[1..]);
        yield return ("full-width k", "\uFF4B" + email[1..]);
        yield return ("capital sharp s", email.Replace("@", "\u1E9E@", StringComparison.Ordinal));
        yield return ("decomposed e with acute", email.Replace("@", "e\u0301@", StringComparison.Ordinal));
        yield return ("zero-width space", email.Replace("@", "\u200B@", StringComparison.Ordinal));
        yield return ("ideographic space", email + "\u3000");
        yield return ("no-break space inside", email.Replace("@", "\u00A0@", StringComparison.Ordinal));
        yield return ("tab inside", email.Replace("@", "\t@", StringComparison.Ordinal));
        yield return ("NUL", email + "\0");
        yield return ("C1 control", "\u0085" + email);
        yield return ("soft hyphen", email.Replace("-", "\u00AD-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ambiguous_forms_of_an_address_are_refused_with_400_even_with_the_right_password()
    {
        var (email, password, _) = await CreateKelvinAsync();
        foreach (var (what, variant) in AmbiguousFormsOf(email))
        {
            using var browser = new LoginBrowser(host.Anonymous());
            var answer = await browser.SignInAsync(variant, password);
            var body = await answer.Content.ReadAsStringAsync(Ct);
            // A form with a NUL anywhere is refused before the endpoint (the antiforgery check cannot read it): 400 problem details.
            var expected = variant.Contains('\0', StringComparison.Ordinal) ? "The request could not be read." : "unzulässige Zeichen";
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest && body.Contains(expected, StringComparison.Ordinal),
                $"{what}: {(int)answer.StatusCode} {body}");
            Assert.Null(browser.LoginCookieHeader);
        }
        // None of them was counted as a failure of the real address: it is not locked.
        using var owner = new LoginBrowser(host.Anonymous());
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SignInAsync(email, password)).StatusCode);
    }

    [Fact]
    public async Task Case_and_surrounding_spaces_do_not_matter()
    {
        var (email, password, _) = await CreateKelvinAsync();
        using var browser = new LoginBrowser(host.Anonymous());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("  " + email.ToUpperInvariant() + " \t", password)).StatusCode);
    }

    [Fact]
    public async Task A_repeated_email_password_or_return_field_is_refused_with_400()
    {
        var (email, password, _) = await CreateKelvinAsync();
        var (other, _, _) = await CreateKelvinAsync();
        var forms = new (string What, KeyValuePair<string, string>[] Fields)[]
        {
            ("Email twice", [new("Email", email), new("Email", other), new("Password", password)]),
            ("Email twice, the same", [new("Email", email), new("Email", email), new("Password", password)]),
            ("Password twice", [new("Email", email), new("Password", "Wrong-Horse-1"), new("Password", password)]),
            ("ReturnUrl twice", [new("Email", email), new("Password", password), new("ReturnUrl", "/provision"), new("ReturnUrl", "/uebersicht")]),
        };
        foreach (var (what, fields) in forms)
        {
            using var browser = new LoginBrowser(host.Anonymous());
            var token = await browser.TokenAsync("/");
            var answer = await browser.SendAsync(HttpMethod.Post, "/login", new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields]));
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)answer.StatusCode}");
            Assert.Null(browser.LoginCookieHeader);
        }
    }

    [Fact]
    public async Task No_login_can_be_created_with_an_ambiguous_form_of_an_address()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var email = $"kelvin-{Guid.NewGuid():N}@example.test";
        using var admin = host.Admin();
        foreach (var (what, variant) in AmbiguousFormsOf(email))
        {
            var response = await admin.PostAsJsonAsync("/api/v1/users",
                new { email = variant, password = "Correct-Horse-42", displayName = "Kelvin", role = Roles.Partner, partnerId }, Ct);
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.Errors("email").Length == 1, what);
        }
        // The plain form still can.
        await (await admin.PostAsJsonAsync("/api/v1/users",
            new { email, password = "Correct-Horse-42", displayName = "Kelvin", role = Roles.Partner, partnerId }, Ct)).EnsureStatus(HttpStatusCode.Created);
    }

    private async Task<(string Email, string Password, string PartnerId)> CreateKelvinAsync()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var email = $"kelvin-{Guid.NewGuid():N}"[..20] + "@example.test";
        const string password = "Correct-Horse-42";
        using var admin = host.Admin();
        await (await admin.PostAsJsonAsync("/api/v1/users",
            new { email, password, displayName = "Kelvin", role = Roles.Partner, partnerId }, Ct)).EnsureStatus(HttpStatusCode.Created);
        return (email, password, partnerId);
    }
}
