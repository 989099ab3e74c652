using Microsoft.Playwright;
using PartnerPortal.TestSupport;

[assembly: AssemblyFixture(typeof(PartnerPortal.UiTests.Infrastructure.UiHost))]
// One browser, one host, one Hangfire server: the journeys run one after another.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace PartnerPortal.UiTests.Infrastructure;

/// <summary>
/// The real host on Kestrel (a free loopback port) over a throwaway PostgreSQL cluster, with the demo partners and
/// logins and the journeys' data (<see cref="UiData"/>), and one headless Debian Chromium driven by Playwright.
/// Nothing is downloaded: Playwright's driver ships in its NuGet package, the browser is the machine's.
/// </summary>
public sealed class UiHost : PortalTestHost, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public UiData Data { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"The UI tests need Debian's Chromium at {ChromiumPath}: apt-get install chromium (.ci/run installs it).");
        Start(kestrel: true, seedDemoData: true);
        Data = await UiData.SeedAsync(this);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = ["--no-sandbox"], Headless = true });
        // A shared 2-core machine: give pages and assertions room before they count as failed.
        Assertions.SetDefaultExpectTimeout(45_000); // CI runs the UI tests beside the integration tests on 2 cores
    }

    /// <summary>A fresh browser context (no cookies), German and in Berlin like a partner's browser: 1280 px wide, a phone
    /// (390 px, touch), or a plain browser <paramref name="width"/> px wide. Never Playwright's IsMobile: that zooms out to
    /// fit wide content, so a page wider than the screen would still report scrollWidth &lt;= innerWidth and the layout
    /// checks could never fail (ADR 0037).</summary>
    public async Task<BrowserSession> OpenAsync(bool phone = false, int? width = null)
    {
        var w = width ?? (phone ? 390 : 1280);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress!.ToString(),
            Locale = "de-DE",
            TimezoneId = "Europe/Berlin",
            ViewportSize = new ViewportSize { Width = w, Height = w <= 390 ? 844 : 900 },
            IsMobile = false,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(90_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>One browser context and its page; disposing closes both.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context => context;

    public IPage Page => page;

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
