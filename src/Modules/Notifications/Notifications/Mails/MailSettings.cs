using Microsoft.Extensions.Configuration;

namespace PartnerPortal.Notifications.Mails;

/// <summary>
/// The operator's mail configuration (API.md; docs/operations-notifications.md): the SMTP server
/// (<c>PartnerPortal:Mail:Smtp:Host</c>, <c>:Port</c>, <c>:UserName</c>, <c>:Password</c>, <c>:UseTls</c>), the sender
/// (<c>PartnerPortal:Mail:From</c>), the portal's address for links in mails (<c>PartnerPortal:PublicBaseUrl</c>) and the
/// retry schedule (<c>PartnerPortal:Mail:RetryDelay</c>, doubled per failed attempt up to <c>:MaxRetryDelay</c>;
/// <c>:MaxAttempts</c>). No host: the outbox is kept and nothing is sent.
/// </summary>
internal sealed record MailSettings(
    string? SmtpHost,
    int SmtpPort,
    string? UserName,
    string? Password,
    bool UseTls,
    string From,
    Uri PublicBaseUrl,
    TimeSpan RetryDelay,
    TimeSpan MaxRetryDelay,
    int MaxAttempts)
{
    public const string DefaultFrom = "PartnerPortal <no-reply@partnerportal.invalid>";

    public bool SmtpConfigured => !string.IsNullOrWhiteSpace(SmtpHost);

    /// <summary>Reads the settings; a malformed value stops the start with a message naming it.</summary>
    public static MailSettings Read(IConfiguration configuration)
    {
        var mail = configuration.GetSection("PartnerPortal:Mail");
        var useTls = mail.GetValue("Smtp:UseTls", false);
        var baseUrl = configuration["PartnerPortal:PublicBaseUrl"] ?? "http://localhost:5000";
        if (!Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var publicBase) || publicBase.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"PartnerPortal:PublicBaseUrl must be an absolute http(s) address, not '{baseUrl}'.");
        var from = mail["From"] ?? DefaultFrom;
        if (!MimeKit.MailboxAddress.TryParse(from, out _))
            throw new InvalidOperationException($"PartnerPortal:Mail:From must be a mail address, not '{from}'.");
        var settings = new MailSettings(
            mail["Smtp:Host"], mail.GetValue("Smtp:Port", useTls ? 465 : 25), mail["Smtp:UserName"], mail["Smtp:Password"], useTls, from, publicBase,
            mail.GetValue("RetryDelay", TimeSpan.FromMinutes(1)), mail.GetValue("MaxRetryDelay", TimeSpan.FromHours(2)), mail.GetValue("MaxAttempts", 12));
        if (settings.SmtpPort is < 1 or > 65535) throw new InvalidOperationException("PartnerPortal:Mail:Smtp:Port must lie between 1 and 65535.");
        if (settings.MaxAttempts < 1) throw new InvalidOperationException("PartnerPortal:Mail:MaxAttempts must be at least 1.");
        if (settings.RetryDelay <= TimeSpan.Zero || settings.MaxRetryDelay < settings.RetryDelay)
            throw new InvalidOperationException("PartnerPortal:Mail:RetryDelay must be positive and at most PartnerPortal:Mail:MaxRetryDelay.");
        return settings;
    }

    /// <summary>When a message that has failed <paramref name="attempts"/> times is tried again: the delay doubles per
    /// attempt (1, 2, 4, … minutes by default), capped.</summary>
    public TimeSpan BackoffAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = RetryDelay.TotalMilliseconds * factor;
        return delay >= MaxRetryDelay.TotalMilliseconds ? MaxRetryDelay : TimeSpan.FromMilliseconds(delay);
    }

    /// <summary>The absolute address of a portal page (<paramref name="path"/> starts with a slash).</summary>
    public string Link(string path) => new Uri(PublicBaseUrl, path.TrimStart('/')).AbsoluteUri;
}
