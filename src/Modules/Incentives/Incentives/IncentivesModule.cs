using Hangfire;
using Microsoft.Extensions.Configuration;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Data;

namespace PartnerPortal.Incentives;

/// <summary>Quarterly commission plans and NPS-dependent statements. Schema <c>incentives</c>.</summary>
public sealed class IncentivesModule : IModule
{
    public const string Schema = "incentives";

    public string Name => "Incentives";

    public Type Endpoints => typeof(IncentivesEndpoints);

    public IEnumerable<NavigationItem> Navigation =>
        [new("Provision", "/provision", 30), new("Freigabe", Pages.ApprovalPageEndpoint.Path, 35, BackOfficeOnly: true)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<Statement>().DatabaseSchemaName(Schema)
                .Index(x => new { x.Quarter, x.PartnerId, x.Revision }, i => i.Name = "ix_statement_quarter_partner_revision");
            // Not the status: Marten would write an enum's C# name (Approved) there, while the JSON and older rows say
            // "approved"; status filters read the JSON within a quarter (ADR 0035).
            opts.DuplicateColumns<Statement>(nameof(Statement.Quarter), nameof(Statement.PartnerId), nameof(Statement.Revision));
            opts.Schema.For<Plans.CommissionPlan>().DatabaseSchemaName(Schema);
            // Statements count a partner's transactions of a quarter, and its cancellations by quarter, in SQL.
            opts.Schema.For<Sales.SalesTransaction>().DatabaseSchemaName(Schema)
                .Index(x => new { x.Quarter, x.PartnerId }, i => i.Name = "ix_salestransaction_quarter_partner");
            opts.DuplicateColumns<Sales.SalesTransaction>(nameof(Sales.SalesTransaction.Quarter), nameof(Sales.SalesTransaction.PartnerId),
                nameof(Sales.SalesTransaction.Category));
            opts.Schema.For<Sales.Cancellation>().DatabaseSchemaName(Schema)
                .Index(x => new { x.Quarter, x.PartnerId }, i => i.Name = "ix_cancellation_quarter_partner");
            opts.DuplicateColumns<Sales.Cancellation>(nameof(Sales.Cancellation.Quarter), nameof(Sales.Cancellation.PartnerId),
                nameof(Sales.Cancellation.TransactionQuarter), nameof(Sales.Cancellation.Category));
        });
        services.AddScoped<IncentivesRecalculation>();
        services.AddScoped<Contracts.IAppealWindows, Appeals.AppealWindows>();
        services.AddScoped<Contracts.ISalesTransactions, Sales.SalesTransactionLookup>();
        services.AddSingleton(Pages.IncentivesTexts.Table);
    }

    public void MapPages(IEndpointRouteBuilder pages)
    {
        Pages.CommissionPageEndpoint.Map(pages);
        Pages.ApprovalPageEndpoint.Map(pages);
    }

    public Task SeedShowcaseDataAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        Demo.ShowcaseData.SeedAsync(services, cancellationToken);

    public void RegisterRecurringJobs(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<IncentivesRecalculation>(IncentivesRecalculation.RecurringJobId, j => j.RunRecurringAsync(CancellationToken.None), Cron.Daily(2),
            new RecurringJobOptions { TimeZone = SharedKernel.BerlinTime.Zone });
}
