using PartnerPortal.BuildingBlocks.Data;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace PartnerPortal.Partners.Logins;

/// <summary>What a failed sign-in left behind: the failures counted so far, whether the address is now locked, and whether
/// this failure locked it and so gave the login a new security stamp.</summary>
internal readonly record struct FailureCount(int Failures, bool Locked, bool EndedSessions);

/// <summary>
/// The lockout counter, one row per e-mail key (<see cref="BuildingBlocks.Security.LoginEmail"/>), also for addresses
/// no login has, so that an unknown address answers exactly as a known one (ADR 0027). Every change is a single SQL
/// statement, so parallel failures on any number of hosts are all counted: the row is locked while it is updated.
/// <list type="bullet">
/// <item>A failure adds one; the one that reaches <see cref="LockoutOptions.MaxFailedAccessAttempts"/> locks the address
/// for <see cref="LockoutOptions.DefaultLockoutTimeSpan"/> and gives the login (if there is one) a new security stamp,
/// which ends its sessions. Failures while locked are still counted but do not extend the lock.</item>
/// <item>The count starts afresh after the lock has run out, or when the last failure is older than
/// <see cref="ForgetAfter"/>; a successful sign-in deletes the row (not while locked).</item>
/// </list>
/// The key is stored as a SHA-256 hash: the table keeps no addresses strangers typed in.
/// </summary>
internal sealed class LoginFailures(IDocumentStore store, IOptions<IdentityOptions> identity)
{
    public const string Table = "login_failures";

    /// <summary>A count with no failure for this long is forgotten (and the row deleted by <see cref="LoginFailureCleanup"/>).</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    private LockoutOptions Lockout => identity.Value.Lockout;

    /// <summary>The table, created with the documents' schema (Marten's extended schema objects).</summary>
    public static Weasel.Postgresql.Tables.Table Definition()
    {
        var table = new Weasel.Postgresql.Tables.Table(new PostgresqlObjectName(PartnersModule.Schema, Table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("email_hash").AsPrimaryKey();
        table.AddColumn<int>("failures").NotNull();
        table.AddColumn("locked_until", "timestamp with time zone").AllowNulls();
        table.AddColumn("last_failure_at", "timestamp with time zone").NotNull();
        return table;
    }

    /// <summary>The stored form of a key.</summary>
    public static string Hash(string emailKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(emailKey)));

    /// <summary>Counts a failure; when it locks the address, <paramref name="userId"/>'s login (if any) gets
    /// <paramref name="newStamp"/> in the same statement.</summary>
    public async Task<FailureCount> RegisterAsync(string emailKey, string? userId, string newStamp, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        // $2 max failures, $3 lock duration, $4 forget after. "fresh": the old count no longer applies.
        await using var command = new NpgsqlCommand($"""
            with counted as (
                insert into {PartnersModule.Schema}.{Table} as f (email_hash, failures, locked_until, last_failure_at)
                values ($1, 1, case when $2 <= 1 then now() + $3 end, now())
                on conflict (email_hash) do update set
                    failures = case when f.locked_until <= now() or f.last_failure_at < now() - $4 then 1 else f.failures + 1 end,
                    locked_until = case
                        when f.locked_until > now() then f.locked_until
                        when (case when f.locked_until <= now() or f.last_failure_at < now() - $4 then 1 else f.failures + 1 end) >= $2
                            then now() + $3
                    end,
                    last_failure_at = now()
                returning failures, locked_until
            ), stamped as (
                update {MartenTables.Of<PortalUser>(store)} set data = jsonb_set(data, array['securityStamp'], to_jsonb($6::text))
                where id = $5 and (select failures from counted) = $2
                returning id
            )
            select failures, coalesce(locked_until > now(), false), (select count(*) from stamped) from counted
            """, connection);
        command.Parameters.AddWithValue(Hash(emailKey));
        command.Parameters.AddWithValue(Math.Max(1, Lockout.MaxFailedAccessAttempts));
        command.Parameters.AddWithValue(Lockout.DefaultLockoutTimeSpan);
        command.Parameters.AddWithValue(ForgetAfter);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        command.Parameters.AddWithValue(newStamp);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new FailureCount(reader.GetInt32(0), reader.GetBoolean(1), reader.GetInt64(2) > 0);
    }

    /// <summary>After the right password: forgets the failures and answers false, unless the address is locked (then
    /// the count stays and the answer is true). One statement, the same work whether there was a row or not.</summary>
    public async Task<bool> ClearUnlessLockedAsync(string emailKey, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            with cleared as (
                delete from {PartnersModule.Schema}.{Table} where email_hash = $1 and not coalesce(locked_until > now(), false) returning 1
            )
            select exists (select 1 from {PartnersModule.Schema}.{Table} where email_hash = $1 and locked_until > now())
            """, connection);
        command.Parameters.AddWithValue(Hash(emailKey));
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Deletes the rows that no longer count: no lock in force and no failure for <see cref="ForgetAfter"/>.</summary>
    public async Task<int> DeleteForgottenAsync(CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            delete from {PartnersModule.Schema}.{Table}
            where last_failure_at < now() - $1 and not coalesce(locked_until > now(), false)
            """, connection);
        command.Parameters.AddWithValue(ForgetAfter);
        return await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Every hour, each host deletes the lockout rows that no longer count (idempotent; several hosts may do it).
/// Without it, addresses strangers try would pile up.</summary>
internal sealed class LoginFailureCleanup(LoginFailures failures, ILogger<LoginFailureCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await failures.DeleteForgottenAsync(stoppingToken);
                if (deleted > 0) logger.LogInformation("Deleted {Count} expired sign-in failure counts.", deleted);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Sign-in failure counts not cleaned up; trying again in {Interval}.", Interval);
            }
        }
    }
}
