using System.Linq.Expressions;
using Hangfire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartnerPortal.BuildingBlocks.Jobs;

/// <summary>
/// Starts background work on behalf of an API caller and remembers which scopes may read the job's state
/// (API.md: <c>GET /api/v1/jobs/{id}</c> needs any scope that can start that job), and, for a partner-bound caller,
/// its partner: other partners' callers cannot read the job.
/// </summary>
public sealed class JobLauncher(IBackgroundJobClient client, JobStorage storage, Security.Caller caller)
{
    public const string ScopesParameter = "PartnerPortal.Scopes";
    public const string PartnerParameter = "PartnerPortal.Partner";

    public string Enqueue<TJob>(Expression<Func<TJob, Task>> call, params string[] scopesThatMayRead)
    {
        var jobId = client.Enqueue(call);
        using var connection = storage.GetConnection();
        connection.SetJobParameter(jobId, ScopesParameter, string.Join(' ', scopesThatMayRead));
        if (caller.PartnerId is { } partnerId) connection.SetJobParameter(jobId, PartnerParameter, partnerId);
        return jobId;
    }

    /// <summary>The API answer for started work: 202, <c>{ jobId }</c>, Location of the job.</summary>
    public static Accepted<JobAccepted> Accepted(string jobId) =>
        TypedResults.Accepted($"/api/v1/jobs/{Uri.EscapeDataString(jobId)}", new JobAccepted(jobId));
}

public sealed record JobAccepted(string JobId);
