using Microsoft.AspNetCore.Authentication.Cookies;
using PartnerPortal.BuildingBlocks.Security;

namespace PartnerPortal.Host.Security;

internal static class AuthSetup
{
    /// <summary>Login cookie for pages, <c>X-Api-Key</c> for tools, scope policies, and the <see cref="Caller"/>.</summary>
    public static void AddPortalAuth(this IServiceCollection services)
    {
        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "API key or login cookie", o =>
                o.ForwardDefaultSelector = ctx => ctx.Request.Headers.ContainsKey("X-Api-Key") ? AuthSchemes.ApiKey : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "PartnerPortal.Login";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/";
                o.ReturnUrlParameter = "returnUrl";
                o.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = ctx => IsApi(ctx.Request) ? Status(ctx.Response, 401) : Redirect(ctx),
                    OnRedirectToAccessDenied = ctx => Status(ctx.Response, 403),
                };
            });
        services.AddAuthorizationBuilder().AddScopePolicies();
        services.AddHttpContextAccessor();
        services.AddScoped(sp => new Caller(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new()));
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
