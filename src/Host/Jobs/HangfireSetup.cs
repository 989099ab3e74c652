using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using PartnerPortal.BuildingBlocks;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.Host.Database;

namespace PartnerPortal.Host.Jobs;

internal static class HangfireSetup
{
    public const string DashboardPath = "/hangfire";

    /// <summary>
    /// Hangfire on PostgreSQL (schema <c>hangfire</c>, same database). The invisibility timeout is short and sliding,
    /// so a job fetched by a node that died is picked up by another within minutes while a long job on a live node
    /// is not; jobs are idempotent and lock per quarter, so a rare second run is harmless.
    /// </summary>
    public static void AddPortalJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddHangfire((sp, config) => config
            .UseFilter(new DashboardTriggerAudit(sp))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            // Job arguments are plain values and results are reports for GET /api/v1/jobs/{id}: no .NET type names ($type)
            // in either, and every field written, zeros included.
            .UseRecommendedSerializerSettings(s =>
            {
                s.ContractResolver = new Newtonsoft.Json.Serialization.CamelCasePropertyNamesContractResolver();
                s.TypeNameHandling = Newtonsoft.Json.TypeNameHandling.None;
                s.DefaultValueHandling = Newtonsoft.Json.DefaultValueHandling.Include;
            })
            .UsePostgreSqlStorage(
                o => o.UseNpgsqlConnection(DatabaseSetup.ConnectionString(sp.GetRequiredService<IConfiguration>())),
                new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    PrepareSchemaIfNecessary = true,
                    InvisibilityTimeout = configuration.GetValue("PartnerPortal:Jobs:InvisibilityTimeout", TimeSpan.FromMinutes(3)),
                    // A running job keeps extending its invisibility, so a long job is not fetched twice; a dead
                    // node stops extending it and another node picks the job up after the timeout.
                    UseSlidingInvisibilityTimeout = true,
                    // LISTEN/NOTIFY: a job enqueued on any host starts at once instead of at the next poll.
                    EnableLongPolling = true,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    // A held lock counts as abandoned after this long, so a job a crashed node held a lock for is retried
                    // elsewhere within minutes; recalculations take seconds (10M responses: ~6 s a quarter), so three
                    // minutes keeps them exclusive with room to spare.
                    DistributedLockTimeout = configuration.GetValue("PartnerPortal:Jobs:LockTimeout", TimeSpan.FromMinutes(3)),
                }));
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = configuration.GetValue("PartnerPortal:Jobs:Workers", Math.Max(2, Environment.ProcessorCount));
            o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });
        services.AddTransient<JobLauncher>();
        services.AddHostedService<RecurringJobRegistration>();
    }

    /// <summary>The dashboard at <c>/hangfire</c>, for signed-in back-office users only. Strangers are sent to the
    /// login page; everyone else (partners, API keys) gets 403.</summary>
    public static void UsePortalJobsDashboard(this WebApplication app)
    {
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments(DashboardPath), branch => branch.Use(async (ctx, next) =>
        {
            if (ctx.User.Identity?.IsAuthenticated != true)
            {
                ctx.Response.Redirect("/?returnUrl=" + Uri.EscapeDataString(DashboardPath));
                return;
            }
            await next(ctx);
        }));
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new BackOfficeOnly()],
            DashboardTitle = "PartnerPortal · Jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        });
    }

    private sealed class BackOfficeOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => new Caller(context.GetHttpContext().User).IsBackOffice;
    }

    /// <summary>Registers every enabled module's recurring jobs while the host starts: begun on the thread pool before
    /// the first hosted service starts (it needs only Hangfire's storage, ready since the dashboard was mapped), so it
    /// overlaps the schema check; its own turn in the start waits for it, so the host has started only with the jobs
    /// registered.</summary>
    private sealed class RecurringJobRegistration(IEnumerable<IModule> modules, IRecurringJobManager jobs) : IHostedLifecycleService
    {
        private Task? _registration;

        public Task StartingAsync(CancellationToken cancellationToken)
        {
            _registration = Task.Run(Register, cancellationToken);
            return Task.CompletedTask;
        }

        public Task StartAsync(CancellationToken cancellationToken) => (_registration ??= Task.Run(Register, cancellationToken)).WaitAsync(cancellationToken);

        private void Register()
        {
            foreach (var module in modules) module.RegisterRecurringJobs(jobs);
        }

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
