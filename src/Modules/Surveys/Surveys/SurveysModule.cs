using Hangfire;
using Marten;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.Surveys;

/// <summary>Survey responses from the survey vendor: validated, stored once. Schema <c>surveys</c>.</summary>
public sealed class SurveysModule : IModule
{
    public const string Schema = "surveys";

    public string Name => "Surveys";

    public Type Endpoints => typeof(SurveysEndpoints);

    public IEnumerable<NavigationItem> Navigation => [new("Kundenstimmen", "/kundenstimmen", 20)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureMarten(opts => opts.Schema.For<SurveyResponse>().DatabaseSchemaName(Schema));
        services.AddScoped<SurveysRecalculation>();
    }

    public void MapPages(IEndpointRouteBuilder pages) =>
        pages.MapAreaPage("/kundenstimmen", "Kundenstimmen", "Hier erscheinen die Kommentare Ihrer Kundinnen und Kunden, sobald Umfrageantworten eingegangen sind.");

    public void RegisterRecurringJobs(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<SurveysRecalculation>(SurveysRecalculation.RecurringJobId, j => j.RunRecurringAsync(CancellationToken.None), Cron.Daily(2));
}
