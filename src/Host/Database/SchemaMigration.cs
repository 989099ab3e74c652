using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;
using Weasel.Core.Migrations;

namespace PartnerPortal.Host.Database;

/// <summary>
/// Brings the database schema up to the documents the modules configure, at start-up, before the host reports ready.
/// Comparing every table with the catalog costs seconds even when nothing changed, so the host first compares a
/// fingerprint (SHA-256 of the DDL Marten would create, computed without the database) with the one stored by the last
/// migration (<c>portal.schema_fingerprint</c>); only when they differ does it let Marten apply the changes and store
/// the new fingerprint. A schema changed by hand behind the host's back is not noticed, not even on a document type's
/// first use (an unchanged fingerprint marks every configured document as checked): delete the row to force a check.
/// </summary>
internal sealed class SchemaMigration(IServiceProvider services, IConfiguration configuration, ILogger<SchemaMigration> logger) : IHostedService
{
    private readonly Lazy<Task<(IDocumentStore Store, string Fingerprint)>> _prepared = new(() => Task.Run(() =>
    {
        var store = services.GetRequiredService<IDocumentStore>();
        return (store, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(store.Storage.ToDatabaseScript()))));
    }));

    /// <summary>Builds the document store and the fingerprint on the thread pool (about half a second of CPU, no
    /// database), so it overlaps the rest of the host's set-up; <see cref="StartAsync"/> waits for it.</summary>
    public void BeginPreparing() => _ = _prepared.Value;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (store, fingerprint) = await _prepared.Value.WaitAsync(cancellationToken);
        await using var connection = new NpgsqlConnection(DatabaseSetup.ConnectionString(configuration));
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("""
            create schema if not exists portal;
            create table if not exists portal.schema_fingerprint (id int primary key, fingerprint text not null, applied_at timestamptz not null)
            """, connection))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await using (var read = new NpgsqlCommand("select fingerprint from portal.schema_fingerprint where id = 1", connection))
        {
            if (await read.ExecuteScalarAsync(cancellationToken) as string == fingerprint)
            {
                // What the fingerprint proves, Marten need not check again: without this it compares each document type's
                // table with the catalog on the type's first use in the process (the bootstrap key's load at start-up,
                // then the first request of each kind). Types no module configures are still checked on first use.
                if (store.Storage.Database is DatabaseBase<NpgsqlConnection> database) database.MarkAllFeaturesAsChecked();
                logger.LogInformation("Database schema unchanged (fingerprint {Fingerprint}).", fingerprint[..12]);
                return;
            }
        }
        logger.LogInformation("Database schema differs from the documents' configuration: applying the changes.");
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var write = new NpgsqlCommand("""
            insert into portal.schema_fingerprint (id, fingerprint, applied_at) values (1, $1, now())
            on conflict (id) do update set fingerprint = excluded.fingerprint, applied_at = excluded.applied_at
            """, connection);
        write.Parameters.AddWithValue(fingerprint);
        await write.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
