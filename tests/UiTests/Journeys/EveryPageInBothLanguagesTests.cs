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
        var names = (await host.Services.GetRequiredService<PartnerPortal.Partners.Contracts.IPartnerDirectory>().ChoicesAsync(null, CancellationToken.None)).Partners
            .SelectMany(p => p.Shops.SelectMany(s => new[] { s.Name, s.City }).Prepend(p.Name)).OrderByDescending(n => n.Length).ToArray();
        Assert.Contains("Kundenstimmen", germanWords);
        Assert.Contains("Sign", englishWords);

        foreach (var language in new[] { "en", "de" })
        {
            var foreign = language == "en" ? germanWords : englishWords;
            var found = new List<string>();
            await EveryPage.VisitAllAsync(host, language, phone: false, async (page, what) =>
            {
                var text = names.Aggregate(await VisibleTextAsync(page), (t, name) => t.Replace(name, " ", StringComparison.Ordinal));
                var hits = Words([text]).Where(foreign.Contains).Distinct().ToList();
                if (language == "en") hits.AddRange(Umlaut().Matches(text).Select(m => m.Value).Distinct());
                if (hits.Count > 0) found.Add($"{what} ({page.Url}): {string.Join(", ", hits)}");
            });
            Assert.True(found.Count == 0, $"In {language}, foreign words:\n" + string.Join("\n", found));
        }
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
