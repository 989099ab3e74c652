using PartnerPortal.BuildingBlocks.Data;
using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace PartnerPortal.Partners.Logins;

/// <summary>
/// The security stamps behind the login cookies (ADR 0027). A stamp read from the database is trusted on this host for
/// <see cref="CacheFor"/> (<c>PartnerPortal:Security:SessionCheckInterval</c>), so a signed-in user costs one small
/// query per period, not one per request; another host's sign-out therefore reaches this host within that period, this
/// host's own at once. A stamp is kept only if no stamp changed on this host while it was being read (a generation
/// counter), so a slow read cannot put back a stamp that was just replaced.
/// </summary>
internal sealed class LoginSessions(IDocumentStore store, IMemoryCache cache, LoginSessions.Settings settings) : ILoginSessions
{
    /// <summary><c>PartnerPortal:Security:SessionCheckInterval</c>, checked at start-up.</summary>
    public sealed record Settings(TimeSpan CacheFor)
    {
        public const string Key = "PartnerPortal:Security:SessionCheckInterval";
        public static readonly TimeSpan Default = TimeSpan.FromSeconds(5);
        public static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);

        public static Settings From(IConfiguration configuration)
        {
            var value = configuration.GetValue(Key, Default);
            if (value < TimeSpan.Zero || value > Longest)
                throw new InvalidOperationException($"{Key} must be between 00:00:00 (ask the database on every request) and {Longest:c}, not {value:c}.");
            return new Settings(value);
        }
    }

    private readonly Lock _gate = new();
    private long _generation;

    public TimeSpan CacheFor => settings.CacheFor;

    public async ValueTask<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal.FindFirstValue(ILoginSessions.StampClaim);
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(stamp)) return false; // a cookie from before stamps: sign in again
        return string.Equals(await CurrentStampAsync(userId, ct), stamp, StringComparison.Ordinal);
    }

    /// <summary>Gives the user a new stamp (and returns it): every session of the user ends, on this host at once, on the
    /// others within <see cref="CacheFor"/>.</summary>
    public async Task<string> EndAllAsync(string userId, CancellationToken ct)
    {
        var stamp = NewStamp();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"update {MartenTables.Of<PortalUser>(store)} set data = jsonb_set(data, '{{securityStamp}}', to_jsonb($2::text)) where id = $1",
            connection);
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(stamp);
        await command.ExecuteNonQueryAsync(ct);
        Forget(userId);
        return stamp;
    }

    /// <summary>Drops this host's copy of a user's stamp after it changed here (sign-out, lock, saved login).</summary>
    public void Forget(string userId)
    {
        lock (_gate)
        {
            _generation++;
            cache.Remove(CacheKey(userId));
        }
    }

    public static string NewStamp() => Guid.NewGuid().ToString("N");

    private async Task<string?> CurrentStampAsync(string userId, CancellationToken ct)
    {
        var key = CacheKey(userId);
        if (cache.TryGetValue(key, out StampEntry? known) && known is not null) return known.Stamp;
        long generation;
        lock (_gate) generation = _generation;
        string? stamp;
        await using (var connection = store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                $"select data ->> 'securityStamp' from {MartenTables.Of<PortalUser>(store)} where id = $1", connection);
            command.Parameters.AddWithValue(userId);
            stamp = await command.ExecuteScalarAsync(ct) as string; // null: no such user (any more)
        }
        if (settings.CacheFor > TimeSpan.Zero)
        {
            lock (_gate)
            {
                if (_generation == generation) cache.Set(key, new StampEntry(stamp), settings.CacheFor);
            }
        }
        return stamp;
    }

    private static string CacheKey(string userId) => "login-stamp:" + userId;

    /// <summary>A class, so that "no such user" can be cached too.</summary>
    private sealed record StampEntry(string? Stamp);
}
