using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PartnerPortal.BuildingBlocks.Caching;

/// <summary>
/// One connection per host that LISTENs on some channels and reports what it hears, for copies kept in memory that must
/// not be trusted while it does not listen (ADRs 0025 and 0061). It tells <see cref="Listening"/> true once it listens,
/// false as soon as the connection fails (before the pause, so meanwhile every read asks the database) and when the host
/// stops; it reconnects by itself with a growing pause (0.5 s to 10 s), and a query after each quiet
/// <see cref="Heartbeat"/> finds a connection that died silently.
/// </summary>
public abstract class NotificationListener(IServiceProvider services, ILogger logger) : BackgroundService
{
    /// <summary>How long the listener waits for a notification before it checks its connection with a query.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>The connection's <c>application_name</c>, to tell it apart in <c>pg_stat_activity</c>.</summary>
    protected abstract string ConnectionName { get; }

    /// <summary>The channels to listen on (SQL identifiers); none: the listener does not connect.</summary>
    protected abstract IReadOnlyCollection<string> Channels { get; }

    /// <summary>Logged (as a warning, with the error) when the connection is lost.</summary>
    protected abstract string LostMessage { get; }

    /// <summary>A notification on one of <see cref="Channels"/>, on the connection's thread.</summary>
    protected abstract void Heard(string channel, string payload);

    /// <summary>Whether what is heard can be trusted from now on: true once listening, false when that ends.</summary>
    protected abstract void Listening(bool listening);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // off the host's start-up path; the document store is built in the background (ADR 0020)
        if (Channels.Count == 0) return;
        var store = services.GetRequiredService<IDocumentStore>();
        var retry = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = store.Storage.Database.CreateConnection();
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Heard(e.Channel, e.Payload);
                var listen = string.Join("; ", Channels.Select(c => $"listen {c}"));
                await using (var command = new NpgsqlCommand($"set application_name = '{ConnectionName}'; {listen}", connection))
                    await command.ExecuteNonQueryAsync(stoppingToken);
                Listening(true);
                retry = TimeSpan.FromMilliseconds(500);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (await connection.WaitAsync(Heartbeat, stoppingToken)) continue;
                    await using var ping = new NpgsqlCommand("select 1", connection);
                    await ping.ExecuteScalarAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) // whatever broke the connection: an exception here would stop the whole host
            {
                Listening(false); // before the pause: meanwhile every read asks the database
                logger.LogWarning(e, "{Lost}", LostMessage);
                try { await Task.Delay(retry, stoppingToken); } catch (OperationCanceledException) { break; }
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
        Listening(false);
    }
}
