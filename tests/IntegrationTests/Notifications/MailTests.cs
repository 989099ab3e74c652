using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPortal.FollowUps.Contracts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Notifications.Mails;
using PartnerPortal.Notifications.Outbox;
using PartnerPortal.TestSupport;
using static PartnerPortal.IntegrationTests.Notifications.MailData;

namespace PartnerPortal.IntegrationTests.Notifications;

/// <summary>
/// Mail about follow-up cases (DOMAIN.md "Closing the loop with detractors", ADR 0042), against the real SMTP server of the
/// test process (<see cref="TestSmtpServer"/>): who gets what in which language with which link, SMTP down and back, the
/// sender run twice and concurrently, the daily digest, the settings and outbox API. Years 2070–2074, partners <c>ml-…</c>.
/// The tests of this class run one after another; one of them takes the SMTP server down for a while.
/// </summary>
public sealed class MailTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_case_mails_each_partner_user_that_chose_immediate_in_its_language_with_the_case_link()
    {
        var (partner, shop) = await PartnerAsync(host);
        var (other, _) = await PartnerAsync(host);
        var german = await UserAsync(host, partner); // the default: immediate, German
        var english = await UserAsync(host, partner, "immediate", "en");
        var off = await UserAsync(host, partner, "off");
        var daily = await UserAsync(host, partner, "daily");
        var otherPartners = await UserAsync(host, other);
        var backOffice = await UserAsync(host, null); // the default: off
        var backOfficeImmediate = await UserAsync(host, null, "immediate"); // not a partner user: new cases are partners' news

        var caseId = Assert.Single(await DetractorsAsync(host, partner, shop, new DateTimeOffset(2070, 3, 10, 9, 0, 0, TimeSpan.Zero)));

        Assert.Equal(1, await FollowUps.FollowUpData.CaseCountAsync(host, partner, caseId));
        Assert.Equal(2, await host.ScalarAsync<long>("select count(*) from mail.outbox where body like '%' || $1 || '%'", caseId));
        // No sender is run here: the commit's notification enqueues it.
        var de = Assert.Single(await WaitForAsync(host, german, 1, seconds: 20));
        var en = Assert.Single(await WaitForAsync(host, english, 1, seconds: 20));
        Assert.StartsWith("Neuer Rückmeldungsfall: Bewertung 3", de.Subject);
        Assert.Contains("Zum Fall: " + PortalHost.PublicBaseUrl + "/rueckmeldungen?fall=" + caseId + "#fall-" + caseId, de.TextBody);
        Assert.Contains("Kommentar: „Lange gewartet“", de.TextBody);
        Assert.Contains("bis 12.03.2070 24:00 Uhr", de.TextBody); // due at the end of the second working day (Mon → end of Wed)
        Assert.StartsWith("New follow-up case: score 3", en.Subject);
        Assert.Contains("Open the case: " + PortalHost.PublicBaseUrl + "/rueckmeldungen?fall=" + caseId + "#fall-" + caseId, en.TextBody);
        Assert.Equal("portal@example.test", Assert.Single(de.From.Mailboxes).Address);
        Assert.Contains(caseId, de.MessageId);

        await Task.Delay(1500, Ct); // anything else would have arrived by now
        await SendAsync(host);
        Assert.Empty(To(host, off));
        Assert.Empty(To(host, daily));
        Assert.Empty(To(host, otherPartners));
        Assert.Empty(To(host, backOffice));
        Assert.Empty(To(host, backOfficeImmediate));
        Assert.Single(To(host, german));
        Assert.Equal(0, await OutboxCountAsync(host, off));

        // The outbox lists them as sent.
        using var admin = host.Admin();
        var sent = await ListAsync(admin, "status=sent&limit=500");
        var item = Assert.Single(sent, i => i.GetProperty("to").GetString() == german);
        Assert.Equal("sent", item.GetProperty("status").GetString());
        Assert.Equal(1, item.GetProperty("attempts").GetInt32());
        Assert.Equal(de.Subject, item.GetProperty("subject").GetString());
        Assert.NotEqual(JsonValueKind.Null, item.GetProperty("sentAt").ValueKind);
    }

    [Fact]
    public async Task With_smtp_down_the_mails_wait_in_the_outbox_and_all_arrive_once_when_it_is_back()
    {
        var (partner, shop) = await PartnerAsync(host);
        var user = await UserAsync(host, partner);
        await host.Smtp.StopAsync();
        try
        {
            // Three calls, three openings: three mails (ADR 0062: the cases of one call share a mail).
            for (var i = 0; i < 3; i++) await DetractorsAsync(host, partner, shop, new DateTimeOffset(2070, 5, 4, 8, i, 0, TimeSpan.Zero));
            var report = await SendAsync(host);
            await Task.Delay(1200, Ct);
            await SendAsync(host);
            Assert.True(report.SmtpConfigured);
            Assert.Equal(3, await OutboxCountAsync(host, user, "pending"));
            var attempts = await host.ScalarAsync<int>("select min(attempts) from mail.outbox where recipient = $1", user);
            Assert.True(attempts >= 1, $"every message was tried (attempts {attempts})");
            using var admin = host.Admin();
            var pending = (await ListAsync(admin, "status=pending&limit=500")).Where(i => i.GetProperty("to").GetString() == user).ToArray();
            Assert.Equal(3, pending.Length);
            Assert.All(pending, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("sentAt").ValueKind));
            Assert.Empty(To(host, user));
        }
        finally
        {
            host.Smtp.Start();
        }
        var received = await WaitForAsync(host, user, 3, kick: true);
        Assert.Equal(3, received.Length);
        Assert.Equal(3, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(3, await OutboxCountAsync(host, user, "sent"));
        await SendAsync(host);
        Assert.Equal(3, To(host, user).Length);
    }

    [Fact]
    public async Task A_message_the_server_never_takes_is_failed_after_the_last_attempt_and_never_sent_later()
    {
        var (partner, shop) = await PartnerAsync(host);
        var user = await UserAsync(host, partner);
        var maxAttempts = host.Services.GetRequiredService<MailSettings>().MaxAttempts;
        await host.Smtp.StopAsync();
        try
        {
            await DetractorsAsync(host, partner, shop, new DateTimeOffset(2070, 6, 1, 8, 0, 0, TimeSpan.Zero));
            // The backoff's waits are skipped by making the message due again, starting two attempts short of the last one.
            // Any run of the sender may make an attempt (this one, the commit's wake-up, one woken by another class's cases),
            // so the test checks every state it sees and where it ends, not which run got there.
            await host.ScalarAsync<int>("update mail.outbox set attempts = $2, next_attempt_at = now() where recipient = $1 returning 0", user, maxAttempts - 2);
            var seen = new List<string>();
            while (true)
            {
                await SendAsync(host);
                var state = await host.ScalarAsync<string>("select status || ':' || attempts from mail.outbox where recipient = $1", user);
                seen.Add(state);
                var attempts = int.Parse(state[(state.IndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(attempts <= maxAttempts && attempts >= maxAttempts - 2, $"attempts within the budget: {string.Join(", ", seen)}");
                Assert.Equal((attempts >= maxAttempts ? "failed" : "pending") + ":" + attempts, state);
                if (state.StartsWith("failed", StringComparison.Ordinal)) break;
                Assert.True(seen.Count < 20, $"the message reaches its last attempt: {string.Join(", ", seen)}");
                await host.ScalarAsync<int>("update mail.outbox set next_attempt_at = now() where recipient = $1 and status = 'pending' returning 0", user);
            }
            Assert.Equal(1, await OutboxCountAsync(host, user));
            using var admin = host.Admin();
            var failed = (await ListAsync(admin, "status=failed&limit=500")).Single(i => i.GetProperty("to").GetString() == user);
            Assert.Equal(maxAttempts, failed.GetProperty("attempts").GetInt32());
        }
        finally
        {
            host.Smtp.Start();
        }
        // Back, and due by the clock: a failed message stays failed.
        await host.ScalarAsync<int>("update mail.outbox set next_attempt_at = now() where recipient = $1 returning 0", user);
        await SendAsync(host);
        Assert.Empty(To(host, user));
        Assert.Equal(1, await OutboxCountAsync(host, user, "failed"));
    }

    [Fact]
    public async Task The_sender_run_twice_and_concurrently_sends_each_message_once()
    {
        for (var trial = 0; trial < 10; trial++)
        {
            var (partner, shop) = await PartnerAsync(host);
            var first = await UserAsync(host, partner);
            var second = await UserAsync(host, partner, "immediate", "en");
            // Eight calls at once, so eight openings and mails per user (ADR 0062: the cases of one call share a mail).
            await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                DetractorsAsync(host, partner, shop, new DateTimeOffset(2070, 8, 3, 10, 0, 0, TimeSpan.Zero).AddMinutes(trial).AddSeconds(i))));
            // Beside whatever the commit's wake-up started: four runs at once, then two more.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SendAsync(host), Ct)));
            await SendAsync(host);
            await SendAsync(host);
            var toFirst = await WaitForAsync(host, first, 8, kick: true);
            var toSecond = await WaitForAsync(host, second, 8, kick: true);
            await Task.Delay(300, Ct);
            Assert.Equal(8, To(host, first).Length);
            Assert.Equal(8, To(host, second).Length);
            Assert.Equal(8, toFirst.Select(m => m.MessageId).Distinct().Count());
            Assert.Equal(16, await OutboxCountAsync(host, first, "sent") + await OutboxCountAsync(host, second, "sent"));
        }
    }

    [Fact]
    public async Task The_cases_one_call_opens_for_a_partner_share_one_mail_per_user_listing_each_with_its_link()
    {
        var (partner, shop) = await PartnerAsync(host);
        var (other, otherShop) = await PartnerAsync(host);
        var german = await UserAsync(host, partner);
        var english = await UserAsync(host, partner, "immediate", "en");
        var othersUser = await UserAsync(host, other);
        var storedAt = new DateTimeOffset(2073, 3, 13, 9, 0, 0, TimeSpan.Zero); // a Monday: due at the end of Wednesday
        var ofPartner = await DetractorsAsync(host, partner, shop, storedAt, count: 3);
        var ofOther = Assert.Single(await DetractorsAsync(host, other, otherShop, storedAt.AddMinutes(1)));

        var de = Assert.Single(await WaitForAsync(host, german, 1, kick: true));
        var en = Assert.Single(await WaitForAsync(host, english, 1, kick: true));
        Assert.StartsWith("Neue Rückmeldungsfälle: 3 (", de.Subject);
        Assert.StartsWith("New follow-up cases: 3 (", en.Subject);
        foreach (var id in ofPartner)
        {
            Assert.Contains(PortalHost.PublicBaseUrl + "/rueckmeldungen?fall=" + id + "#fall-" + id, de.TextBody);
            Assert.Contains(PortalHost.PublicBaseUrl + "/rueckmeldungen?fall=" + id + "#fall-" + id, en.TextBody);
        }
        Assert.Equal(3, CountOf("- Bewertung 3 (Shop " + shop + "), fällig 15.03.2073 24:00 Uhr, Kommentar: „Lange gewartet“", de.TextBody));
        Assert.Equal(3, CountOf("- score 3 (shop " + shop + "), due 15.03.2073 24:00, comment: “Lange gewartet”", en.TextBody));
        Assert.Contains("Alle Fälle: " + PortalHost.PublicBaseUrl + "/rueckmeldungen" + Environment.NewLine, de.TextBody);
        Assert.DoesNotContain(ofOther, de.TextBody);
        Assert.Contains(ofOther, Assert.Single(await WaitForAsync(host, othersUser, 1, kick: true)).TextBody);
        Assert.Equal(1, await OutboxCountAsync(host, german));

        // More cases than a mail lists: the first 20 with their links, the rest counted, the list linked.
        var many = await DetractorsAsync(host, partner, shop, storedAt.AddDays(1), count: CaseMails.MaxListed + 5, comment: null);
        var big = (await WaitForAsync(host, german, 2, kick: true)).Single(m => m.Subject?.StartsWith("Neue Rückmeldungsfälle: 25 (", StringComparison.Ordinal) == true);
        Assert.Equal(CaseMails.MaxListed, many.Count(id => big.TextBody?.Contains("fall=" + id + "#", StringComparison.Ordinal) == true));
        Assert.Contains("… und 5 weitere.", big.TextBody);
        Assert.DoesNotContain("Kommentar", big.TextBody);
        Assert.Equal(2, await OutboxCountAsync(host, german));
    }

    [Fact]
    public async Task New_keys_go_in_plainly_and_a_known_or_concurrently_written_key_is_skipped_in_the_same_transaction()
    {
        var key = PortalHost.NewId("mlk") + ":";
        static NewMail Mail(string k) => new(k, "outbox-" + k.Replace(':', '-') + "@example.test", "Betreff", "Text", "de");
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            Assert.Equal(2, await OutboxTable.WriteAsync(connection, transaction, [Mail(key + "a"), Mail(key + "b")], Ct, keysExpectedNew: true));
            // A known key: the plain insert fails, its savepoint is rolled back, the rows go in skipping it; the transaction goes on.
            Assert.Equal(1, await OutboxTable.WriteAsync(connection, transaction, [Mail(key + "a"), Mail(key + "c")], Ct, keysExpectedNew: true));
            Assert.Equal(0, await OutboxTable.WriteAsync(connection, transaction, [Mail(key + "c"), Mail(key + "c")], Ct, keysExpectedNew: true));
            await transaction.CommitAsync(Ct);
        }
        Assert.Equal(3, await host.ScalarAsync<long>("select count(*) from mail.outbox where idempotency_key like $1 || '%'", key));

        // Two transactions with the same new key: the second waits for the first and, once it commits, writes nothing.
        for (var trial = 0; trial < 5; trial++)
        {
            var shared = key + "shared-" + trial;
            await using var first = new NpgsqlConnection(host.ConnectionString);
            await first.OpenAsync(Ct);
            await using var firstTransaction = await first.BeginTransactionAsync(Ct);
            Assert.Equal(1, await OutboxTable.WriteAsync(first, firstTransaction, [Mail(shared)], Ct, keysExpectedNew: true));
            await using var second = new NpgsqlConnection(host.ConnectionString);
            await second.OpenAsync(Ct);
            await using var secondTransaction = await second.BeginTransactionAsync(Ct);
            var waiting = OutboxTable.WriteAsync(second, secondTransaction, [Mail(shared), Mail(shared + "-own")], Ct, keysExpectedNew: true);
            await Task.Delay(100, Ct); // let the second reach the first's row lock; it must not finish before the first commits
            Assert.False(waiting.IsCompleted);
            await firstTransaction.CommitAsync(Ct);
            Assert.Equal(1, await waiting);
            await secondTransaction.CommitAsync(Ct);
            Assert.Equal(1, await host.ScalarAsync<long>("select count(*) from mail.outbox where idempotency_key = $1", shared));
            Assert.Equal(1, await host.ScalarAsync<long>("select count(*) from mail.outbox where idempotency_key = $1", shared + "-own"));
        }
    }

    [Fact]
    public async Task A_case_mail_is_stored_as_its_facts_and_written_when_sent_and_unreadable_facts_are_refused_not_sent()
    {
        var (partner, shop) = await PartnerAsync(host);
        var user = await UserAsync(host, partner);
        var caseId = Assert.Single(await DetractorsAsync(host, partner, shop, new DateTimeOffset(2073, 6, 5, 9, 0, 0, TimeSpan.Zero)));
        // Stored: the subject as sent, the body as facts under its template (ADR 0063), not as text.
        Assert.Equal(1, await host.ScalarAsync<long>(
            "select count(*) from mail.outbox where recipient = $1 and template = 'followup-case/1' and body::jsonb -> 'cases' -> 0 ->> 'id' = $2 and body not like '%Guten Tag%'",
            user, caseId));
        var mail = Assert.Single(await WaitForAsync(host, user, 1, kick: true));
        Assert.Contains("Guten Tag", mail.TextBody);
        Assert.Contains("fall=" + caseId + "#fall-" + caseId, mail.TextBody);

        // Facts that cannot be read, or a template this host does not know: tried, refused with the reason, never sent.
        var broken = await UserAsync(host, partner, "off"); // no case mail of its own
        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            var key = PortalHost.NewId("mlk");
            await OutboxTable.WriteAsync(connection, null, [
                new NewMail(key + ":facts", broken, "Betreff", "{\"user\": 1}", "de", "followup-case/1"),
                new NewMail(key + ":template", broken, "Betreff", "{}", "de", "followup-case/99"),
            ], Ct);
        }
        // The commit's wake-up may be trying them right now (its claim makes this run skip them): wait for the first attempt.
        string? states = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline && states != "pending:1:true,pending:1:true"; await Task.Delay(100, Ct))
        {
            await SendAsync(host);
            states = await host.ScalarAsync<string>(
                "select string_agg(status || ':' || attempts || ':' || (last_error is not null)::text, ',' order by idempotency_key) from mail.outbox where recipient = $1", broken);
        }
        Assert.Equal("pending:1:true,pending:1:true", states);
        Assert.Equal(2, await host.ScalarAsync<long>("select count(*) from mail.outbox where recipient = $1 and last_error like '%not the facts%' or recipient = $1 and last_error like '%unknown template%'", broken));
        Assert.Empty(To(host, broken));
    }

    private static int CountOf(string text, string? body) =>
        body is null ? 0 : (body.Length - body.Replace(text, "", StringComparison.Ordinal).Length) / text.Length;

    [Fact]
    public async Task A_case_opened_twice_and_a_rolled_back_opening_write_no_second_and_no_orphan_mail()
    {
        var (partner, shop) = await PartnerAsync(host);
        var user = await UserAsync(host, partner);
        var now = new DateTimeOffset(2070, 9, 1, 9, 0, 0, TimeSpan.Zero);
        var info = new FollowUpCaseInfo(PortalHost.NewId("mlc"), PortalHost.NewId("mlr"), partner, shop, "2070-Q3", 2, null, now, now.AddDays(2));

        // Rolled back: the listener wrote on the caller's transaction, so nothing stays.
        await OpenAsync(info, commit: false);
        Assert.Equal(0, await OutboxCountAsync(host, user));
        // Committed twice (a retry): one message.
        await OpenAsync(info, commit: true);
        await OpenAsync(info, commit: true);
        Assert.Equal(1, await OutboxCountAsync(host, user));
        Assert.Single(await WaitForAsync(host, user, 1, kick: true));

        // Several cases of one opening share a mail; the opening committed twice, in another order: still that one mail.
        var group = Enumerable.Range(0, 3).Select(_ => info with { CaseId = PortalHost.NewId("mlc"), ResponseId = PortalHost.NewId("mlr") }).ToArray();
        await OpenAsync(group, commit: false);
        Assert.Equal(1, await OutboxCountAsync(host, user));
        await OpenAsync(group, commit: true);
        await OpenAsync(group.Reverse().ToArray(), commit: true);
        Assert.Equal(2, await OutboxCountAsync(host, user));
        Assert.Single(await WaitForAsync(host, user, 2, kick: true), m => m.Subject?.StartsWith("Neue Rückmeldungsfälle: 3 (", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_daily_digest_gathers_the_cases_of_the_day_and_a_second_run_writes_nothing()
    {
        var (partner, shop) = await PartnerAsync(host);
        var daily = await UserAsync(host, partner, "daily", "de");
        var dailyEnglish = await UserAsync(host, partner, "daily", "en");
        var immediate = await UserAsync(host, partner);
        var backOffice = await UserAsync(host, null, "daily");
        var berlin = TimeSpan.FromHours(2); // summer time
        var overdueCase = Assert.Single(await DetractorsAsync(host, partner, shop, new DateTimeOffset(2071, 6, 10, 12, 0, 0, berlin))); // due end of Fri 12th
        var before = await DetractorsAsync(host, partner, shop, new DateTimeOffset(2071, 6, 14, 6, 59, 0, berlin));
        var inWindow = (await DetractorsAsync(host, partner, shop, new DateTimeOffset(2071, 6, 14, 7, 0, 0, berlin)))
            .Concat(await DetractorsAsync(host, partner, shop, new DateTimeOffset(2071, 6, 15, 6, 59, 0, berlin))).ToArray();
        var after = await DetractorsAsync(host, partner, shop, new DateTimeOffset(2071, 6, 15, 7, 0, 0, berlin));
        Assert.Equal(5, (await WaitForAsync(host, immediate, 5, kick: true)).Length);

        using (var scope = host.Services.CreateScope())
        {
            var digest = scope.ServiceProvider.GetRequiredService<DailyDigest>();
            var first = await digest.RunAsync(new DateTimeOffset(2071, 6, 15, 7, 0, 5, berlin), Ct);
            Assert.Equal(new DateOnly(2071, 6, 15), first.Day);
            Assert.True(first.Written >= 3, $"written {first.Written}");
            await digest.RunAsync(new DateTimeOffset(2071, 6, 15, 9, 30, 0, berlin), Ct); // the same day again: nothing new
        }
        var mail = Assert.Single(await WaitForAsync(host, daily, 1, kick: true));
        Assert.Equal("Neue Rückmeldungsfälle bis 15.06.2071: 2", mail.Subject);
        foreach (var id in inWindow) Assert.Contains(PortalHost.PublicBaseUrl + "/rueckmeldungen?fall=" + id + "#fall-" + id, mail.TextBody);
        foreach (var id in before.Concat(after).Append(overdueCase)) Assert.DoesNotContain(id, mail.TextBody);
        Assert.Equal("New follow-up cases up to 15.06.2071: 2", Assert.Single(await WaitForAsync(host, dailyEnglish, 1, kick: true)).Subject);
        // Back office: every partner's overdue cases at 07:00 — the one of the 10th; those of the 14th are due on the 16th, not yet.
        var overdue = Assert.Single(await WaitForAsync(host, backOffice, 1, kick: true));
        Assert.StartsWith("Überfällige Rückmeldungsfälle am 15.06.2071", overdue.Subject);
        Assert.Contains(PortalHost.PublicBaseUrl + "/rueckmeldungen?fall=" + overdueCase + "#fall-" + overdueCase, overdue.TextBody);
        Assert.DoesNotContain(inWindow[0], overdue.TextBody);
        Assert.Equal(1, await OutboxCountAsync(host, daily));
        Assert.Equal(1, await OutboxCountAsync(host, backOffice));
        Assert.Equal(5, await OutboxCountAsync(host, immediate)); // no digest for immediate, and the daily users had no immediate mail
        await SendAsync(host);
        Assert.Single(To(host, daily));
    }

    [Fact]
    public async Task Settings_answer_the_user_itself_and_users_write_and_refuse_bad_input_changing_nothing()
    {
        var (partner, _) = await PartnerAsync(host);
        var (other, _) = await PartnerAsync(host);
        var (email, password) = await host.CreateUserAsync("partner", partner);
        var (othersEmail, _) = await host.CreateUserAsync("partner", other);
        using var admin = host.Admin();

        var defaults = await (await admin.GetAsync($"/api/v1/users/{email}/notifications", Ct)).JsonAsync();
        Assert.Equal("immediate", defaults.GetProperty("followups").GetString());
        Assert.Equal("de", defaults.GetProperty("language").GetString());
        var backOffice = await UserAsync(host, null);
        Assert.Equal("off", (await (await admin.GetAsync($"/api/v1/users/{backOffice}/notifications", Ct)).JsonAsync()).GetProperty("followups").GetString());

        // Bad input: 400 with the field, nothing stored.
        var unknown = await (await admin.PutAsJsonAsync($"/api/v1/users/{email}/notifications", new { followups = "weekly" }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(unknown.Errors("followups"));
        var language = await (await admin.PutAsJsonAsync($"/api/v1/users/{email}/notifications", new { followups = "off", language = "fr" }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(language.Errors("language"));
        await (await admin.PutAsJsonAsync($"/api/v1/users/{email}/notifications", new { language = "en" }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsJsonAsync("/api/v1/users/nobody@example.test/notifications", new { followups = "off" }, Ct)).ProblemAsync(HttpStatusCode.NotFound);

        // Another partner's user: a key of this partner without users:write is refused (403), one with it does not find the user (404).
        using var reader = host.WithKey(await host.CreateKeyAsync(["partners:read"], partner));
        await (await reader.PutAsJsonAsync($"/api/v1/users/{othersEmail}/notifications", new { followups = "off" }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.PutAsJsonAsync($"/api/v1/users/nobody@example.test/notifications", new { followups = "off" }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.GetAsync($"/api/v1/users/{email}/notifications", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        using var writer = host.WithKey(await host.CreateKeyAsync(["users:write", "partners:read"], partner));
        await (await writer.PutAsJsonAsync($"/api/v1/users/{othersEmail}/notifications", new { followups = "off" }, Ct)).ProblemAsync(HttpStatusCode.NotFound);
        await (await writer.PutAsJsonAsync($"/api/v1/users/{backOffice}/notifications", new { followups = "daily" }, Ct)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("immediate", (await (await admin.GetAsync($"/api/v1/users/{email}/notifications", Ct)).JsonAsync()).GetProperty("followups").GetString());
        Assert.Equal("immediate", (await (await admin.GetAsync($"/api/v1/users/{othersEmail}/notifications", Ct)).JsonAsync()).GetProperty("followups").GetString());
        Assert.Equal("off", (await (await admin.GetAsync($"/api/v1/users/{backOffice}/notifications", Ct)).JsonAsync()).GetProperty("followups").GetString());
        Assert.Equal(0, await host.ScalarAsync<long>("select count(*) from mail.mt_doc_notificationsettings where data ->> 'updatedBy' like 'key:%' and id in (select id from partners.mt_doc_portaluser where data ->> 'email' = any($1))",
            (object)new[] { email, othersEmail, backOffice }));

        // Its own partner's user, with users:write: changed.
        var changed = await (await writer.PutAsJsonAsync($"/api/v1/users/{email}/notifications", new { followups = "daily", language = "en" }, Ct)).JsonAsync();
        Assert.Equal("daily", changed.GetProperty("followups").GetString());
        Assert.Equal("en", changed.GetProperty("language").GetString());

        // The user itself on its settings page: the form, a refused value (400, unchanged), then a saved choice.
        var (browser, login) = await host.LoginAsync(email, password);
        using (browser)
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            var page = await browser.GetStringAsync("/einstellungen", Ct);
            Assert.Contains("checked", page[page.IndexOf("followups-daily", StringComparison.Ordinal)..][..120]);
            var token = await PortalTestHost.AntiforgeryTokenAsync(browser, "/einstellungen");
            var refused = await browser.PostAsync("/einstellungen", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Followups"] = "sometimes", ["Language"] = "de",
            }), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("daily", (await (await admin.GetAsync($"/api/v1/users/{email}/notifications", Ct)).JsonAsync()).GetProperty("followups").GetString());
            var saved = await browser.PostAsync("/einstellungen", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Followups"] = "off", ["Language"] = "de",
            }), Ct);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        var now = await (await admin.GetAsync($"/api/v1/users/{email}/notifications", Ct)).JsonAsync();
        Assert.Equal("off", now.GetProperty("followups").GetString());
        Assert.Equal("de", now.GetProperty("language").GetString());
    }

    [Fact]
    public async Task The_outbox_is_back_offices_pages_by_cursor_and_refuses_bad_filters()
    {
        var (partner, shop) = await PartnerAsync(host);
        await UserAsync(host, partner);
        await UserAsync(host, partner);
        await DetractorsAsync(host, partner, shop, new DateTimeOffset(2072, 2, 2, 9, 0, 0, TimeSpan.Zero));
        using var admin = host.Admin();

        var first = await (await admin.GetAsync("/api/v1/outbox?limit=1", Ct)).JsonAsync();
        var next = first.GetProperty("next").GetString();
        Assert.NotNull(next);
        var second = await (await admin.GetAsync($"/api/v1/outbox?limit=1&after={Uri.EscapeDataString(next)}", Ct)).JsonAsync();
        Assert.NotEqual(first.GetProperty("items")[0].GetProperty("id").GetString(), second.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.True(first.GetProperty("items")[0].GetProperty("createdAt").GetDateTimeOffset() >= second.GetProperty("items")[0].GetProperty("createdAt").GetDateTimeOffset());

        Assert.NotEmpty((await (await admin.GetAsync("/api/v1/outbox?status=lost", Ct)).ProblemAsync(HttpStatusCode.BadRequest)).Errors("status"));
        Assert.NotEmpty((await (await admin.GetAsync("/api/v1/outbox?after=garbage", Ct)).ProblemAsync(HttpStatusCode.BadRequest)).Errors("after"));
        Assert.NotEmpty((await (await admin.GetAsync("/api/v1/outbox?limit=0", Ct)).ProblemAsync(HttpStatusCode.BadRequest)).Errors("limit"));
        using var partnerKey = host.WithKey(await host.StoreKeyAsync(["audit:read"], partner));
        await (await partnerKey.GetAsync("/api/v1/outbox", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        using var noScope = host.WithKey(await host.CreateKeyAsync(["partners:read"]));
        await (await noScope.GetAsync("/api/v1/outbox", Ct)).ProblemAsync(HttpStatusCode.Forbidden);

        // Back office's page lists the outbox; a partner user gets 403.
        var (boEmail, boPassword) = await host.CreateUserAsync("back-office", null);
        var (bo, _) = await host.LoginAsync(boEmail, boPassword);
        using (bo)
        {
            Assert.Equal(HttpStatusCode.OK, (await bo.GetAsync("/postausgang?status=sent", Ct)).StatusCode);
            var page = await bo.GetAsync("/postausgang", Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("data-testid=\"outbox\"", await page.Content.ReadAsStringAsync(Ct));
            Assert.Equal(HttpStatusCode.BadRequest, (await bo.GetAsync("/postausgang?status=lost", Ct)).StatusCode);
        }
        var (pEmail, pPassword) = await host.CreateUserAsync("partner", partner);
        var (partnerUser, _) = await host.LoginAsync(pEmail, pPassword);
        using (partnerUser) Assert.Equal(HttpStatusCode.Forbidden, (await partnerUser.GetAsync("/postausgang", Ct)).StatusCode);
    }

    private static async Task<JsonElement[]> ListAsync(HttpClient client, string query) =>
        (await (await client.GetAsync("/api/v1/outbox?" + query, Ct)).JsonAsync()).GetProperty("items").EnumerateArray().ToArray();

    /// <summary>Calls the listener as FollowUps does: inside a transaction on its connection, then commits or rolls back.</summary>
    private async Task OpenAsync(FollowUpCaseInfo info, bool commit) => await OpenAsync([info], commit);

    private async Task OpenAsync(FollowUpCaseInfo[] cases, bool commit)
    {
        using var scope = host.Services.CreateScope();
        var listener = Assert.Single(scope.ServiceProvider.GetServices<IFollowUpCaseListener>());
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await listener.CasesOpenedAsync(connection, transaction, cases, Ct);
        if (commit) await transaction.CommitAsync(Ct); else await transaction.RollbackAsync(Ct);
    }

    [Fact]
    public void The_daily_digest_is_a_recurring_job_at_07_00_Berlin_time()
    {
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var digest = Assert.Single(connection.GetRecurringJobs(), j => j.Id == "mail:daily-digest");
        Assert.Equal("0 7 * * *", digest.Cron);
        Assert.Equal("Europe/Berlin", digest.TimeZoneId);
        // And so the next run is at 07:00 on the Berlin clock, summer or winter.
        var next = TimeZoneInfo.ConvertTime(new DateTimeOffset(Assert.NotNull(digest.NextExecution), TimeSpan.Zero), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal((7, 0), (next.Hour, next.Minute));
    }
}
