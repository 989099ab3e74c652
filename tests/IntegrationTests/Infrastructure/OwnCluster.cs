using PartnerPortal.Host.Database;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster of a test's own, in a temp folder, and the host processes started on it
/// (<see cref="HostNode"/>): for tests that need a database nobody else writes to or a host configured differently from
/// the shared one. Disposing stops the hosts, the cluster, and deletes the folder.
/// </summary>
public sealed class OwnCluster : IAsyncDisposable
{
    private readonly string _root;
    private readonly EmbeddedPostgres _postgres;
    private readonly List<HostNode> _nodes = [];

    private OwnCluster(string name)
    {
        _root = Path.Combine(Path.GetTempPath(), $"partnerportal-{name}-" + Guid.NewGuid().ToString("N")[..10]);
        _postgres = EmbeddedPostgres.Start(Path.Combine(_root, "pgdata"), database: "partnerportal_" + name.Replace('-', '_'), throwaway: true);
    }

    /// <summary>Starts the cluster; <paramref name="name"/> (letters, digits, '-') names the folder and the database.</summary>
    public static OwnCluster Start(string name) => new(name);

    public string ConnectionString => _postgres.ConnectionString;

    public IReadOnlyList<HostNode> Nodes => _nodes;

    /// <summary>Starts a host process on the cluster with the bootstrap <paramref name="key"/> and extra environment settings.</summary>
    public async Task<HostNode> StartNodeAsync(string key, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var node = await HostNode.StartAsync(ConnectionString, key, settings, ct);
        _nodes.Add(node);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        _postgres.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
