using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.UiTests.Infrastructure;

/// <summary>Every page of both roles, a refused form of each kind among them: the walk the language and the phone
/// checks share, so a new page added here is checked both ways.</summary>
public static class EveryPage
{
    /// <summary>Signs in as partner and as back office and visits every page, a refused form of each kind among them.</summary>
    public static async Task VisitAllAsync(UiHost host, string language, bool phone, Func<IPage, string, Task> check)
    {
        await using (var session = await host.OpenAsync(phone))
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
            foreach (var path in new[] { "/uebersicht", "/uebersicht/standorte/p-1001/s-1001-2", "/kundenstimmen", "/kundenstimmen?q=wartezeit", "/einsprueche", "/provision", $"/provision?whatIf={UiData.WhatIfNps}", "/schulungen",
                         "/provision/freigabe", "/uebersicht?quarter=1999-Q1", "/rueckmeldungen", "/einstellungen" })
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

            // The request form priced (ADR 0046), and the confirm step of a cancel if there is an open booking.
            await page.GotoAsync("/schulungen");
            await page.GetByTestId("preview-button").ClickAsync();
            await Portal.WaitForAddressAsync(page, "**/schulungen/vorschau");
            await Expect(page.GetByTestId("preview")).ToBeVisibleAsync();
            await check(page, "price preview");
            var cancel = page.Locator("a[href$='/stornieren']").First;
            if (await cancel.CountAsync() > 0)
            {
                await cancel.ClickAsync();
                await Portal.WaitForAddressAsync(page, "**/stornieren");
                await check(page, "cancel confirm step");
            }

            // The appeal form refused: no reason chosen.
            await page.GotoAsync("/kundenstimmen");
            var appeal = page.Locator("a[href$='/einspruch']").First;
            if (await appeal.CountAsync() > 0)
            {
                await appeal.ClickAsync();
                await Portal.WaitForAddressAsync(page, "**/einspruch");
                await check(page, "appeal form");
                await page.Locator("form.appeal-form button[type=submit]").ClickAsync();
                await Expect(page.Locator(".field-error")).Not.ToHaveCountAsync(0);
                await check(page, "appeal refused");
            }
        }

        await using (var session = await host.OpenAsync(phone))
        {
            var page = session.Page;
            await page.GotoAsync($"/sprache/{language}?returnUrl=/");
            await SignInAsync(page, UiData.BackOfficeLogin, "/uebersicht");
            foreach (var path in new[] { "/uebersicht", "/kundenstimmen", "/einsprueche", "/einsprueche?status=all", "/auffaelligkeiten", "/provision",
                         $"/provision?partnerId={UiData.Partner}", "/provision/freigabe", "/schulungen/programm", "/protokoll",
                         "/rueckmeldungen", "/einstellungen", "/postausgang", "/postausgang?status=lost" })
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

            // The confirm step of a delivery, if a booking is confirmed (ADR 0046).
            await page.GotoAsync("/schulungen/programm");
            var deliver = page.Locator("form[action$='/durchfuehren'] button[type=submit]").First;
            if (await deliver.CountAsync() > 0)
            {
                await deliver.ClickAsync();
                await Portal.WaitForAddressAsync(page, "**/durchfuehren**");
                await check(page, "delivery confirm step");
            }

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
        await Portal.WaitForAddressAsync(page, url => new Uri(url).AbsolutePath == landsOn);
    }

}
