using Microsoft.Extensions.Logging;
using PartnerPortal.BuildingBlocks.Caching;

namespace PartnerPortal.Scoring.Scorecards;

/// <summary>
/// This host's copy of the <see cref="ScoreCardStamp"/>s (quarter → when its cards were last written), so that a cached
/// read (summary, score-card list) needs no database round trip to know it is still current. See ADR 0025.
/// <para>
/// The copy is trusted only while this host LISTENs on <see cref="Channel"/>: a recalculation stores its stamp and
/// NOTIFYs in one transaction, so every host hears of it when it commits (and the recalculating host forgets the
/// quarter itself at once, <see cref="Forget"/>). While the listening connection is down, nothing is kept and every
/// read asks the database, as before; when it is back, the copy starts empty. A stamp read from the database is kept
/// only if no notification (and no reconnect) came in while it was read, so a slow read cannot put an old stamp back.
/// </para>
/// </summary>
internal sealed class ScoreCardStamps(IServiceProvider services, ILogger<ScoreCardStamps> logger) : NotificationListener(services, logger)
{
    /// <summary>The NOTIFY channel; the payload is the quarter, e.g. <c>2024-Q2</c>.</summary>
    public const string Channel = "scoring_stamps";

    /// <summary>The listening connection's <c>application_name</c>, to tell it apart in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "partnerportal:scoring-stamps";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset?> _known = new(StringComparer.Ordinal);
    private long _generation;
    private volatile bool _listening;

    /// <summary>The stamp of each quarter, in the same order (null: never recalculated); from memory when every one is
    /// known, otherwise in one round trip.</summary>
    public async Task<DateTimeOffset?[]> GetAsync(IReadOnlyList<string> quarters, IQuerySession session, CancellationToken ct)
    {
        var result = new DateTimeOffset?[quarters.Count];
        long generation;
        lock (_gate)
        {
            if (_listening && TryGetAll(quarters, result)) return result;
            generation = _generation;
        }
        var stamps = (await session.LoadManyAsync<ScoreCardStamp>(ct, quarters)).ToDictionary(s => s.Id, s => s.CalculatedAt, StringComparer.Ordinal);
        for (var i = 0; i < quarters.Count; i++) result[i] = stamps.TryGetValue(quarters[i], out var at) ? at : null;
        lock (_gate)
        {
            if (_listening && generation == _generation)
                for (var i = 0; i < quarters.Count; i++) _known[quarters[i]] = result[i];
        }
        return result;
    }

    /// <summary>Drops a quarter whose stamp has just changed (a notification, or this host's own recalculation).</summary>
    public void Forget(string quarter)
    {
        lock (_gate)
        {
            _generation++;
            _known.Remove(quarter);
        }
    }

    private bool TryGetAll(IReadOnlyList<string> quarters, DateTimeOffset?[] result)
    {
        for (var i = 0; i < quarters.Count; i++)
        {
            if (!_known.TryGetValue(quarters[i], out var at)) return false;
            result[i] = at;
        }
        return true;
    }

    protected override string ConnectionName => ApplicationName;

    protected override IReadOnlyCollection<string> Channels { get; } = [Channel];

    protected override string LostMessage => "Score-card stamp notifications lost; reading stamps from the database until they are back.";

    protected override void Heard(string channel, string payload) => Forget(payload);

    /// <summary>Whichever way: the copy starts empty, so nothing kept before is used after.</summary>
    protected override void Listening(bool listening)
    {
        lock (_gate)
        {
            _generation++;
            _known.Clear();
            _listening = listening;
        }
    }
}
