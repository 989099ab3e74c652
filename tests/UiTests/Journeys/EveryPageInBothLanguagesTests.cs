using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>
/// Every page of both roles, a refused form of each kind included, in English without a German word and in German without
/// an English one (ADR 0038). The words come from the text tables themselves: a German word of a table's key that no English
/// text uses, and the other way round; so a page text that skips the table, or a table entry without its English, shows up.
/// Data (names, comments, stored texts) is marked <c>translate="no"</c> on the pages and is not checked.
/// </summary>
public sealed partial class EveryPageInBothLanguagesTests(UiHost host)
{
    /// <summary>Names and abbreviations that are the same in both languages.</summary>
    private static readonly HashSet<string> SameInBoth = new(StringComparer.OrdinalIgnoreCase)
    {
        "PartnerPortal", "Perfect", "Pitch", "NPS", "WKZ", "Coaching", "Hotline", "Online", "Jobs", "Deutsch", "English",
    };

    [Fact]
    public async Task Every_page_of_both_roles_is_wholly_English_or_wholly_German()
    {
        var english = host.Services.GetRequiredService<PortalText.Tables>().English;
        var germanWords = Words(english.Keys).Except(Words(english.Values), StringComparer.OrdinalIgnoreCase).Except(SameInBoth, StringComparer.OrdinalIgnoreCase)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var englishWords = Words(english.Values).Except(Words(english.Keys), StringComparer.OrdinalIgnoreCase).Except(SameInBoth, StringComparer.OrdinalIgnoreCase)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Names are data, the same in both languages, also where a sentence or a heading carries them.
        var names = (await host.Services.GetRequiredService<PartnerPortal.Partners.Contracts.IPartnerDirectory>().ListAsync(1000, CancellationToken.None))
            .SelectMany(p => p.Shops.SelectMany(s => new[] { s.Name, s.City }).Prepend(p.Name)).OrderByDescending(n => n.Length).ToArray();
        Assert.Contains("Kundenstimmen", germanWords);
        Assert.Contains("Sign", englishWords);

        foreach (var language in new[] { "en", "de" })
        {
            var foreign = language == "en" ? germanWords : englishWords;
            var found = new List<string>();
            await VisitAllAsync(language, async (page, what) =>
            {
                var text = names.Aggregate(await VisibleTextAsync(page), (t, name) => t.Replace(name, " ", StringComparison.Ordinal));
                var hits = Words([text]).Where(foreign.Contains).Distinct().ToList();
                if (language == "en") hits.AddRange(Umlaut().Matches(text).Select(m => m.Value).Distinct());
                if (hits.Count > 0) found.Add($"{what} ({page.Url}): {string.Join(", ", hits)}");
            });
            Assert.True(found.Count == 0, $"In {language}, foreign words:\n" + string.Join("\n", found));
        }
    }

