using Hangfire;
using Marten;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.Scoring;

/// <summary>NPS score cards per quarter, dimension, segment and scope. Schema <c>scoring</c>.</summary>
public sealed class ScoringModule : IModule
{
    public const string Schema = "scoring";

    public string Name => "Scoring";

    public Type Endpoints => typeof(ScoringEndpoints);

    public IEnumerable<NavigationItem> Navigation => [new("Übersicht", "/uebersicht", 10)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureMarten(opts => opts.Schema.For<ScoreCard>().DatabaseSchemaName(Schema));
        services.AddScoped<ScoringRecalculation>();
    }

    public void MapPages(IEndpointRouteBuilder pages) =>
        pages.MapAreaPage("/uebersicht", "Übersicht", "Hier erscheinen Ihre NPS-Werte für Marke, Produkt und Kontaktpunkt, sobald Score-Cards berechnet sind.");

    public void RegisterRecurringJobs(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<ScoringRecalculation>(ScoringRecalculation.RecurringJobId, j => j.RunRecurringAsync(CancellationToken.None), Cron.Daily(2));
}
