using Hangfire;
using Microsoft.Extensions.Configuration;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Scoring.Contracts;
using PartnerPortal.Scoring.Recalculation;
using PartnerPortal.Scoring.Scorecards;

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
        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<ScoreCard>()
                .DatabaseSchemaName(Schema)
                .Index(x => new { x.Quarter, x.Scope, x.PartnerId }, i => i.Name = "ix_scorecard_quarter_scope_partner")
                .Index(x => new { x.PartnerId, x.Quarter }, i => i.Name = "ix_scorecard_partner_quarter");
            opts.Schema.For<ScoreCardStamp>().DatabaseSchemaName(Schema);
            opts.DuplicateColumns<ScoreCard>(nameof(ScoreCard.Quarter), nameof(ScoreCard.Dimension), nameof(ScoreCard.Segment),
                nameof(ScoreCard.Scope), nameof(ScoreCard.PartnerId), nameof(ScoreCard.ShopId), nameof(ScoreCard.Channel));
        });
        services.AddScoped<ScoringRecalculation>();
        services.AddScoped<ScoreCardQueries>();
        services.AddSingleton(Pages.ScoringTexts.Table);
        services.AddSingleton<PercentileCache>();
        services.AddSingleton<SummaryCache>();
        services.AddSingleton<ScoreCardListCache>();
        services.AddSingleton<ScoreCardStamps>();
        services.AddHostedService(sp => sp.GetRequiredService<ScoreCardStamps>());
        services.AddScoped<IScoreCards>(sp => sp.GetRequiredService<ScoreCardQueries>());
        services.AddScoped<Surveys.Contracts.IResponseExclusionListener, RecalculateOnExclusion>();
    }

    public void MapPages(IEndpointRouteBuilder pages)
    {
        Pages.OverviewEndpoint.Map(pages);
        Pages.OverviewEndpoint.MapShop(pages);
        Pages.ComparisonEndpoint.MapExport(pages);
    }

    public Task SeedShowcaseDataAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ShowcaseScores.SeedAsync(services, cancellationToken);

    public void RegisterRecurringJobs(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<ScoringRecalculation>(ScoringRecalculation.RecurringJobId, j => j.RunRecurringAsync(CancellationToken.None), Cron.Daily(2), new RecurringJobOptions { TimeZone = SharedKernel.BerlinTime.Zone });
}
