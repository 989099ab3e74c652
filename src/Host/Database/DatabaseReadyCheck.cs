using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerPortal.BuildingBlocks.Data;
using Npgsql;

namespace PartnerPortal.Host.Database;

/// <summary>Ready = the database answers and the schema is in place (Marten's and Hangfire's).</summary>
internal sealed class DatabaseReadyCheck(IConfiguration configuration, IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(DatabaseSetup.ConnectionString(configuration)) { Timeout = 3 };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select to_regclass($1) is not null and to_regclass('hangfire.job') is not null", connection);
            command.Parameters.AddWithValue(MartenTables.Of<Partners.Directory.Partner>(store));
            return await command.ExecuteScalarAsync(cancellationToken) is true
                ? HealthCheckResult.Healthy("Database reachable, schema in place.")
                : HealthCheckResult.Unhealthy("Database reachable, but the schema is not in place yet.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Database not reachable: " + e.Message);
        }
    }
}
