using Hangfire.Client;
using Marten;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.BuildingBlocks.Security;

namespace PartnerPortal.Host.Jobs;

/// <summary>Records a job that back office starts from the dashboard (<c>/hangfire</c>, e.g. "Trigger now") in the audit
/// log. Jobs started through the API are recorded by their endpoints; scheduled runs are not actions of anyone.</summary>
internal sealed class DashboardTriggerAudit(IServiceProvider services) : IClientFilter
{
    public void OnCreating(CreatingContext context)
    {
    }

    public void OnCreated(CreatedContext context)
    {
        var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext;
        // The dashboard is a branch: there the request's path base is /hangfire and its path the rest.
        if (http is null || !(http.Request.PathBase + http.Request.Path).StartsWithSegments(HangfireSetup.DashboardPath) || context.BackgroundJob is null)
            return;
        var job = context.BackgroundJob;
        AuditLog.RecordAsync(services.GetRequiredService<IDocumentStore>(), http.GetCaller().Actor, DateTimeOffset.UtcNow, AuditActions.RecalculationStarted,
                $"{job.Job.Type.Name}.{job.Job.Method.Name}", $"job {job.Id} from the jobs dashboard", null, CancellationToken.None)
            .GetAwaiter().GetResult();
    }
}
