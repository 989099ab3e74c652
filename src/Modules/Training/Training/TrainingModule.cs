using Hangfire;
using Microsoft.Extensions.Configuration;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Elearning;
using PartnerPortal.Training.Kpis;
using PartnerPortal.Training.Programmes;
using PartnerPortal.Training.Sessions;
using PartnerPortal.Training.Upgrade;

namespace PartnerPortal.Training;

/// <summary>The Perfect Pitch programme: coaching, sessions, e-learning, KPIs. Schema <c>training</c>. The WKZ that pays for
/// coaching is the Funds module's, reached through <c>Funds.Contracts</c> (ADR 0035).</summary>
public sealed class TrainingModule : IModule
{
    public const string Schema = "training";

    public string Name => "Training";

    public Type Endpoints => typeof(TrainingEndpoints);

    public IEnumerable<NavigationItem> Navigation => [new("Schulungen", "/schulungen", 40)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<TrainingProgramme>().DatabaseSchemaName(Schema);
            opts.Schema.For<CoachingBooking>().DatabaseSchemaName(Schema)
                .Index(x => new { x.PartnerId, x.Year }, i => i.Name = "ix_coachingbooking_partner_year")
                .Index(x => x.Year, i => i.Name = "ix_coachingbooking_year");
            // Not the status: Marten would write an enum's C# name (Confirmed) into the column, where rows stored before it
            // became an enum say confirmed, like the JSON; queries by status read the JSON (ADR 0035).
            opts.DuplicateColumns<CoachingBooking>(nameof(CoachingBooking.PartnerId), nameof(CoachingBooking.Year));
            opts.Schema.For<BookingChange>().DatabaseSchemaName(Schema);
            opts.Schema.For<TrainingSession>().DatabaseSchemaName(Schema);
            opts.DuplicateColumns<TrainingSession>(nameof(TrainingSession.Year));
            opts.Schema.For<SessionChange>().DatabaseSchemaName(Schema);
            opts.Schema.For<ElearningCompletion>().DatabaseSchemaName(Schema)
                .Index(x => new { x.Year, x.PartnerId }, i => i.Name = "ix_elearningcompletion_year_partner");
            opts.DuplicateColumns<ElearningCompletion>(nameof(ElearningCompletion.Year), nameof(ElearningCompletion.PartnerId));
            opts.Schema.For<TrainingKpi>().DatabaseSchemaName(Schema);
            opts.DuplicateColumns<TrainingKpi>(nameof(TrainingKpi.Year));
            opts.Schema.For<TrainingUpgrade>().DatabaseSchemaName(Schema);
        });
        services.AddScoped<TrainingRecalculation>();
        services.AddSingleton<KpiRefresh>();
        services.AddSingleton(Pages.TrainingTexts.Table);
        services.AddHostedService<EarmarkOpenBookings>();
    }

    public void MapPages(IEndpointRouteBuilder pages)
    {
        Pages.PartnerTrainingPageEndpoint.Map(pages);
        Pages.ProgrammePageEndpoint.Map(pages);
    }

    public Task SeedDemoDataAsync(IServiceProvider services, CancellationToken cancellationToken) => DemoData.SeedAsync(services, cancellationToken);

    public Task SeedShowcaseDataAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ShowcaseData.SeedAsync(services, cancellationToken);

    public void RegisterRecurringJobs(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<TrainingRecalculation>(TrainingRecalculation.RecurringJobId, j => j.RunRecurringAsync(CancellationToken.None), Cron.Daily(2),
            new RecurringJobOptions { TimeZone = SharedKernel.BerlinTime.Zone });
}
