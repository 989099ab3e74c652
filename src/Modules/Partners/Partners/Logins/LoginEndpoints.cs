using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPortal.Partners.Pages;
using PartnerPortal.Partners.Directory;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Partners.Logins;

public sealed class LoginForm
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}

/// <summary>The login page at <c>/</c>, sign-in with Identity's password check and lockout, sign-out.</summary>
internal static class LoginEndpoints
{
    public static void Map(IEndpointRouteBuilder pages)
    {
        pages.MapGet("/", (HttpContext http, string? returnUrl, PortalNavigation navigation) =>
            http.GetCaller().IsAuthenticated
                ? Results.Redirect(Home(navigation, http.GetCaller()))
                : PortalPages.Page<LoginPage>(new { ReturnUrl = LocalOrNull(returnUrl) }))
            .AllowAnonymous();
        pages.MapPost("/login", SignIn).AllowAnonymous();
        pages.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            // The form carries no data to bind, so the token is checked here rather than by form binding.
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The antiforgery token is missing or invalid.");
            await http.SignOutAsync(AuthSchemes.Cookie);
            return Results.Redirect("/");
        }).AllowAnonymous();
    }

    /// <summary>The first area the caller may open (the Übersicht, unless its module is switched off).</summary>
    private static string Home(PortalNavigation navigation, Caller caller) => navigation.For(caller).FirstOrDefault()?.Href ?? "/";

    private static async Task<IResult> SignIn([FromForm] LoginForm form, HttpContext http, UserManager<PortalUser> users, IQuerySession session,
        PortalNavigation navigation)
    {
        var returnUrl = LocalOrNull(form.ReturnUrl);
        IResult Fail(string message, int status) =>
            new RazorComponentResult<LoginPage>(new { Error = message, form.Email, ReturnUrl = returnUrl }) { StatusCode = status };

        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password))
            return Fail("Bitte E-Mail-Adresse und Passwort eingeben.", StatusCodes.Status400BadRequest);
        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is null) return Fail("E-Mail-Adresse oder Passwort ist falsch.", StatusCodes.Status401Unauthorized);
        if (await users.IsLockedOutAsync(user))
            return Fail("Das Konto ist nach zu vielen Fehlversuchen vorübergehend gesperrt. Bitte versuchen Sie es später erneut.", StatusCodes.Status403Forbidden);
        if (!await users.CheckPasswordAsync(user, form.Password))
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user)
                ? Fail("Das Konto ist nach zu vielen Fehlversuchen vorübergehend gesperrt. Bitte versuchen Sie es später erneut.", StatusCodes.Status403Forbidden)
                : Fail("E-Mail-Adresse oder Passwort ist falsch.", StatusCodes.Status401Unauthorized);
        }
        await users.ResetAccessFailedCountAsync(user);

        var partnerName = user.PartnerId is null ? null : (await session.LoadAsync<Partner>(user.PartnerId, http.RequestAborted))?.Name;
        var principal = PrincipalFor(user, partnerName);
        await http.SignInAsync(AuthSchemes.Cookie, principal);
        return Results.Redirect(returnUrl ?? Home(navigation, new Caller(principal)));
    }

    internal static ClaimsPrincipal PrincipalFor(PortalUser user, string? partnerName)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Role, user.Role),
            new(Caller.ActorClaim, "user:" + user.Id),
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

    /// <summary>Only same-site paths: no open redirects.</summary>
    internal static string? LocalOrNull(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : null;
}
