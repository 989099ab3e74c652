using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPortal.Partners.Pages;
using PartnerPortal.Partners.Directory;

namespace PartnerPortal.Partners.Logins;

internal sealed class LoginForm
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}

/// <summary>The login page at <c>/</c>, sign-in with Identity's password hasher and our own lockout, sign-out (ADR 0027).</summary>
internal static class LoginEndpoints
{
    private const string WrongCredentials = "E-Mail-Adresse oder Passwort ist falsch.";
    private const string LockedOut = "Das Konto ist nach zu vielen Fehlversuchen vorübergehend gesperrt. Bitte versuchen Sie es später erneut.";

    public static void Map(IEndpointRouteBuilder pages)
    {
        pages.MapGet("/", (HttpContext http, string? returnUrl, PortalNavigation navigation) =>
            http.GetCaller().IsAuthenticated
                ? Results.Redirect(ReturnUrls.LocalOrNull(returnUrl) ?? Home(navigation, http.GetCaller()))
                : PortalPages.Page<LoginPage>(new { ReturnUrl = ReturnUrls.LocalOrNull(returnUrl) }))
            .AllowAnonymous();
        pages.MapPost("/login", SignIn).AllowAnonymous();
        pages.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, LoginSessions sessions) =>
        {
            // The form carries no data to bind, so the token is checked here rather than by form binding.
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The antiforgery token is missing or invalid.");
            // A new security stamp: this cookie, and every other session of the user on any host, is no longer accepted.
            if (http.User.Identity is { IsAuthenticated: true, AuthenticationType: AuthSchemes.Cookie }
                && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } userId)
                await sessions.EndAllAsync(userId, http.RequestAborted);
            await http.SignOutAsync(AuthSchemes.Cookie);
            return Results.Redirect("/");
        }).AllowAnonymous();
    }

    /// <summary>The first area the caller may open (the Übersicht, unless its module is switched off).</summary>
    private static string Home(PortalNavigation navigation, Caller caller) => navigation.For(caller).FirstOrDefault()?.Href ?? "/";

    /// <summary>
    /// Known and unknown addresses take the same path: one password hash verified (the login's, or a dummy hash of the
    /// same cost), one failure counted per address key, the same answers ("falsch" until the limit, then "gesperrt"),
    /// so neither the answer nor its timing tells whether a login exists.
    /// </summary>
    private static async Task<IResult> SignIn([FromForm] LoginForm form, HttpContext http, UserManager<PortalUser> users, IQuerySession session,
        PortalNavigation navigation, LoginFailures failures, LoginSessions sessions, DummyPasswordHash dummy)
    {
        var ct = http.RequestAborted;
        var fields = await http.Request.ReadFormAsync(ct); // read and buffered already by the binding
        var returnUrl = ReturnUrls.LocalOrNull(form.ReturnUrl);
        IResult Fail(string message, int status) =>
            new RazorComponentResult<LoginPage>(new { Error = message, form.Email, ReturnUrl = returnUrl }) { StatusCode = status };

        // A repeated field could be read one way here and another way by the rate limit: refused.
        if (fields["Email"].Count > 1 || fields["Password"].Count > 1 || fields["ReturnUrl"].Count > 1)
            return Fail("Die Anfrage konnte nicht bearbeitet werden.", StatusCodes.Status400BadRequest);
        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password))
            return Fail("Bitte E-Mail-Adresse und Passwort eingeben.", StatusCodes.Status400BadRequest);
        // The same key as the per-e-mail rate limit and the stored login; an ambiguous form is no login's address.
        if (LoginEmail.Normalise(fields["Email"]) is not { } key)
            return Fail("Diese E-Mail-Adresse enthält unzulässige Zeichen.", StatusCodes.Status400BadRequest);

        var dummyHash = dummy.Get(users.PasswordHasher);
        var user = await session.Query<PortalUser>().FirstOrDefaultAsync(u => u.NormalizedEmail == key, ct);
        bool passwordMatches;
        if (user?.PasswordHash is not null) passwordMatches = await users.CheckPasswordAsync(user, form.Password);
        else
        {
            users.PasswordHasher.VerifyHashedPassword(DummyPasswordHash.Nobody, dummyHash, form.Password);
            passwordMatches = false;
        }

        if (!passwordMatches)
        {
            var count = await failures.RegisterAsync(key, user?.Id, LoginSessions.NewStamp(), ct);
            if (count.EndedSessions) sessions.Forget(user!.Id);
            return count.Locked ? Fail(LockedOut, StatusCodes.Status403Forbidden) : Fail(WrongCredentials, StatusCodes.Status401Unauthorized);
        }
        if (await failures.ClearUnlessLockedAsync(key, ct)) return Fail(LockedOut, StatusCodes.Status403Forbidden);

        var stamp = string.IsNullOrEmpty(user!.SecurityStamp) ? await sessions.EndAllAsync(user.Id, ct) : user.SecurityStamp;
        var partnerName = user.PartnerId is null ? null : (await session.LoadAsync<Partner>(user.PartnerId, ct))?.Name;
        var principal = PrincipalFor(user, partnerName, stamp);
        await http.SignInAsync(AuthSchemes.Cookie, principal);
        return Results.Redirect(returnUrl ?? Home(navigation, new Caller(principal)));
    }

    internal static ClaimsPrincipal PrincipalFor(PortalUser user, string? partnerName, string securityStamp)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Role, user.Role),
            new(Caller.ActorClaim, "user:" + user.Id),
            new(ILoginSessions.StampClaim, securityStamp),
        };
        if (user.PartnerId is not null)
        {
            claims.Add(new Claim(Caller.PartnerClaim, user.PartnerId));
            if (partnerName is not null) claims.Add(new Claim(Caller.PartnerNameClaim, partnerName));
        }
        var scopes = user.Role == Roles.BackOffice ? Scopes.All : Scopes.PartnerUser;
        claims.AddRange(scopes.Select(s => new Claim(Caller.ScopeClaim, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemes.Cookie));
    }
}

/// <summary>A password hash of the same cost as a login's, for addresses no login has: verifying against it takes as long
/// as a wrong password for a real login. Made once per host, on the first sign-in attempt of any kind.</summary>
internal sealed class DummyPasswordHash
{
    public static readonly PortalUser Nobody = new() { Id = "nobody" };

    private string? _hash;

    public string Get(IPasswordHasher<PortalUser> hasher) =>
        LazyInitializer.EnsureInitialized(ref _hash, () => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));
}
