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
        services.ConfigureMarten(opts => opts.Schema.For<SurveyResponse>()
            .DatabaseSchemaName(Schema)
            .Duplicate(x => x.RespondedAtUtc)
            .Duplicate(x => x.Quarter)
            .Duplicate(x => x.Segment)
            .Duplicate(x => x.Channel)
            .Duplicate(x => x.PartnerId)
            .Duplicate(x => x.ShopId)
            .Duplicate(x => x.Brand)
            .Duplicate(x => x.Product)
            .Duplicate(x => x.Touchpoint));
        services.AddScoped<SurveysRecalculation>();
        services.AddScoped<Ingestion.SurveyIngestion>();
    }

    public void MapPages(IEndpointRouteBuilder pages) => Pages.CommentsPageEndpoint.Map(pages);

    public void RegisterRecurringJobs(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<SurveysRecalculation>(SurveysRecalculation.RecurringJobId, j => j.RunRecurringAsync(CancellationToken.None), Cron.Daily(2));
}
