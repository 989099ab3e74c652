namespace PartnerPortal.Host.Security;

/// <summary>
/// Security headers on every response (pages, API, static files, errors, the dashboard): a Content-Security-Policy
/// without inline script, <c>frame-ancestors 'none'</c> with <c>X-Frame-Options: DENY</c>, <c>nosniff</c> and a
/// Referrer-Policy. They are added when the response starts, so answers written by the exception handler (which
/// clears the headers) carry them too. See ADR 0014.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The portal's own pages: scripts, styles, fonts and images from the host only; no inline script or
    /// style, no plugins, no framing, forms post to the host only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The Hangfire dashboard writes <c>style="…"</c> attributes (state colours) and its charts add style
    /// elements, so it may use inline styles; its scripts are files (<c>/hangfire/js…</c>), and stay <c>'self'</c>.</summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Swagger UI: its configuration is a file (<c>index.js</c>) and its bundle a file, so scripts stay
    /// <c>'self'</c>; React and the syntax highlighter set inline styles, and the UI's icons are <c>data:</c> images.</summary>
    public const string SwaggerContentSecurityPolicy = DashboardContentSecurityPolicy;

    public const string ReferrerPolicy = "same-origin";

    public static void UseSecurityHeaders(this WebApplication app, string dashboardPath, string swaggerPath) =>
        app.Use((context, next) =>
        {
            var response = context.Response;
            var path = context.Request.Path;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.ContentSecurityPolicy =
                    path.StartsWithSegments(dashboardPath) ? DashboardContentSecurityPolicy
                    : path.StartsWithSegments(swaggerPath) ? SwaggerContentSecurityPolicy
                    : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = ReferrerPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
