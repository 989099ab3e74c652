using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.Host.Security;

internal static class AuthSetup
{
    public const string LoginCookie = "PartnerPortal.Login";
    public const string AntiforgeryCookie = "PartnerPortal.Antiforgery";

    /// <summary>Login cookie for pages, <c>X-Api-Key</c> for tools, scope policies, and the <see cref="Caller"/>.
    /// Both cookies are HttpOnly; see <see cref="CookieSecurity"/> for their Secure flag.</summary>
    public static void AddPortalAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, bool embeddedDatabase)
    {
        var securePolicy = CookieSecurity.Policy(configuration, environment, embeddedDatabase);
        services.AddSingleton(new CookieSecurity.Effective(securePolicy));
        services.AddPortalDataProtection();
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = securePolicy;
            o.SuppressXFrameOptionsHeader = true; // SecurityHeaders sends DENY on every response
        });
        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "API key or login cookie", o =>
                o.ForwardDefaultSelector = ctx => ctx.Request.Headers.ContainsKey("X-Api-Key") ? AuthSchemes.ApiKey : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = LoginCookie;
                o.Cookie.HttpOnly = true;
                // Lax, not Strict: a link into the portal from an e-mail must arrive signed in. Cross-site form posts
                // carry no login cookie under Lax, and every form checks an antiforgery token besides.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = securePolicy;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/";
                o.ReturnUrlParameter = "returnUrl";
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = ValidateSessionAsync,
                    OnRedirectToLogin = ctx => IsApi(ctx.Request) ? Status(ctx.Response, 401) : RedirectToLogin(ctx),
                    OnRedirectToAccessDenied = ctx => Status(ctx.Response, 403),
                };
            });
        services.AddAuthorizationBuilder().AddScopePolicies();
        services.AddSingleton<BackOfficeScopes>();
        services.AddHttpContextAccessor();
        services.AddScoped(sp => new Caller(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new()));
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>Every request with a login cookie: is its session still open (the user's security stamp unchanged since
    /// sign-in, ADR 0027)? If not, the cookie is refused and deleted, and the request goes on as anonymous: a page
    /// redirects to the login, the API answers 401. API-key requests never get here.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext ctx)
    {
        var sessions = ctx.HttpContext.RequestServices.GetRequiredService<ILoginSessions>();
        if (ctx.Principal is not null && await sessions.IsCurrentAsync(ctx.Principal, ctx.HttpContext.RequestAborted)) return;
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(AuthSchemes.Cookie);
    }

    /// <summary>To the login page with the page asked for as <c>returnUrl</c>, if it is a plain local path
    /// (<see cref="ReturnUrls"/>), else to the login page alone.</summary>
    private static Task RedirectToLogin(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx)
    {
        var request = ctx.Request;
        var back = ReturnUrls.LocalOrNull((request.PathBase + request.Path).ToUriComponent() + request.QueryString.ToUriComponent());
        ctx.Response.Redirect(back is null ? "/" : "/?returnUrl=" + Uri.EscapeDataString(back));
        return Task.CompletedTask;
    }
}

/// <summary>
/// The Secure flag of the login and antiforgery cookies: <c>PartnerPortal:Security:CookieSecurePolicy</c>
/// (<c>Always</c> or <c>SameAsRequest</c>). Default <c>Always</c>: in production the host sits behind TLS (often
/// terminated at a load balancer, where the host itself sees plain HTTP), and a cookie must never travel unencrypted.
/// <c>SameAsRequest</c> is the default only where plain HTTP is expected: the Development and Testing environments
/// and the embedded database (the local demo run of the README, <c>http://localhost:5000</c>).
/// </summary>
internal static class CookieSecurity
{
    public const string Setting = "PartnerPortal:Security:CookieSecurePolicy";

    /// <summary>The policy this host runs with (for <see cref="PlainHttpGuard"/>).</summary>
    public sealed record Effective(CookieSecurePolicy Policy);

    public static CookieSecurePolicy Policy(IConfiguration configuration, IHostEnvironment environment, bool embeddedDatabase)
    {
        var configured = configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
            return environment.IsDevelopment() || environment.IsEnvironment("Testing") || embeddedDatabase
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
        return configured.Trim() switch
        {
            "Always" => CookieSecurePolicy.Always,
            "SameAsRequest" => CookieSecurePolicy.SameAsRequest,
            _ => throw new InvalidOperationException($"{Setting} must be 'Always' or 'SameAsRequest', not '{configured}'."),
        };
    }
}
