using Microsoft.Playwright;
using PartnerPortal.UiTests.Infrastructure;

namespace PartnerPortal.UiTests.Journeys;

/// <summary>
/// Every page of both roles at a plain 390-px viewport (a phone held upright, no zoom-out): nothing makes the page
/// scroll sideways, and no table needs a sideways scroll of its own: on a phone a table reads as labelled rows or fits
/// (ADR 0054). The same at 1280 px.
/// </summary>
public sealed class EveryPageFitsAPhoneTests(UiHost host)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task No_page_or_table_of_either_role_scrolls_sideways_on_a_phone_or_at_1280_px(bool phone)
    {
        // Data typed without a break lands in the audit log's first page (an API key's name of 95 characters): it breaks, the
        // log's table does not widen beyond the page.
        using (var admin = host.Admin())
            (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(admin, "/api/v1/api-keys",
                new { name = "schluessel-" + new string('x', 84), scopes = new[] { "scores:read" } }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var wide = new List<string>();
        await EveryPage.VisitAllAsync(host, "de", phone, async (page, what) =>
        {
            var (fits, culprits) = await Portal.FitsAsync(page);
            if (!fits) wide.Add($"{what} ({page.Url}): {culprits}");
            foreach (var table in await Portal.WideTablesAsync(page)) wide.Add($"{what} ({page.Url}), table {table}");
        });
        Assert.True(wide.Count == 0, $"Wider than {(phone ? "the phone" : "1280 px")}:\n" + string.Join("\n", wide));
    }
}
