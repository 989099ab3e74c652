using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PartnerPortal.Notifications.Mails;

namespace PartnerPortal.Notifications.Outbox;

/// <summary>
/// Enqueues the sender as soon as a transaction that wrote outbox messages has committed: writers send
/// <c>NOTIFY mail_outbox</c> in their transaction, which PostgreSQL delivers only on commit (and never on rollback), so
/// the job never runs ahead of the rows it is meant to send. Each host listens; a burst of notifications within
/// <see cref="Coalesce"/> gives one job. Should the connection drop, it listens again after a pause; the recurring
/// job (every minute) sends whatever a missed notification left. With no SMTP server configured there is nothing a
/// run could send (<see cref="MailSender"/>), so the host does not listen at all: a job per burst would only cost the
/// writers' database its Hangfire rows.
/// </summary>
internal sealed class OutboxWakeUp(IDocumentStore store, IBackgroundJobClient jobs, MailSettings settings, ILogger<OutboxWakeUp> logger) : BackgroundService
{
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.SmtpConfigured) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
                await connection.OpenAsync(stoppingToken);
                var signalled = 0;
                connection.Notification += (_, _) => Interlocked.Exchange(ref signalled, 1);
                await using (var listen = new NpgsqlCommand($"listen {OutboxTable.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                    // Notifications arriving meanwhile set the flag again, or are read by the next wait: none is lost.
                    await Task.Delay(Coalesce, stoppingToken);
                    if (Interlocked.Exchange(ref signalled, 0) == 1) jobs.Enqueue<MailSender>(s => s.RunAsync(CancellationToken.None));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning("Outbox wake-up lost its connection ({Error}); listening again in 5 s.", e.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
