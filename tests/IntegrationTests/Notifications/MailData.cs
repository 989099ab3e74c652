using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Notifications.Outbox;
using PartnerPortal.TestSupport;

namespace PartnerPortal.IntegrationTests.Notifications;

/// <summary>Partners (ids <c>ml-…</c>), users, detractor responses and the received mails for the mail tests.</summary>
internal static class MailData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A partner with one shop (<see cref="PortalTestHost.CreatePartnerAsync"/>).</summary>
    public static async Task<(string PartnerId, string ShopId)> PartnerAsync(PortalHost host)
    {
        var (partnerId, shops) = await host.CreatePartnerAsync(prefix: "ml");
        return (partnerId, shops[0]);
    }

    /// <summary>A partner user (or back office when <paramref name="partnerId"/> is null) with its settings set when given.</summary>
    public static async Task<string> UserAsync(PortalHost host, string? partnerId, string? followups = null, string? language = null)
    {
        var (email, _) = await host.CreateUserAsync(partnerId is null ? "back-office" : "partner", partnerId);
        if (followups is not null)
        {
            using var admin = host.Admin();
            await (await admin.PutAsJsonAsync($"/api/v1/users/{email}/notifications", new { followups, language }, Ct)).EnsureStatus(HttpStatusCode.OK);
        }
        return email;
    }

    /// <summary>Stores detractor responses (touchpoint 3) of a partner's shop at <paramref name="storedAt"/> (X-Test-Now).</summary>
    public static async Task<string[]> DetractorsAsync(PortalHost host, string partnerId, string shopId, DateTimeOffset storedAt, int count = 1,
        string? comment = "Lange gewartet")
    {
        var ids = Enumerable.Range(0, count).Select(_ => PortalHost.NewId("mlr")).ToArray();
        using var client = host.Admin();
        client.DefaultRequestHeaders.Add(RequestClock.Header, RequestClock.Format(storedAt));
        var items = ids.Select(id => new Dictionary<string, object?>
        {
            ["responseId"] = id,
            ["respondedAt"] = storedAt.AddHours(-1).ToString("O"),
            ["segment"] = "private",
            ["channel"] = "partner-shop",
            ["partnerId"] = partnerId,
            ["shopId"] = shopId,
            ["scores"] = new Dictionary<string, object?> { ["brand"] = 5, ["product"] = 5, ["touchpoint"] = 3 },
            ["comment"] = comment,
        });
        var batch = await (await client.PostAsJsonAsync("/api/v1/surveys/responses/batch", new { items }, Ct)).JsonAsync();
        Assert.All(batch.GetProperty("results").EnumerateArray(), r => Assert.Equal("accepted", r.GetProperty("status").GetString()));
        return ids;
    }

    public static MimeMessage[] To(PortalHost host, string email) =>
        host.Smtp.Received.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase))).ToArray();

    /// <summary>Waits (at most <paramref name="seconds"/>) until <paramref name="email"/> has received <paramref name="count"/> mails; when
    /// <paramref name="kick"/>, runs the sender meanwhile, as the recurring job would.</summary>
    public static async Task<MimeMessage[]> WaitForAsync(PortalHost host, string email, int count, bool kick = false, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var got = To(host, email);
            if (got.Length >= count || DateTime.UtcNow > deadline) return got;
            if (kick) await SendAsync(host);
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>One run of the sender job, as Hangfire would run it.</summary>
    public static async Task<SendReport> SendAsync(PortalHost host)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MailSender>().RunAsync(Ct);
    }

    public static Task<long> OutboxCountAsync(PortalHost host, string email, string? status = null) =>
        host.ScalarAsync<long>("select count(*) from mail.outbox where recipient = $1 and ($2 = '' or status = $2)", email, status ?? "");
}
