using Microsoft.Extensions.Configuration;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Funds.Ledger;
using PartnerPortal.Funds.Upgrade;

namespace PartnerPortal.Funds;

/// <summary>Partners' WKZ (marketing funds): the ledger, allocations, adjustments, balances and the earmarks of open
/// bookings, offered to Training through <see cref="IWkzFunds"/>. Schema <c>funds</c>.</summary>
public sealed class FundsModule : IModule
{
    public const string Schema = "funds";

    public string Name => "Funds";

    public Type Endpoints => typeof(FundsEndpoints);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<WkzEntry>().DatabaseSchemaName(Schema)
                .Index(x => new { x.PartnerId, x.Sequence }, i => i.Name = "ix_wkzentry_partner_sequence");
            opts.DuplicateColumns<WkzEntry>(nameof(WkzEntry.PartnerId), nameof(WkzEntry.Sequence));
            opts.Schema.For<WkzEarmark>().DatabaseSchemaName(Schema).Index(x => x.PartnerId, i => i.Name = "ix_wkzearmark_partner");
            opts.DuplicateColumns<WkzEarmark>(nameof(WkzEarmark.PartnerId));
        });
        services.AddScoped<IWkzFunds, WkzFunds>();
        services.AddHostedService<LedgerFromTraining>();
        services.AddHostedService<CapEarmarks>();
    }

    public Task SeedDemoDataAsync(IServiceProvider services, CancellationToken cancellationToken) => DemoData.SeedAsync(services, cancellationToken);

    public Task SeedShowcaseDataAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        Ledger.ShowcaseLedger.SeedAsync(services, cancellationToken);
}
