using System.Net;
using System.Net.Http.Json;
using PartnerPortal.BuildingBlocks.Caching;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Notifications.Settings;
using PartnerPortal.Partners.Logins;
using static PartnerPortal.IntegrationTests.Infrastructure.ListeningConnections;
using static PartnerPortal.IntegrationTests.Notifications.MailData;

namespace PartnerPortal.IntegrationTests.Notifications;

/// <summary>
/// Whom a new case mails is read from this host's copies of the partners' users and their settings while it hears change
/// notices (ADR 0061): a change through this host applies to the next case at once, another host's change once its
/// notice arrives, and a lost listening connection sends every read to the database until it listens again. Changes
/// "by another host" are made here with SQL, without this host's own bookkeeping. Year 2091, partners <c>ml-…</c>.
/// </summary>
public sealed class MailAudienceTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset StoredAt = new(2091, 3, 12, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A new detractor of the partner's shop, and whether its case mailed <paramref name="email"/>.</summary>
    private async Task<bool> MailedForNewCaseAsync(string partner, string shop, string email)
    {
        var caseId = Assert.Single(await DetractorsAsync(host, partner, shop, StoredAt));
        return await host.ScalarAsync<long>("select count(*) from mail.outbox where recipient = $1 and idempotency_key like 'followup-case:' || $2 || ':%'",
            email, caseId) == 1;
    }

    private async Task SetAsync(string email, string followups, string? language = null)
    {
        using var admin = host.Admin();
        await (await admin.PutAsJsonAsync($"/api/v1/users/{email}/notifications", new { followups, language }, Ct)).EnsureStatus(HttpStatusCode.OK);
    }

    /// <summary>What another host's settings page leaves behind, without this host's bookkeeping.</summary>
    private Task SetBehindTheHostsBackAsync(string email, string followups) =>
        host.ScalarAsync<int>("""
            with u as (update mail.mt_doc_notificationsettings set data = jsonb_set(data, '{followUps}', to_jsonb($2::text))
                       where id = (select id from partners.mt_doc_portaluser where data ->> 'email' = $1) returning 1)
            select count(*)::int from u
            """, email, followups);

    private Task NotifyAsync(string channel) => host.ScalarAsync<string>("select 'sent' from (select pg_notify($1, '')) n", channel);

    [Fact]
    public async Task A_change_through_this_host_applies_to_the_next_case_at_once()
    {
        var (partner, shop) = await PartnerAsync(host);
        var first = await UserAsync(host, partner);
        Assert.True(await MailedForNewCaseAsync(partner, shop, first)); // the partner's users and settings are now kept

        for (var round = 0; round < 3; round++)
        {
            await SetAsync(first, "off");
            Assert.False(await MailedForNewCaseAsync(partner, shop, first), $"round {round}: off");
            await SetAsync(first, "immediate", "en");
            Assert.True(await MailedForNewCaseAsync(partner, shop, first), $"round {round}: immediate");
        }
        Assert.Equal("en", await host.ScalarAsync<string>("select language from mail.outbox where recipient = $1 order by created_at desc, id desc limit 1", first));

        // A user added to the partner hears of the very next case.
        var second = await UserAsync(host, partner);
        Assert.True(await MailedForNewCaseAsync(partner, shop, second));
    }

    [Fact]
    public async Task Another_hosts_change_is_seen_once_its_notice_arrives()
    {
        var (partner, shop) = await PartnerAsync(host);
        var user = await UserAsync(host, partner, "immediate");
        var removed = await UserAsync(host, partner);
        Assert.True(await MailedForNewCaseAsync(partner, shop, user));

        await SetBehindTheHostsBackAsync(user, "off");
        // No round trip: without a notice the host does not know, and mails as it was told.
        Assert.True(await MailedForNewCaseAsync(partner, shop, user));
        await NotifyAsync(UserSettings.Channel);
        await EventuallyAsync(async () => !await MailedForNewCaseAsync(partner, shop, user), "the other host's settings change after its notice");

        Assert.Equal(1, await host.ScalarAsync<int>(
            "with d as (delete from partners.mt_doc_portaluser where data ->> 'email' = $1 returning 1) select count(*)::int from d", removed));
        Assert.True(await MailedForNewCaseAsync(partner, shop, removed));
        await NotifyAsync(PortalUsers.Channel);
        await EventuallyAsync(async () => !await MailedForNewCaseAsync(partner, shop, removed), "the other host's removed login after its notice");
    }

    [Fact]
    public async Task A_lost_listening_connection_sends_reads_to_the_database_until_the_host_listens_again()
    {
        var (partner, shop) = await PartnerAsync(host);
        var user = await UserAsync(host, partner, "immediate");
        Assert.True(await MailedForNewCaseAsync(partner, shop, user));

        await CutAsync(host, ChangeNotices.ApplicationName);
        await SetBehindTheHostsBackAsync(user, "off");
        // No notice was sent: the change is seen because the copies were dropped with the connection.
        await EventuallyAsync(async () => !await MailedForNewCaseAsync(partner, shop, user), "the change after the listener was cut off");

        // It listens again and keeps copies again: a later change behind its back waits for its notice.
        await ListeningAgainAsync(host, ChangeNotices.ApplicationName);
        Assert.False(await MailedForNewCaseAsync(partner, shop, user));
        await SetBehindTheHostsBackAsync(user, "immediate");
        Assert.False(await MailedForNewCaseAsync(partner, shop, user));
        await NotifyAsync(UserSettings.Channel);
        await EventuallyAsync(() => MailedForNewCaseAsync(partner, shop, user), "the notice to the new listener");
    }
}
