using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;
using PartnerPortal.Host.Database;

namespace PartnerPortal.Host.Security;

/// <summary>
/// ASP.NET Core data protection (login cookie, antiforgery tokens) with its key ring in PostgreSQL, table
/// <c>portal.data_protection_keys</c>, under one application name: every host on the database protects and
/// unprotects with the same keys, so a login cookie issued by one node is accepted by every other and survives
/// restarts and deployments. See ADR 0012.
/// </summary>
internal static class DataProtectionSetup
{
    /// <summary>The application discriminator. Without it, ASP.NET Core uses the content root path, which differs
    /// between machines and installs, and hosts could not read each other's cookies.</summary>
    public const string ApplicationName = "PartnerPortal";

    public static void AddPortalDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new PostgresXmlRepository(DatabaseSetup.ConnectionString(sp.GetRequiredService<IConfiguration>()))));
    }
}

/// <summary>
/// The data-protection key ring as rows of <c>portal.data_protection_keys</c> (one XML element per key, as the file
/// system repository would write one file per key). The table is created on first use; keys are only ever added,
/// never changed (revocations are new elements). Data protection calls this synchronously, rarely: at start-up,
/// when a key is created, and when the key ring is refreshed (about once a day).
/// </summary>
internal sealed class PostgresXmlRepository(string connectionString) : IXmlRepository
{
    public const string Table = "portal.data_protection_keys";

    private volatile bool _tableExists;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        using var command = new NpgsqlCommand($"select xml from {Table} order by created_at, friendly_name", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand(
            $"insert into {Table} (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do nothing", connection);
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            if (!_tableExists) EnsureTable(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Creates the table once; the advisory lock keeps two hosts starting together from racing on it.</summary>
    private void EnsureTable(NpgsqlConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var command = new NpgsqlCommand(
            "select pg_advisory_xact_lock(hashtext('partnerportal:data_protection_keys')); " +
            "create schema if not exists portal; " +
            $"create table if not exists {Table} (friendly_name text primary key, xml text not null, created_at timestamptz not null default now())",
            connection, transaction);
        command.ExecuteNonQuery();
        transaction.Commit();
        _tableExists = true;
    }
}
