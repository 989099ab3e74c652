using Microsoft.Playwright;
using PartnerPortal.TestSupport;

[assembly: AssemblyFixture(typeof(PartnerPortal.DemoTests.DemoHost))]
// One browser, one host: the journeys run one after another.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace PartnerPortal.DemoTests;

/// <summary>
/// The real host on Kestrel over a throwaway PostgreSQL cluster with what a first `dotnet run` seeds: the demo partners
/// and logins and the showcase (a year of responses, plans, statements, coaching, WKZ, follow-up cases; ADR 0043), and
/// one headless Debian Chromium. Nothing else is written before the journeys start.
/// </summary>
public sealed class DemoHost : PortalTestHost, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public static readonly (string Email, string Password) PartnerLogin = ("partner@demo.partnerportal.test", "Partner-Demo-2023");
    public static readonly (string Email, string Password) BackOfficeLogin = ("backoffice@demo.partnerportal.test", "Backoffice-Demo-2023");

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"The demo journeys need Debian's Chromium at {ChromiumPath}: apt-get install chromium (scripts/test.sh installs it).");
        // What the embedded default switches on by itself (DatabaseSetup); a test host has to ask for it.
        Environment.SetEnvironmentVariable("PartnerPortal__DemoData__Showcase", "true");
        Start(kestrel: true, seedDemoData: true);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = ["--no-sandbox"], Headless = true });
        Assertions.SetDefaultExpectTimeout(45_000); // two shared cores beside the other test assemblies
    }

    /// <summary>A fresh German browser context in Berlin at 1280 px, or at a plain 390-px viewport (no IsMobile zoom-out:
    /// ADR 0037).</summary>
    public async Task<IPage> OpenAsync(bool phone)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress!.ToString(),
            Locale = "de-DE",
            TimezoneId = "Europe/Berlin",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            HasTouch = phone,
        });
        context.SetDefaultTimeout(90_000);
        return await context.NewPageAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
