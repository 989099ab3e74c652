using Carter;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Host.Api;
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
        services.AddSingleton(new NavigationItem("Protokoll", "/protokoll", 85, BackOfficeOnly: true));
        services.AddSingleton<PortalNavigation>();
        // Everything explicit: without the two WithEmpty… calls Carter scans every type of every referenced assembly for
        // validators and response negotiators at start-up (we have none).
        services.AddCarter(configurator: c => c
            .WithModules([typeof(JobsEndpoints), typeof(Audit.AuditEndpoints), .. modules.Select(m => m.Endpoints)])
            .WithEmptyValidators()
            .WithEmptyResponseNegotiators());
        services.AddRazorComponents();
        // German pages: write ä, ü, ß and € as they are instead of as numeric character references.
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddAntiforgery();
        services.AddSingleton(Audit.AuditTexts.Table);
        services.AddSingleton<PortalText.Tables>();
        services.AddScoped<PortalText>();
        services.AddHostedService<Demo.DemoSeeder>();
    }

    public static void UsePortal(this WebApplication app, IReadOnlyList<IModule> modules)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders(HangfireSetup.DashboardPath, SwaggerPath);
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing")) app.UseHsts(); // HTTPS requests only
        app.UseExceptionHandler();
        app.UsePlainHttpGuard(); // Secure-only cookies over plain HTTP: a redirect or a page that says why, never a 500
        app.UseStatusCodePages(StatusCodePage);
        app.UseQueryTextCheck();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UsePortalRateLimiting();
        app.UseAuthorization();
        app.UseRouteIdCheck();
        app.UseAntiforgery();

        app.UseSwagger();
        app.UseSwaggerUI(o => { o.RoutePrefix = SwaggerPath.TrimStart('/'); o.DocumentTitle = "PartnerPortal API"; });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapCarter();
        PortalText.MapLanguageSwitch(app);
        // Every page's quarter and year parameters within the supported dates before its handler runs (ADR 0030).
        var pages = app.MapGroup("").WithDateParameters(pages: true);
        foreach (var module in modules) module.MapPages(pages);
        Audit.AuditLogPageEndpoint.Map(app);
        app.BuildEndpointsOnce();

        // The last middleware before the endpoints (those always run at the end of the pipeline, wherever they are
        // mapped). Added after the mapping only so that the endpoints are already being built on the thread pool while
        // Hangfire's storage opens its first connection and checks its schema here.
        app.UsePortalJobsDashboard();

        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app));
    }

    /// <summary>A bodiless error status: a German page for a browser outside the API (a 403 page, not a bare 403);
    /// problem details, as before, for everyone else.</summary>
    private static async Task StatusCodePage(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        if (PortalPages.WantsPage(http.Request))
        {
            await PortalPages.Page<StatusPage>(new { Status = status }).ExecuteAsync(http);
            return;
        }
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status } }))
        {
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync($"Status Code: {status}");
        }
    }

    private static void PrintWelcome(WebApplication app)
    {
        var addresses = app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine("PartnerPortal is running:");
        foreach (var address in addresses) Console.WriteLine($"  portal   {address}/   ·   API docs {address}/swagger   ·   jobs {address}{HangfireSetup.DashboardPath}");
        if (app.Configuration.GetValue("PartnerPortal:SeedDemoData", false))
        {
            Console.WriteLine($"  partner login      {Partners.Contracts.DemoLogins.PartnerEmail} / {Partners.Contracts.DemoLogins.PartnerPassword}");
            Console.WriteLine($"  back-office login  {Partners.Contracts.DemoLogins.BackOfficeEmail} / {Partners.Contracts.DemoLogins.BackOfficePassword}");
        }
        Console.WriteLine("Press Ctrl+C to stop (the embedded database stops with it).");
    }
}
