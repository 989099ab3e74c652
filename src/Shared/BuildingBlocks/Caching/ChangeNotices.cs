using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace PartnerPortal.BuildingBlocks.Caching;

/// <summary>A channel of <see cref="ChangeNotices"/>: a lower-case SQL identifier (letters, digits, <c>_</c>).</summary>
public sealed record ChangeChannel(string Name);

/// <summary>
/// Change notices across hosts, for caches that need no database round trip to know they are current (ADR 0061; ADR 0025
/// did the same for Scoring's stamps alone). A module that caches data any host may change names a channel; every
/// transaction that changes the data NOTIFYs it (<see cref="NotifySql"/>, delivered by PostgreSQL only on commit), and this
/// host, LISTENing on every channel on one connection, moves that channel's <see cref="Generation"/> on when it hears it.
/// A cache keeps what it read under the generation it asked for before reading (<see cref="StampedCache{TKey,TStamp,TValue}"/>),
/// so the first read after a notice goes to the database again.
/// <list type="bullet">
/// <item>While the listening connection is down there is no generation (null): every read asks the database, nothing is kept.
/// On every (re)connect all generations move on, so nothing kept before it is used after it.</item>
/// <item>The host that made a change moves the generation itself right after its commit (<see cref="Changed"/>): what it
/// answers next already reads the change, without waiting for its own notice.</item>
/// <item>Another host reads a change once its notice has arrived: after the commit, usually within a millisecond or two.</item>
/// </list>
/// </summary>
public sealed class ChangeNotices : NotificationListener
{
    /// <summary>The listening connection's <c>application_name</c>, to tell it apart in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "partnerportal:change-notices";

    private readonly Lock _gate = new();
    private readonly string[] _channels;
    private readonly Dictionary<string, long> _generations;
    private bool _listening;

    public ChangeNotices(IServiceProvider services, IEnumerable<ChangeChannel> channels, ILogger<ChangeNotices> logger) : base(services, logger)
    {
        _channels = channels.Select(c => Checked(c.Name)).Distinct(StringComparer.Ordinal).ToArray();
        _generations = _channels.ToDictionary(c => c, _ => 0L, StringComparer.Ordinal);
    }

    /// <summary>The statement that announces a change on <paramref name="channel"/>; run it in the changing transaction.</summary>
    public static string NotifySql(string channel) => $"select pg_notify('{Checked(channel)}', '')";

    /// <summary>The channel's current generation, or null while this host does not listen (then read the database and keep
    /// nothing). Ask before reading the data a cache entry is built from.</summary>
    public long? Generation(string channel)
    {
        lock (_gate) return _listening ? _generations[channel] : null;
    }

    /// <summary>This host changed the channel's data and committed: what it kept before is not used again.</summary>
    public void Changed(string channel)
    {
        lock (_gate) _generations[channel]++;
    }

    /// <summary>Registers a channel and, once, the listener itself.</summary>
    public static void AddChannel(IServiceCollection services, string channel)
    {
        services.AddSingleton(new ChangeChannel(Checked(channel)));
        if (services.Any(d => d.ServiceType == typeof(ChangeNotices))) return;
        services.TryAddSingleton<ChangeNotices>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeNotices>());
    }

    /// <summary><paramref name="name"/> if it is a channel name (it goes into SQL as it is), else an exception.</summary>
    private static string Checked(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_') && name[0] is >= 'a' and <= 'z'
            ? name
            : throw new ArgumentException($"'{name}' is not a channel name (a-z, 0-9, _; a letter first).", nameof(name));

    protected override string ConnectionName => ApplicationName;

    protected override IReadOnlyCollection<string> Channels => _channels;

    protected override string LostMessage => "Change notices lost; caches read the database until they are back.";

    protected override void Heard(string channel, string payload)
    {
        lock (_gate)
        {
            if (_generations.ContainsKey(channel)) _generations[channel]++;
        }
    }

    /// <summary>Every generation moves on, whichever way: nothing kept before is used after.</summary>
    protected override void Listening(bool listening)
    {
        lock (_gate)
        {
            foreach (var channel in _channels) _generations[channel]++;
            _listening = listening;
        }
    }
}

/// <summary>
/// A Marten session listener that announces changes to documents of <typeparamref name="T"/> on a <see cref="ChangeNotices"/>
/// channel: a NOTIFY in the saving transaction (every host hears it on commit) and, after the commit, this host's own
/// <see cref="ChangeNotices.Changed"/>. Whatever code stores or deletes a <typeparamref name="T"/> through a session is
/// covered; a change by plain SQL must NOTIFY itself.
/// </summary>
public sealed class NotifyChangesOf<T>(ChangeNotices notices, string channel) : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (Touches(session)) session.QueueSqlCommand(ChangeNotices.NotifySql(channel));
        return Task.CompletedTask;
    }

    public override Task AfterCommitAsync(IDocumentSession session, Marten.Services.IChangeSet commit, CancellationToken token)
    {
        if (commit.Inserted.OfType<T>().Any() || commit.Updated.OfType<T>().Any() || commit.Deleted.Any(d => d.DocumentType == typeof(T)))
            notices.Changed(channel);
        return Task.CompletedTask;
    }

    private static bool Touches(IDocumentSession session)
    {
        var pending = session.PendingChanges;
        return pending.AllChangedFor<T>().Any() || pending.DeletionsFor<T>().Any();
    }
}
