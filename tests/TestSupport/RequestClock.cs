using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PartnerPortal.TestSupport;

/// <summary>
/// The host's clock under test (registered by <see cref="PortalTestHost"/>, never by the host itself): the real time,
/// unless the request carries <see cref="Header"/> with an ISO 8601 instant; then that instant is "now" for everything
/// that request does. Per request, so tests that set it run beside tests that do not; work outside a request (jobs) keeps
/// the real time. Used for rules that depend on the date, e.g. the appeal window (ADR 0032).
/// </summary>
public sealed class RequestClock(IHttpContextAccessor http) : TimeProvider
{
    public const string Header = "X-Test-Now";

    public override DateTimeOffset GetUtcNow() =>
        http.HttpContext?.Request.Headers[Header] is { Count: > 0 } values
        && DateTimeOffset.TryParse(values[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out var now)
            ? now.ToUniversalTime()
            : base.GetUtcNow();

    /// <summary>The header's value for <paramref name="now"/>.</summary>
    public static string Format(DateTimeOffset now) => now.ToString("O", CultureInfo.InvariantCulture);
}
