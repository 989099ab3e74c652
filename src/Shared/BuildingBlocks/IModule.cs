using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPortal.BuildingBlocks;

/// <summary>
/// A module of the portal. The host keeps an explicit list of them; each one adds its own services,
/// Marten documents (through <c>services.ConfigureMarten</c>, in its own schema), Carter endpoints,
/// portal pages and recurring jobs.
/// </summary>
public interface IModule
{
    /// <summary>The name used in configuration (<c>PartnerPortal:Modules:{Name}:Enabled</c>) and logs.</summary>
    string Name { get; }

    /// <summary>The module's Carter module: its whole API in one place.</summary>
    Type Endpoints { get; }

    void AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Portal pages (server-rendered); the API itself comes from <see cref="Endpoints"/>.</summary>
    void MapPages(IEndpointRouteBuilder pages) { }

    void RegisterRecurringJobs(IRecurringJobManager jobs) { }

    /// <summary>Demo data for the embedded development database; must be idempotent.</summary>
    Task SeedDemoDataAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The showcase on top of the demo data (a year of figures that makes every page show the product; ADR 0043),
    /// run in module order after every module's <see cref="SeedDemoDataAsync"/> when <c>PartnerPortal:DemoData:Showcase</c>
    /// is true. Goes through the module's own use cases; must be idempotent and complete what a crashed run began.</summary>
    Task SeedShowcaseDataAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Navigation entries this module contributes to the portal layout.</summary>
    IEnumerable<NavigationItem> Navigation => [];
}

/// <summary>A link in the portal's navigation. <paramref name="BackOfficeOnly"/> hides it from partners.</summary>
public sealed record NavigationItem(string Title, string Href, int Order, bool BackOfficeOnly = false);