    /// <summary>Signs in as partner and as back office and visits every page, a refused form of each kind among them.</summary>
    private async Task VisitAllAsync(string language, Func<IPage, string, Task> check)
    {
        await using (var session = await host.OpenAsync())
        {
            var page = session.Page;
            await page.GotoAsync($"/sprache/{language}?returnUrl=/");
            await check(page, "login");
            await page.Locator("#email").FillAsync("nobody@example.com");
            await page.Locator("#password").FillAsync("wrong-password");
            await page.Locator("form[action='/login'] button[type=submit]").ClickAsync();
            await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
            await check(page, "login refused");
            await page.GotoAsync("/gibt-es-nicht");
            await check(page, "404");

            await SignInAsync(page, UiData.PartnerLogin, "/uebersicht");
            foreach (var path in new[] { "/uebersicht", "/kundenstimmen", "/einsprueche", "/provision", $"/provision?whatIf={UiData.WhatIfNps}", "/schulungen",
                         "/provision/freigabe", "/uebersicht?quarter=1999-Q1", "/einstellungen" })
            {
                await page.GotoAsync(path);
                await check(page, path);
            }

            // The booking form refused: a date in the past.
            await page.GotoAsync("/schulungen");
            await page.Locator("#date").FillAsync("2001-01-01");
            await page.Locator("form.booking-form button[type=submit]").ClickAsync();
            await Expect(page.Locator(".field-error")).Not.ToHaveCountAsync(0);
            await check(page, "booking refused");

            // The appeal form refused: no reason chosen.
            await page.GotoAsync("/kundenstimmen");
            var appeal = page.Locator("a[href$='/einspruch']").First;
            if (await appeal.CountAsync() > 0)
            {
                await appeal.ClickAsync();
                await page.WaitForURLAsync("**/einspruch");
                await check(page, "appeal form");
                await page.Locator("form.appeal-form button[type=submit]").ClickAsync();
                await Expect(page.Locator(".field-error")).Not.ToHaveCountAsync(0);
                await check(page, "appeal refused");
            }
        }

        await using (var session = await host.OpenAsync())
        {
            var page = session.Page;
            await page.GotoAsync($"/sprache/{language}?returnUrl=/");
            await SignInAsync(page, UiData.BackOfficeLogin, "/uebersicht");
            foreach (var path in new[] { "/uebersicht", "/kundenstimmen", "/einsprueche", "/einsprueche?status=all", "/auffaelligkeiten", "/provision",
                         $"/provision?partnerId={UiData.Partner}", "/provision/freigabe", "/schulungen/programm", "/protokoll",
                         "/einstellungen", "/postausgang", "/postausgang?status=lost" })
            {
                await page.GotoAsync(path);
                await check(page, path);
            }

            // The WKZ form refused: an amount that is no number.
            await page.GotoAsync("/schulungen/programm");
            await page.Locator("#wkz-amount").FillAsync("viel");
            await page.Locator("#wkz-reason").FillAsync("Test");
            await page.Locator("form[action='/schulungen/programm/wkz'] button[type=submit]").ClickAsync();
            await Expect(page.GetByTestId("outcome")).ToBeVisibleAsync();
            await check(page, "WKZ refused");

            // A rejection without a note is refused, if there is an open appeal.
            await page.GotoAsync("/einsprueche");
            var reject = page.Locator("form.decision-form button[value=reject], form.decision-form button[value=rejected]").First;
            if (await reject.CountAsync() > 0)
            {
                await reject.ClickAsync();
                await check(page, "rejection refused");
            }

            // Quarantine without a note is refused, if a response is flagged.
            await page.GotoAsync("/auffaelligkeiten");
            var quarantine = page.Locator("form[action$='/quarantaene'] button[type=submit]").First;
            if (await quarantine.CountAsync() > 0)
            {
                await quarantine.ClickAsync();
                await check(page, "quarantine refused");
            }
        }
    }

    private static async Task SignInAsync(IPage page, (string Email, string Password) login, string landsOn)
    {
        await page.GotoAsync("/");
        await page.Locator("#email").FillAsync(login.Email);
        await page.Locator("#password").FillAsync(login.Password);
        await page.Locator("form[action='/login'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == landsOn, new() { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>The page's text as a reader meets it, labels for screen readers and SVG texts included; data marked
    /// <c>translate="no"</c>, code and the link to the other language left out.</summary>
    private static Task<string> VisibleTextAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const body = document.body.cloneNode(true);
          body.querySelectorAll('[translate=no], [lang], code, script, style').forEach(e => e.remove());
          const attributes = [...body.querySelectorAll('[aria-label], [title], [placeholder]')]
            .flatMap(e => ['aria-label', 'title', 'placeholder'].map(a => e.getAttribute(a) ?? ''));
          return [...body.querySelectorAll('*')].length >= 0 ? body.textContent + ' ' + attributes.join(' ') : '';
        }
        """);

    private static IEnumerable<string> Words(IEnumerable<string> texts) =>
        texts.SelectMany(t => Word().Matches(Placeholder().Replace(t, " ")).Select(m => m.Value)).Where(w => w.Length >= 3);

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\w*[äöüÄÖÜß]\w*")]
    private static partial Regex Umlaut();
}
