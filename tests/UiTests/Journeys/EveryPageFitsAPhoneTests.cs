using Microsoft.Playwright;
using PartnerPortal.UiTests.Infrastructure;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>
/// Every page of both roles at a plain 390-px viewport (a phone held upright, no zoom-out): nothing makes the page
/// scroll sideways. Wide tables scroll inside their own box; the page itself never does. The same at 1280 px.
/// </summary>
public sealed class EveryPageFitsAPhoneTests(UiHost host)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task No_page_of_either_role_scrolls_sideways_on_a_phone_or_at_1280_px(bool phone)
    {
        var wide = new List<string>();
        await EveryPage.VisitAllAsync(host, "de", phone, async (page, what) =>
        {
            var (fits, culprits) = await FitsAsync(page);
            if (!fits) wide.Add($"{what} ({page.Url}): {culprits}");
        });
        Assert.True(wide.Count == 0, $"Wider than {(phone ? "the phone" : "1280 px")}:\n" + string.Join("\n", wide));
    }

    /// <summary>Whether the page fits its viewport, and if not the elements that stick out on the right (for the message).</summary>
    public static async Task<(bool Fits, string Culprits)> FitsAsync(IPage page)
    {
        var result = await page.EvaluateAsync<string[]>("""
            () => {
              const width = window.innerWidth;
              if (document.documentElement.scrollWidth <= width) return [];
              // The outermost elements that stick out on the right, outside any box that scrolls on its own.
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
}
