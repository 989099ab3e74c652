using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>Starts background work through the API and polls <c>GET /api/v1/jobs/{id}</c> until it is done.</summary>
public static class Jobs
{
    /// <summary>POSTs <paramref name="body"/> to a <c>…/recalculations</c> URL (202) and waits for the job's final state.</summary>
    public static async Task<JsonElement> RunAsync(HttpClient client, string url, object body, CancellationToken ct)
    {
        var jobId = (await (await client.PostAsJsonAsync(url, body, ct)).JsonAsync(HttpStatusCode.Accepted)).GetProperty("jobId").GetString()!;
        return await WaitAsync(client, jobId, ct);
    }

    /// <summary>Polls the job until it succeeded or failed (at most a minute).</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string jobId, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = await (await client.GetAsync($"/api/v1/jobs/{jobId}", timeout.Token)).JsonAsync();
            if (job.GetProperty("state").GetString() is "succeeded" or "failed") return job;
            await Task.Delay(100, timeout.Token);
        }
    }
}
