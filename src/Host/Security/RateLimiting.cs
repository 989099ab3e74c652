using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.Host.Security;

/// <summary>One fixed-window limit: <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
internal sealed class RateLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }
}

/// <summary><c>PartnerPortal:RateLimits</c>. Limits are per host: N hosts behind a load balancer allow up to N times
/// as much in total (see docs/operations.md).</summary>
internal sealed class RateLimitSettings
{
    public const string Section = "PartnerPortal:RateLimits";

    /// <summary>Sign-in attempts (<c>POST /login</c>) per client IP address (IPv6: per /64 network).</summary>
    public RateLimit LoginPerIp { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Sign-in attempts per e-mail address, from any address: slows down guessing spread over many IPs.</summary>
    public RateLimit LoginPerEmail { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Requests per API key (partitioned by the key's id, never by the secret).</summary>
    public RateLimit ApiKey { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    public static RateLimitSettings From(IConfiguration configuration)
    {
        var settings = new RateLimitSettings();
        configuration.GetSection(Section).Bind(settings);
        foreach (var (name, limit) in new[] { ("LoginPerIp", settings.LoginPerIp), ("LoginPerEmail", settings.LoginPerEmail), ("ApiKey", settings.ApiKey) })
        {
            if (limit.PermitLimit < 1 || limit.Window <= TimeSpan.Zero)
                throw new InvalidOperationException($"{Section}:{name} needs PermitLimit ≥ 1 and a positive Window (e.g. 00:01:00).");
        }
        return settings;
    }
}

/// <summary>
/// Built-in ASP.NET Core rate limiting: sign-in per client IP and per e-mail address, API calls per key. A refused
/// request is 429 problem details with <c>Retry-After</c>. The limiter runs after authentication, so it knows the
/// key's id; sign-in needs the e-mail from the form, which <see cref="UsePortalRateLimiting"/> reads first. See ADR 0013.
/// </summary>
internal static class RateLimiting
{
    private const string LoginEmailItem = "PartnerPortal.RateLimiting.LoginEmail";

    public static void AddPortalRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = RateLimitSettings.From(configuration);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                    IsSignIn(ctx.Request) ? Fixed("login-ip:" + ClientNetwork(ctx), settings.LoginPerIp) : Unlimited),
                PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                    IsSignIn(ctx.Request) && ctx.Items[LoginEmailItem] is string email ? Fixed("login-email:" + email, settings.LoginPerEmail) : Unlimited),
                PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                    ApiKeyId(ctx.User) is { } keyId ? Fixed("key:" + keyId, settings.ApiKey) : Unlimited));
            o.OnRejected = RejectAsync;
        });
    }

    /// <summary>After authentication: reads the sign-in form's e-mail (the form is buffered, so the endpoint reads
    /// it again), then applies the limits.</summary>
    public static void UsePortalRateLimiting(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (IsSignIn(context.Request) && context.Request.HasFormContentType)
            {
                try
                {
                    // The key the sign-in itself uses (LoginEmail, ADR 0027). A repeated or ambiguous Email field has none:
                    // the endpoint refuses it with 400 before any password check, and the per-IP limit counts it.
                    var form = await context.Request.ReadFormAsync(context.RequestAborted);
                    if (LoginEmail.Normalise(form["Email"]) is { } key) context.Items[LoginEmailItem] = Hash(key);
                }
                catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
                {
                    // An unreadable form is the endpoint's 400; the per-IP limit still counts it.
                }
            }
            await next(context);
        });
        app.UseRateLimiter();
    }

    private static readonly RateLimitPartition<string> Unlimited = RateLimitPartition.GetNoLimiter("unlimited");

    private static RateLimitPartition<string> Fixed(string key, RateLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase);

    /// <summary>The key's id (<c>key:{id}</c> partitions); null for cookies and for requests without a valid key.</summary>
    private static string? ApiKeyId(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: AuthSchemes.ApiKey } ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>The client's address (after the forwarded-headers middleware); IPv6 clients by their /64 network,
    /// since one client usually holds a whole /64.</summary>
    private static string ClientNetwork(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (PortalPages.WantsPage(http.Request))
        {
            // A person at the login form gets a page that says what happened and when to try again, not raw JSON.
            await PortalPages.Page<StatusPage>(new { Status = StatusCodes.Status429TooManyRequests, RetryAfterSeconds = seconds })
                .ExecuteAsync(http);
            return;
        }
        await TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests.",
                detail: $"The rate limit was reached; try again in {seconds} seconds.")
            .ExecuteAsync(http);
    }
}
