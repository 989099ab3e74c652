using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPortal.Notifications.Outbox;
using PartnerPortal.UiTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.DemoTests;

/// <summary>
/// The embedded default configures no SMTP server (DOMAIN.md, "Notifications"): the showcase's follow-up mails stay
/// pending in the outbox however often the sender job runs, and back office sees them on its Postausgang page with the
/// notice that nothing is sent.
/// </summary>
public sealed class NoSmtpTests(DemoHost host)
{
    private const string Count = "select count(*) from mail.outbox where status = $1";

    [Fact]
    public async Task Without_an_smtp_server_the_mails_stay_pending_and_back_office_sees_them_on_the_postausgang()
    {
        var pending = await host.ScalarAsync<long>(Count, OutboxStatus.Pending);
        Assert.True(pending > 0, "the showcase's cases wrote mails for the demo partner's login");
        for (var run = 0; run < 2; run++)
        {
            using var scope = host.Services.CreateScope();
            var report = await scope.ServiceProvider.GetRequiredService<MailSender>().RunAsync(TestContext.Current.CancellationToken);
            Assert.False(report.SmtpConfigured);
            Assert.Equal(0, report.Sent + report.Retried + report.Failed);
        }
        Assert.Equal(pending, await host.ScalarAsync<long>(Count, OutboxStatus.Pending));
        Assert.Equal(0, await host.ScalarAsync<long>(Count, OutboxStatus.Sent));
        Assert.Equal(0, await host.ScalarAsync<long>("select count(*) from mail.outbox where attempts > 0"));

        var page = await host.OpenAsync(phone: false);
        await Portal.SignInAsync(page, DemoHost.BackOfficeLogin, landsOn: "/uebersicht");
        await page.GotoAsync("/postausgang");
        await Expect(page.GetByTestId("no-smtp")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("outbox").Locator("td[data-status=pending]").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
