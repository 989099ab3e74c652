using Carter;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Host.Jobs;
using PartnerPortal.Host.Security;

namespace PartnerPortal.Host;

/// <summary>Wires the enabled modules into the host: services, endpoints, pages, demo data.</summary>
internal static class PortalComposition
{
    public const string SwaggerPath = "/swagger";

    public static void AddPortalModules(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<IModule> modules)
    {
        foreach (var module in modules)
        {
            services.AddSingleton(module);
            module.AddServices(services, configuration);
            foreach (var item in module.Navigation) services.AddSingleton(item);
        }
        services.AddSingleton(new NavigationItem("Jobs", HangfireSetup.DashboardPath, 90, BackOfficeOnly: true));
        services.AddSingleton<PortalNavigation>();
        services.AddCarter(configurator: c => c.WithModules([typeof(JobsEndpoints), .. modules.Select(m => m.Endpoints)]));
        services.AddRazorComponents();
        // German pages: write ä, ü, ß and € as they are instead of as numeric character references.
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery();
        services.AddHostedService<DemoDataSeeder>();
    }

    public static void UsePortal(this WebApplication app, IReadOnlyList<IModule> modules)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders(HangfireSetup.DashboardPath, SwaggerPath);
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing")) app.UseHsts(); // HTTPS requests only
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UsePortalRateLimiting();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.UseSwagger();
        app.UseSwaggerUI(o => { o.RoutePrefix = SwaggerPath.TrimStart('/'); o.DocumentTitle = "PartnerPortal API"; });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.UsePortalJobsDashboard();

        app.MapCarter();
        foreach (var module in modules) module.MapPages(app);

        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app));
    }

    private static void PrintWelcome(WebApplication app)
    {
        var addresses = app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine("PartnerPortal is running:");
        foreach (var address in addresses) Console.WriteLine($"  portal   {address}/   ·   API docs {address}/swagger   ·   jobs {address}{HangfireSetup.DashboardPath}");
        if (app.Configuration.GetValue("PartnerPortal:SeedDemoData", false))
        {
            Console.WriteLine($"  partner login      {Partners.DemoData.PartnerEmail} / {Partners.DemoData.PartnerPassword}");
            Console.WriteLine($"  back-office login  {Partners.DemoData.BackOfficeEmail} / {Partners.DemoData.BackOfficePassword}");
        }
        Console.WriteLine("Press Ctrl+C to stop (the embedded database stops with it).");
    }
}

/// <summary>Seeds every module's demo data when <c>PartnerPortal:SeedDemoData</c> is true.</summary>
internal sealed class DemoDataSeeder(IEnumerable<IModule> modules, IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("PartnerPortal:SeedDemoData", false)) return;
        foreach (var module in modules) await module.SeedDemoDataAsync(services, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
