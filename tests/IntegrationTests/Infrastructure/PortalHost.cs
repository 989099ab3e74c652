using System.Globalization;
using PartnerPortal.TestSupport;

[assembly: AssemblyFixture(typeof(PartnerPortal.IntegrationTests.Infrastructure.PortalHost))]

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// One real host for the whole test assembly (Hangfire keeps global state), on a throwaway PostgreSQL cluster
/// started with the host's own launcher, in memory (the test server), without demo data. Tests isolate themselves
/// by using fresh ids (<see cref="PortalTestHost.NewId"/>). The shared parts live in <c>tests/TestSupport</c>.
/// The host sends its mails to <see cref="Smtp"/>, a real SMTP server in this process started before it, and retries a
/// failed mail after a second or two instead of minutes (the mail tests take the server down and bring it back).
/// </summary>
public sealed class PortalHost : PortalTestHost, IAsyncLifetime
{
    public const string PublicBaseUrl = "https://portal.example.test";

    public TestSmtpServer Smtp { get; } = new();

    /// <summary>How many partners a page's picker lists on this host (PartnerPortal:Pages:PartnerPickerMax).</summary>
    public const int PartnerPickerMax = 5;

    public ValueTask InitializeAsync()
    {
        Smtp.Start();
        Environment.SetEnvironmentVariable("PartnerPortal__Mail__Smtp__Host", "127.0.0.1");
        Environment.SetEnvironmentVariable("PartnerPortal__Mail__Smtp__Port", Smtp.Port.ToString(CultureInfo.InvariantCulture));
        Environment.SetEnvironmentVariable("PartnerPortal__Mail__From", "PartnerPortal Tests <portal@example.test>");
        Environment.SetEnvironmentVariable("PartnerPortal__Mail__RetryDelay", "00:00:01");
        Environment.SetEnvironmentVariable("PartnerPortal__Mail__MaxRetryDelay", "00:00:02");
        Environment.SetEnvironmentVariable("PartnerPortal__PublicBaseUrl", PublicBaseUrl);
        // Back office's partner pickers list this few here, so the host soon has more partners than a picker lists and the
        // pages take a typed id (PartnerPickerTests); the UI tests keep the default and use the select.
        Environment.SetEnvironmentVariable("PartnerPortal__Pages__PartnerPickerMax", PartnerPickerMax.ToString(CultureInfo.InvariantCulture));
        Start();
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
