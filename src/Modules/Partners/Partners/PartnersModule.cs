using JasperFx;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Caching;
using PartnerPortal.Partners.ApiKeys;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Partners.Directory;
using PartnerPortal.Partners.Logins;

namespace PartnerPortal.Partners;

/// <summary>The partner directory (partners and shops), portal logins and API keys. Schema <c>partners</c>.</summary>
public sealed class PartnersModule : IModule
{
    public const string Schema = "partners";

    public string Name => "Partners";

    public Type Endpoints => typeof(PartnersEndpoints);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        ChangeNotices.AddChannel(services, PortalUsers.Channel);
        services.ConfigureMarten((sp, opts) => opts.Listeners.Add(new NotifyChangesOf<PortalUser>(sp.GetRequiredService<ChangeNotices>(), PortalUsers.Channel)));
        services.ConfigureMarten(opts =>
        {
            opts.Schema.For<Partner>().DatabaseSchemaName(Schema);
            opts.Schema.For<PartnerDirectoryStamp>().DatabaseSchemaName(Schema);
            opts.Listeners.Add(new PartnerDirectoryStampListener());
            opts.Schema.For<ShopOwnership>().DatabaseSchemaName(Schema).Duplicate(x => x.PartnerId);
            opts.Schema.For<PortalUser>().DatabaseSchemaName(Schema).UniqueIndex(x => x.NormalizedEmail);
            opts.Schema.For<ApiKey>().DatabaseSchemaName(Schema).UniqueIndex(x => x.Hash);
            opts.Storage.ExtendedSchemaObjects.Add(LoginFailures.Definition());
        });
        services.AddSingleton<PartnerDirectoryCache>();
        services.AddSingleton(PartnerPickerSettings.From(configuration));
        services.AddScoped<IPartnerDirectory, PartnerDirectory>();
        services.AddSingleton<PortalUsers.PartnerUsersCache>();
        services.AddSingleton<IPortalUsers, PortalUsers>();

        services.AddIdentityCore<PortalUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                // Read by LoginFailures, which counts failures itself (per e-mail key, atomically): ADR 0027.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddUserStore<MartenUserStore>();
        services.Replace(ServiceDescriptor.Scoped<ILookupNormalizer, LoginEmailNormalizer>());
        services.AddSingleton<LoginFailures>();
        services.AddHostedService<LoginFailureCleanup>();
        services.AddSingleton(LoginSessions.Settings.From(configuration));
        services.AddSingleton<LoginSessions>();
        services.AddSingleton<ILoginSessions>(sp => sp.GetRequiredService<LoginSessions>());
        services.AddSingleton<DummyPasswordHash>();

        services.AddMemoryCache();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddHostedService<BootstrapApiKey>();
    }

    public void MapPages(IEndpointRouteBuilder pages) => LoginEndpoints.Map(pages);

    public Task SeedDemoDataAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        DemoData.SeedAsync(services, cancellationToken);

    public Task SeedShowcaseDataAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ShowcaseData.SeedAsync(services, cancellationToken);
}
