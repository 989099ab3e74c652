using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.Host.Jobs;

/// <param name="Result">The job's report once it succeeded (any JSON), else null.</param>
/// <param name="Error">Why it failed, else null.</param>
internal sealed record JobStatus(string JobId, [OneOf("enqueued", "processing", "succeeded", "failed")] string State, JsonElement? Result, string? Error);

/// <summary><c>GET /api/v1/jobs/{jobId}</c>: the state of work started through the API.</summary>
internal sealed class JobsEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1/jobs";
    protected override string Tag => "Jobs";

    protected override void MapEndpoints(RouteGroupBuilder api) =>
        api.MapGet("/{jobId}", Get)
            .WithSummary("The state of a background job: enqueued, processing, succeeded or failed.")
            .Produces<JobStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static IResult Get(string jobId, Caller caller, JobStorage storage)
    {
        if (!long.TryParse(jobId, out _)) return Problems.NotFound($"Job '{jobId}' does not exist.");
        using var connection = storage.GetConnection();
        if (connection.GetJobData(jobId) is null) return Problems.NotFound($"Job '{jobId}' does not exist.");

        // Any scope that can start the job may read it; jobs started elsewhere (dashboard, schedule) are back office's.
        var scopes = connection.GetJobParameter(jobId, JobLauncher.ScopesParameter)?.Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (!caller.IsBackOffice && !scopes.Any(caller.HasScope))
            return Problems.Forbidden("You cannot read this job: it needs a scope that can start it.");
        // A partner-bound caller reads only jobs started for its own partner (none of the all-partner recalculations).
        if (caller.IsPartnerBound && connection.GetJobParameter(jobId, JobLauncher.PartnerParameter)?.Trim('"') != caller.PartnerId)
            return Problems.Forbidden("You cannot read this job: it was not started for your partner.");

        var state = connection.GetStateData(jobId);
        var status = state?.Name switch
        {
            "Succeeded" => new JobStatus(jobId, "succeeded", ResultOf(state.Data), null),
            "Failed" => new JobStatus(jobId, "failed", null, ErrorOf(state.Data)),
            "Deleted" => new JobStatus(jobId, "failed", null, "The job was deleted before it finished."),
            "Processing" => new JobStatus(jobId, "processing", null, null),
            _ => new JobStatus(jobId, "enqueued", null, null),
        };
        return TypedResults.Ok(status);
    }

    /// <summary>The result as plain JSON: the report's fields only. Hangfire's serializer may have written .NET type
    /// names (<c>$type</c>) and wrapped arrays (<c>$values</c>); results stored that way still read as plain data.</summary>
    private static JsonElement? ResultOf(IDictionary<string, string> data)
    {
        if (!data.TryGetValue("Result", out var json) || string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.SerializeToElement(Plain(JsonNode.Parse(json)));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? Plain(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when o.TryGetPropertyValue("$values", out var values):
                return Plain(values?.DeepClone());
            case JsonObject o:
                var plain = new JsonObject();
                foreach (var (name, value) in o)
                    if (!name.StartsWith('$')) plain[name] = Plain(value?.DeepClone());
                return plain;
            case JsonArray a:
                return new JsonArray(a.Select(item => Plain(item?.DeepClone())).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>A job's own refusal (<see cref="JobInputException"/>: "no plan for 2023-Q2") is the caller's to read;
    /// any other failure is ours: its message can name tables, types or hosts, so the caller gets a generic text.</summary>
    private static string ErrorOf(IDictionary<string, string> data) =>
        data.TryGetValue("ExceptionType", out var type) && type.StartsWith(typeof(JobInputException).FullName!, StringComparison.Ordinal)
        && data.TryGetValue("ExceptionMessage", out var message)
            ? message
            : "The job failed. Back office can see why in the jobs dashboard; it is retried automatically where that can help.";
}
