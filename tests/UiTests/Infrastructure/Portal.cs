using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Infrastructure;

/// <summary>What a person does on every journey: sign in through the form, use the navigation, sign out.</summary>
public static partial class Portal
{
    public static async Task SignInAsync(IPage page, (string Email, string Password) login, string landsOn)
    {
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("E-Mail-Adresse").FillAsync(login.Email);
        await page.GetByLabel("Passwort").FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == landsOn);
    }

    /// <summary>
    /// Waits until the page's address matches (a Playwright-style glob: <c>**</c> anything, <c>*</c> anything but '/'),
    /// by polling <see cref="IPage.Url"/>, which changes when a navigation commits. Not <c>WaitForURLAsync</c>: once the
    /// address matches it waits for the load event, and on CI's two shared cores that event of a page whose network was
    /// idle twice never came (90 s timeouts in the sign-in). What the page shows is asserted next, with auto-waiting.
    /// </summary>
    public static Task WaitForAddressAsync(IPage page, string glob)
    {
        var pattern = new Regex("^" + Regex.Escape(glob).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*") + "$");
        return WaitForAddressAsync(page, pattern.IsMatch, glob);
    }

    public static async Task WaitForAddressAsync(IPage page, Func<string, bool> matches, string? what = null)
    {
        var deadline = DateTime.UtcNow + AddressTimeout;
        while (!matches(page.Url))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The address stayed {page.Url}, not {what ?? "the one expected"}, for {AddressTimeout}.");
            await Task.Delay(50); // polling the address: the navigation's own events are what proved unreliable
        }
    }

    private static readonly TimeSpan AddressTimeout = TimeSpan.FromSeconds(90);

    public static Task NavigateAsync(IPage page, string entry) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();

    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == "/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Reloads the page until <paramref name="locator"/> shows, for what the server finishes in the background.</summary>
    public static async Task ReloadUntilVisibleAsync(IPage page, ILocator locator, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await locator.IsVisibleAsync())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not visible on {page.Url} within {timeout}: {locator}");
            await page.WaitForTimeoutAsync(250); // the poll's interval, so the loop does not hammer the host
            await page.ReloadAsync();
        }
    }

    /// <summary>Whether the page fits its viewport (nothing scrolls sideways), and if not the outermost elements that stick
    /// out on the right outside any box that scrolls on its own, for the failure message.</summary>
    public static async Task<(bool Fits, string Culprits)> FitsAsync(IPage page)
    {
        var result = await page.EvaluateAsync<string[]>("""
            () => {
              const width = window.innerWidth;
              if (document.documentElement.scrollWidth <= width) return [];
              const scrollsItself = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
                if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true; return false; };
              return [document.body, ...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > width + 0.5 && !scrollsItself(e))
                .slice(0, 6)
                .map(e => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''}`
                  + ` right=${Math.round(e.getBoundingClientRect().right)}`)
                .concat([`scrollWidth=${document.documentElement.scrollWidth}`])
                .concat([...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 0.5).slice(0, 8)
                  .map(e => `[${e.tagName} ${e.className} r=${Math.round(e.getBoundingClientRect().right)} ox=${getComputedStyle(e).overflowX} d=${getComputedStyle(e).display} pos=${getComputedStyle(e).position}]`));
            }
            """);
        return (result.Length == 0, string.Join(", ", result));
    }

    /// <summary>Fails when <paramref name="locator"/> lies (partly) outside the viewport's width as the page is shown, e.g.
    /// beyond a table's own sideways scroll, where a person on a phone would not find it (a click by the test would scroll it in).</summary>
    public static async Task AssertReachableAsync(IPage page, ILocator locator, string what)
    {
        var box = await locator.BoundingBoxAsync();
        Assert.NotNull(box);
        var width = page.ViewportSize!.Width;
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"{what} lies at x {box.X:0}–{box.X + box.Width:0}, outside the {width}-px viewport.");
    }

    /// <summary>Fails, naming what sticks out, when <paramref name="what"/> scrolls sideways at the page's width.</summary>
    public static async Task AssertFitsAsync(IPage page, string what)
    {
        var (fits, culprits) = await FitsAsync(page);
        Assert.True(fits, $"{what} scrolls sideways at {page.ViewportSize?.Width} px: {culprits}");
    }

    /// <summary>The tables that need their own sideways scroll at the page's width, each named with its widths (ADR 0054): on a
    /// phone every table reads as labelled rows or fits, so no figure, amount or badge is cut off at the table's edge.</summary>
    public static Task<string[]> WideTablesAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('main table.data, main .table-wrap')]
          .filter(e => e.scrollWidth > e.clientWidth + 1)
          .map(e => { const t = e.matches('table') ? e : e.querySelector('table');
            const widest = [...(t?.querySelectorAll('tbody td, tbody th') ?? [])].sort((a, b) => b.getBoundingClientRect().width - a.getBoundingClientRect().width)[0];
            return `${t?.dataset.testid ?? t?.closest('section')?.querySelector('h2')?.textContent?.trim() ?? e.className}: ${e.scrollWidth} px in ${e.clientWidth}`
              + (widest ? ` (widest cell ${Math.round(widest.getBoundingClientRect().width)} px: "${widest.textContent.trim().slice(0, 60)}")` : ''); })
        """);

    /// <summary>Fails, naming them, when tables of <paramref name="what"/> scroll sideways (<see cref="WideTablesAsync"/>).</summary>
    public static async Task AssertTablesFitAsync(IPage page, string what)
    {
        var wide = await WideTablesAsync(page);
        Assert.True(wide.Length == 0, $"{what} has tables that scroll sideways at {page.ViewportSize?.Width} px: {string.Join("; ", wide)}");
    }

    public static ILocator MainHeading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>A figure in German format: one decimal after a comma (45,2; -3,0).</summary>
    [GeneratedRegex(@"^-?\d{1,3},\d$")]
    public static partial Regex GermanScore();

    /// <summary>Money in German format: 1.234,56 €.</summary>
    [GeneratedRegex(@"^-?\d{1,3}(\.\d{3})*,\d{2} €$")]
    public static partial Regex GermanMoney();
}
