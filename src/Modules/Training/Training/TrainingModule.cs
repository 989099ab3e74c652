using Hangfire;
using Marten;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.Training;

/// <summary>The Perfect Pitch programme: coaching, sessions, e-learning, WKZ. Schema <c>training</c>.</summary>
public sealed class TrainingModule : IModule
{
    public const string Schema = "training";

    public string Name => "Training";

    public Type Endpoints => typeof(TrainingEndpoints);

    public IEnumerable<NavigationItem> Navigation => [new("Schulungen", "/schulungen", 40)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureMarten(opts => opts.Schema.For<TrainingKpi>().DatabaseSchemaName(Schema));
        services.AddScoped<TrainingRecalculation>();
    }

    public void MapPages(IEndpointRouteBuilder pages) =>
        pages.MapAreaPage("/schulungen", "Schulungen", "Hier buchen Sie Vor-Ort-Coachings und sehen Ihr WKZ-Guthaben.");

    public void RegisterRecurringJobs(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<TrainingRecalculation>(TrainingRecalculation.RecurringJobId, j => j.RunRecurringAsync(CancellationToken.None), Cron.Daily(2),
            new RecurringJobOptions { TimeZone = SharedKernel.BerlinTime.Zone });
}
