using JasperFx;
using Marten;
using PartnerPortal.BuildingBlocks.Data;
using Weasel.Core;

namespace PartnerPortal.Host.Database;

internal static class DatabaseSetup
{
    public const string ConnectionStringName = "PartnerPortal";

    /// <summary>
    /// Uses <c>ConnectionStrings:PartnerPortal</c>; when it is empty, starts the embedded development cluster
    /// (the returned handle stops it) and seeds demo data and the showcase unless <c>PartnerPortal:SeedDemoData</c> or
    /// <c>PartnerPortal:DemoData:Showcase</c> says otherwise.
    /// </summary>
    public static EmbeddedPostgres? AddPartnerPortalDatabase(this WebApplicationBuilder builder)
    {
        EmbeddedPostgres? embedded = null;
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionStringName)))
        {
            var folder = builder.Configuration["PartnerPortal:EmbeddedDatabase:DataDirectory"]
                         ?? Path.Combine(builder.Environment.ContentRootPath, ".data", "postgres");
            embedded = EmbeddedPostgres.Start(folder, log: message => Console.WriteLine($"[embedded database] {message}"));
            builder.Configuration[$"ConnectionStrings:{ConnectionStringName}"] = embedded.ConnectionString;
            builder.Configuration["PartnerPortal:SeedDemoData"] ??= "true";
            builder.Configuration[Demo.DemoSeeder.ShowcaseSetting] ??= "true";
        }

        builder.Services.AddMarten(sp =>
            {
                var options = new StoreOptions();
                options.Connection(ConnectionString(sp.GetRequiredService<IConfiguration>()));
                options.DatabaseSchemaName = "portal";
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.Policies.DisableInformationalFields();
                // The audit log (BuildingBlocks.Audit): append-only, read newest first by id or filtered by action/actor/partner.
                options.Schema.For<BuildingBlocks.Audit.AuditEntry>().DatabaseSchemaName("audit");
                options.DuplicateColumns<BuildingBlocks.Audit.AuditEntry>(nameof(BuildingBlocks.Audit.AuditEntry.Action),
                    nameof(BuildingBlocks.Audit.AuditEntry.PartnerId));
                // The demo showcase's record of what it seeded (Demo.DemoSeeder).
                options.Schema.For<Demo.DemoSeedStep>();
                return options;
            })
            .UseLightweightSessions();
        // Instead of Marten's ApplyAllDatabaseChangesOnStartup(): the same, skipped when the schema's fingerprint is unchanged.
        builder.Services.AddSingleton<SchemaMigration>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SchemaMigration>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return embedded;
    }

    /// <summary>Call right after the host is built: starts building the Marten store and the schema fingerprint on
    /// another thread while the request pipeline is set up (<see cref="SchemaMigration"/> waits for it at start).</summary>
    public static void BeginDatabasePreparation(this WebApplication app) =>
        app.Services.GetRequiredService<SchemaMigration>().BeginPreparing();

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName)
        ?? throw new InvalidOperationException("ConnectionStrings:PartnerPortal is not set.");
}
