using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace PartnerPortal.Host.Security;

/// <summary>
/// Secure-only cookies (<see cref="CookieSecurity"/> answers <c>Always</c>) and a request over plain HTTP: the
/// antiforgery cookie cannot be set, and without this guard every page with a form answered 500. Instead, outside the
/// API and the health checks: a redirect to HTTPS when the host knows its HTTPS address (<c>https_port</c> /
/// <c>ASPNETCORE_HTTPS_PORT</c>, or an <c>https://</c> URL it listens on), otherwise a short German/English page naming
/// the setting that allows plain HTTP. The API (API keys, no cookies) keeps answering over plain HTTP as before.
/// At start-up a warning says the same when no HTTPS address is known. See ADR 0036.
/// </summary>
internal static class PlainHttpGuard
{
    public static void UsePlainHttpGuard(this WebApplication app)
    {
        if (app.Services.GetRequiredService<CookieSecurity.Effective>().Policy != CookieSecurePolicy.Always) return;

        app.UseWhen(context => !context.Request.IsHttps && Guarded(context.Request.Path), branch =>
        {
            branch.UseHttpsRedirection(); // redirects when it can find the HTTPS port, passes the request on when not
            branch.Run(WritePageAsync);
        });
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (HttpsAddressKnown(app)) return;
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PlainHttpGuard)).LogWarning(
                "Cookies are Secure-only ({Setting} = Always) and the host knows no HTTPS address (https_port or an https:// URL): " +
                "pages requested over plain HTTP answer a page asking for HTTPS. Run behind TLS (a proxy sending X-Forwarded-Proto: https), " +
                "set https_port, or set {Setting} = SameAsRequest for a plain-HTTP test run.", CookieSecurity.Setting, CookieSecurity.Setting);
        });
    }

    /// <summary>Pages, forms and the dashboard: everything that sets or needs a cookie. The API and health checks are
    /// cookie-free and stay reachable over plain HTTP.</summary>
    private static bool Guarded(PathString path) => !path.StartsWithSegments("/api") && !path.StartsWithSegments("/health");

    private static bool HttpsAddressKnown(WebApplication app)
    {
        if (!string.IsNullOrWhiteSpace(app.Configuration["https_port"]) || !string.IsNullOrWhiteSpace(app.Configuration["HTTPS_PORT"])) return true;
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Any(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
    }

    private static Task WritePageAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "text/html; charset=utf-8";
        var setting = WebUtility.HtmlEncode(CookieSecurity.Setting);
        return response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="de">
            <head><meta charset="utf-8"><title>HTTPS erforderlich · HTTPS required</title></head>
            <body>
            <main>
            <h1>HTTPS erforderlich</h1>
            <p>Das Partnerportal setzt seine Anmelde-Cookies nur über HTTPS. Bitte öffnen Sie die Seite über <strong>https://</strong>.</p>
            <p>Für den Betrieb: Den Host hinter TLS betreiben (ein Proxy, der <code>X-Forwarded-Proto: https</code> sendet), die HTTPS-Adresse
            angeben (<code>https_port</code>), oder – nur für einen Testlauf über reines HTTP – <code>{{setting}}</code> auf <code>SameAsRequest</code> setzen.</p>
            <h1 lang="en">HTTPS required</h1>
            <p lang="en">The partner portal sets its sign-in cookies over HTTPS only. Please open the page through <strong>https://</strong>.</p>
            <p lang="en">For operators: run the host behind TLS (a proxy sending <code>X-Forwarded-Proto: https</code>), name its HTTPS address
            (<code>https_port</code>), or, for a plain-HTTP test run only, set <code>{{setting}}</code> to <code>SameAsRequest</code>.</p>
            </main>
            </body>
            </html>
            """, context.RequestAborted);
    }
}
