using Hangfire;
using Microsoft.Extensions.Configuration;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Caching;
using PartnerPortal.FollowUps.Contracts;
using PartnerPortal.Notifications.Mails;
using PartnerPortal.Notifications.Outbox;
using PartnerPortal.Notifications.Settings;

namespace PartnerPortal.Notifications;

/// <summary>Mail: each user's settings, the outbox written in the transactions of what it reports, the SMTP sender and the
/// daily digest (DOMAIN.md "Closing the loop with detractors", ADR 0042). Schema <c>mail</c>.</summary>
public sealed class NotificationsModule : IModule
{
    public const string Schema = "mail";

    public string Name => "Notifications";

    public Type Endpoints => typeof(NotificationsEndpoints);

    public IEnumerable<NavigationItem> Navigation =>
    [
        new("Einstellungen", CaseMails.SettingsPath, 90),
        new("Postausgang", Pages.OutboxPageEndpoint.Path, 91, BackOfficeOnly: true),
    ];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        ChangeNotices.AddChannel(services, UserSettings.Channel);
        services.ConfigureMarten((sp, opts) =>
            opts.Listeners.Add(new NotifyChangesOf<NotificationSettings>(sp.GetRequiredService<ChangeNotices>(), UserSettings.Channel)));
        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<NotificationSettings>().DatabaseSchemaName(Schema);
            opts.Storage.ExtendedSchemaObjects.Add(OutboxTable.Definition());
        });
        services.AddSingleton(MailSettings.Read(configuration));
        services.AddSingleton<UserSettings.ChoiceCache>();
        services.AddSingleton<UserSettings>();
        services.AddScoped<IFollowUpCaseListener, CaseMailListener>();
        services.AddTransient<MailSender>();
        services.AddTransient<DailyDigest>();
        services.AddHostedService<OutboxWakeUp>();
        services.AddSingleton(Pages.NotificationsTexts.Table);
    }

    public void MapPages(IEndpointRouteBuilder pages)
    {
        Pages.SettingsPageEndpoint.Map(pages);
        Pages.OutboxPageEndpoint.Map(pages);
    }

    public void RegisterRecurringJobs(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<MailSender>(MailSender.RecurringJobId, s => s.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<DailyDigest>(DailyDigest.RecurringJobId, d => d.RunRecurringAsync(CancellationToken.None), Cron.Daily(DailyDigest.At.Hour),
            new RecurringJobOptions { TimeZone = BerlinTime.Zone });
    }
}
