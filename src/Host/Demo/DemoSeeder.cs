using System.Diagnostics;
using Marten;
using PartnerPortal.BuildingBlocks;

namespace PartnerPortal.Host.Demo;

/// <summary>
/// Seeds the demo in one place, through each module's own seams (ADR 0043): when <c>PartnerPortal:SeedDemoData</c> is
/// true, every module's demo data (partners, logins, programme, budgets); then, when <c>PartnerPortal:DemoData:Showcase</c>
/// is true too (the default with the embedded cluster), every module's showcase in module order (partners, responses,
/// score cards, plans, sales and statements, WKZ, coaching). A module whose showcase completed is recorded
/// (<see cref="DemoSeedStep"/>) and skipped on the next start, so a second start changes nothing; one that did not complete
/// (the host was stopped or crashed meanwhile) runs again and completes it: each showcase is idempotent. Runs before the
/// host listens, so the first page already shows the figures.
/// </summary>
internal sealed class DemoSeeder(IEnumerable<IModule> modules, IServiceProvider services, IConfiguration configuration, IDocumentStore store,
    TimeProvider clock, ILogger<DemoSeeder> logger) : IHostedService
{
    public const string SeedSetting = "PartnerPortal:SeedDemoData";
    public const string ShowcaseSetting = "PartnerPortal:DemoData:Showcase";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(SeedSetting, false)) return;
        foreach (var module in modules) await module.SeedDemoDataAsync(services, cancellationToken);
        if (!configuration.GetValue(ShowcaseSetting, false)) return;

        var total = Stopwatch.StartNew();
        var seeded = 0;
        foreach (var module in modules)
        {
            await using (var query = store.QuerySession())
            {
                if (await query.LoadAsync<DemoSeedStep>(module.Name, cancellationToken) is not null) continue;
            }
            var watch = Stopwatch.StartNew();
            await module.SeedShowcaseDataAsync(services, cancellationToken);
            await using var session = store.LightweightSession();
            session.Store(new DemoSeedStep { Id = module.Name, CompletedAt = clock.GetUtcNow(), DurationMs = watch.ElapsedMilliseconds });
            await session.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Demo showcase of {Module} seeded in {DurationMs} ms", module.Name, watch.ElapsedMilliseconds);
            seeded++;
        }
        if (seeded > 0) Console.WriteLine($"[demo] showcase data of {seeded} module(s) seeded in {total.Elapsed.TotalSeconds:0.0} s");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A module whose showcase is seeded completely (the host's own record, schema <c>portal</c>).</summary>
internal sealed class DemoSeedStep
{
    /// <summary>The module's name.</summary>
    public string Id { get; set; } = "";

    public DateTimeOffset CompletedAt { get; set; }

    public long DurationMs { get; set; }
}
