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
        // Wait for the navigation to commit, not for the load event: once, on CI's two shared cores, the load event
        // of the landing page never came although the network was idle; what the page shows is asserted next anyway.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == landsOn, new() { WaitUntil = WaitUntilState.Commit });
    }

    public static Task NavigateAsync(IPage page, string entry) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" }).GetByRole(AriaRole.Link, new() { Name = entry, Exact = true }).ClickAsync();

    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
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

    public static ILocator MainHeading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>A figure in German format: one decimal after a comma (45,2; -3,0).</summary>
    [GeneratedRegex(@"^-?\d{1,3},\d$")]
    public static partial Regex GermanScore();

    /// <summary>Money in German format: 1.234,56 €.</summary>
    [GeneratedRegex(@"^-?\d{1,3}(\.\d{3})*,\d{2} €$")]
    public static partial Regex GermanMoney();
}
