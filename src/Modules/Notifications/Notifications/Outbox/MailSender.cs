using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;
using Npgsql;
using PartnerPortal.Notifications.Mails;

namespace PartnerPortal.Notifications.Outbox;

/// <summary>What one run of the sender did (the Hangfire job's result).</summary>
internal sealed record SendReport(int Sent, int Retried, int Failed, bool SmtpConfigured);

/// <summary>
/// Sends the due pending messages of the outbox over SMTP (MailKit), a batch at a time. Each batch is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> in a transaction that stays open while its messages are sent and records the result:
/// a second run (a retry, the recurring job beside an enqueued one, another host) skips the claimed rows and can never
/// send them again. A message the server does not take is tried again after <see cref="MailSettings.BackoffAfter"/>
/// and is <c>failed</c> after <see cref="MailSettings.MaxAttempts"/> attempts. The idempotency key is the Message-Id,
/// so should a host die between the server's acceptance and the commit, the one copy sent again carries the same id.
/// With no SMTP host configured nothing is sent and the messages stay pending; that is logged once per process.
/// </summary>
internal sealed class MailSender(IDocumentStore store, MailSettings settings, ILogger<MailSender> logger)
{
    public const string RecurringJobId = "mail:send";
    public const int BatchSize = 50;

    private static int _loggedUnconfigured;

    /// <summary>Sends until nothing is due (or a batch could not reach the server).</summary>
    public async Task<SendReport> RunAsync(CancellationToken ct)
    {
        if (!settings.SmtpConfigured)
        {
            if (Interlocked.Exchange(ref _loggedUnconfigured, 1) == 0)
                logger.LogWarning("No SMTP server configured (PartnerPortal:Mail:Smtp:Host): mails stay pending in the outbox ({Table}), listed on /postausgang.", OutboxTable.Name);
            return new SendReport(0, 0, 0, false);
        }
        int sent = 0, retried = 0, failed = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await SendBatchAsync(ct);
            sent += batch.Sent; retried += batch.Retried; failed += batch.Failed;
            if (batch.Sent + batch.Retried + batch.Failed < BatchSize || batch.Sent == 0) break;
        }
        return new SendReport(sent, retried, failed, true);
    }

    private async Task<SendReport> SendBatchAsync(CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var claimed = new List<(Guid Id, string Key, string To, string Subject, string Body, int Attempts, string Language, string? Template)>();
        await using (var claim = new NpgsqlCommand($"""
            select id, idempotency_key, recipient, subject, body, attempts, language, template from {OutboxTable.Name}
            where status = '{OutboxStatus.Pending}' and next_attempt_at <= now()
            order by next_attempt_at, id limit {BatchSize}
            for update skip locked
            """, connection, transaction))
        await using (var reader = await claim.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                claimed.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                    reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        if (claimed.Count == 0) return new SendReport(0, 0, 0, true);

        int sent = 0, retried = 0, failed = 0;
        using var smtp = new SmtpClient();
        Exception? unreachable = null;
        try
        {
            await ConnectAsync(smtp, ct);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or SmtpCommandException or SmtpProtocolException
                                      or AuthenticationException or SslHandshakeException or TimeoutException or OperationCanceledException
                                      && !ct.IsCancellationRequested)
        {
            unreachable = e;
            logger.LogWarning("SMTP server {Host}:{Port} not reachable ({Error}); {Count} mails will be tried again.", settings.SmtpHost, settings.SmtpPort,
                e.Message, claimed.Count);
        }
        foreach (var message in claimed)
        {
            var error = unreachable;
            if (error is null)
            {
                try
                {
                    // A body stored as facts is written now (ADR 0063), only for a message that is about to go out.
                    var text = CaseMails.Text(message.Template, message.Body, message.Language, settings);
                    await smtp.SendAsync(Compose(message.Key, message.To, message.Subject, text), ct);
                }
                catch (InvalidDataException e) // facts that cannot be read: this message fails like a refused one, the rest go on
                {
                    error = e;
                    logger.LogWarning("Mail {Id} to {To} cannot be written: {Error}", message.Id, message.To, e.Message);
                }
                catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or ParseException
                                              or System.Net.Sockets.SocketException)
                {
                    error = e;
                    logger.LogWarning("Mail {Id} to {To} not sent: {Error}", message.Id, message.To, e.Message);
                    if (e is not SmtpCommandException) unreachable = e; // the connection is gone: the rest of the batch waits too
                }
            }
            if (error is null)
            {
                await UpdateAsync(connection, transaction, message.Id, OutboxStatus.Sent, message.Attempts + 1, TimeSpan.Zero, null, ct);
                sent++;
            }
            else
            {
                var attempts = message.Attempts + 1;
                var gaveUp = attempts >= settings.MaxAttempts;
                await UpdateAsync(connection, transaction, message.Id, gaveUp ? OutboxStatus.Failed : OutboxStatus.Pending, attempts,
                    settings.BackoffAfter(attempts), Truncate(error.Message), ct);
                if (gaveUp) failed++; else retried++;
            }
        }
        if (smtp.IsConnected)
        {
            try { await smtp.DisconnectAsync(quit: true, ct); }
            catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException) { /* sent is sent */ }
        }
        await transaction.CommitAsync(CancellationToken.None);
        return new SendReport(sent, retried, failed, true);
    }

    private async Task ConnectAsync(SmtpClient smtp, CancellationToken ct)
    {
        smtp.Timeout = 30_000;
        await smtp.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, settings.UseTls ? SecureSocketOptions.Auto : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(settings.UserName)) await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
    }

    private MimeMessage Compose(string key, string to, string subject, string body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = MessageIdOf(key, settings);
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    /// <summary>The Message-Id of a message: its idempotency key (made safe for the header) at the portal's host.</summary>
    public static string MessageIdOf(string key, MailSettings settings) =>
        new string(key.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' ? ch : '.').ToArray()) + "@" + settings.PublicBaseUrl.Host;

    private static async Task UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string status, int attempts, TimeSpan retryIn,
        string? error, CancellationToken ct)
    {
        await using var update = new NpgsqlCommand($"""
            update {OutboxTable.Name} set status = $2, attempts = $3, next_attempt_at = now() + $4, last_error = $5,
                sent_at = case when $2 = '{OutboxStatus.Sent}' then now() end
            where id = $1
            """, connection, transaction);
        update.Parameters.AddWithValue(id);
        update.Parameters.AddWithValue(status);
        update.Parameters.AddWithValue(attempts);
        update.Parameters.AddWithValue(retryIn);
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await update.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
