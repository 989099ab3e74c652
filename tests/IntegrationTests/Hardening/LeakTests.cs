using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Surveys;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// What answers must not tell (ADR 0029): .NET type names (job results' <c>$type</c>, the framework's binding messages),
/// a failed job's internal error, and whose natural key a partner-bound caller ran into: another partner's response,
/// completion or registered person is a conflict like any other, without saying whose.
/// </summary>
public sealed class LeakTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Fragments that only internal names contain.</summary>
    internal static readonly string[] InternalNames = ["PartnerPortal.", "System.", "Microsoft.", "$type", "$values", "Nullable`"];

    [Fact]
    public async Task A_job_result_is_a_plain_report_without_type_names()
    {
        using var admin = host.Admin();
        var job = await Jobs.RunAsync(admin, "/api/v1/scoring/recalculations", new { quarter = "2019-Q3" }, Ct);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        var text = job.GetRawText();
        Assert.DoesNotContain(InternalNames, text.Contains);
        var result = job.GetProperty("result");
        Assert.Equal("2019-Q3", result.GetProperty("quarter").GetString());
        Assert.Equal(0, result.GetProperty("cards").GetInt32()); // every field, zeros included
        Assert.True(result.TryGetProperty("durationMs", out _));
    }

    [Fact]
    public async Task A_job_that_fails_for_an_internal_reason_reports_a_generic_error()
    {
        var launcher = new JobLauncher(host.Services.GetRequiredService<IBackgroundJobClient>(), host.Services.GetRequiredService<JobStorage>(),
            new Caller(new ClaimsPrincipal(new ClaimsIdentity())));
        var jobId = launcher.Enqueue<FailingJob>(j => j.RunAsync(), Scopes.ScoringRecalculate);
        using var admin = host.Admin();
        var job = await Jobs.WaitAsync(admin, jobId, Ct);
        Assert.Equal("failed", job.GetProperty("state").GetString());
        var error = job.GetProperty("error").GetString()!;
        Assert.DoesNotContain(FailingJob.Secret, error, StringComparison.Ordinal);
        Assert.DoesNotContain(InternalNames, error.Contains);
    }

    [Theory]
    [InlineData("POST", "/api/v1/training/sessions", "{\"title\":\"T\",\"date\":\"2034-01-01\",\"place\":\"Köln\",\"seats\":\"x\"}", "$.seats")]
    [InlineData("POST", "/api/v1/training/sessions", "{\"seats\":1e400}", "$.seats")]
    [InlineData("POST", "/api/v1/scoring/recalculations", "{\"quarter\":[]}", "$.quarter")]
    [InlineData("PUT", "/api/v1/partners/p-leak-1", "{\"name\":\"x\",\"shops\":{}}", "$.shops")]
    [InlineData("POST", "/api/v1/training/coaching-bookings", "{\"days\":true}", "$.days")]
    [InlineData("POST", "/api/v1/api-keys", "{\"name\":\"k\",\"scopes\":[1]}", "$.scopes[0]")]
    [InlineData("POST", "/api/v1/training/sessions", "{\"title\":", "$.title")]
    public async Task A_body_that_cannot_be_read_is_400_naming_the_json_path_and_no_type(string method, string url, string body, string names)
    {
        using var admin = host.Admin();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await admin.SendAsync(request, Ct);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(names, detail, StringComparison.Ordinal);
        Assert.DoesNotContain(InternalNames, detail.Contains);
        Assert.DoesNotContain("Request", detail.Replace("request", "", StringComparison.Ordinal), StringComparison.Ordinal); // SessionRequest, RecalculationRequest
        Assert.DoesNotContain("?", detail, StringComparison.Ordinal); // "int? year"
    }

    [Fact]
    public async Task A_person_registered_by_another_partner_is_a_conflict_that_does_not_say_whose()
    {
        var (a, _) = await host.CreatePartnerAsync();
        var (b, _) = await host.CreatePartnerAsync();
        var (c, _) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var sessionId = (await (await admin.PostAsJsonAsync("/api/v1/training/sessions",
            new { title = "Perfect Pitch", date = "2034-04-01", place = "Köln", seats = 10 }, Ct)).JsonAsync(HttpStatusCode.Created)).GetProperty("sessionId").GetString();
        var url = $"/api/v1/training/sessions/{sessionId}/registrations";
        await (await admin.PostAsJsonAsync(url, new { partnerId = b, personId = "person-b", personName = "Bea Beispiel" }, Ct)).EnsureStatus(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync(url, new { partnerId = c, personId = "person-c", personName = "Cem Beispiel" }, Ct)).EnsureStatus(HttpStatusCode.Created);

        using var aKey = host.WithKey(await host.CreateKeyAsync([Scopes.TrainingWrite, Scopes.TrainingRead], a));
        var byB = await (await aKey.PostAsJsonAsync(url, new { partnerId = a, personId = "person-b" }, Ct)).ProblemAsync(HttpStatusCode.Conflict);
        var byC = await (await aKey.PostAsJsonAsync(url, new { partnerId = a, personId = "person-c" }, Ct)).ProblemAsync(HttpStatusCode.Conflict);
        foreach (var body in new[] { byB.GetRawText(), byC.GetRawText() })
        {
            Assert.DoesNotContain(b, body, StringComparison.Ordinal);
            Assert.DoesNotContain(c, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Beispiel", body, StringComparison.Ordinal);
            Assert.DoesNotContain("partner", body, StringComparison.OrdinalIgnoreCase);
        }
        // Whose registration it is changes nothing but the person id the caller sent itself.
        Assert.Equal(Normalized(byB, "person-b"), Normalized(byC, "person-c"));
        // And A still sees none of the other partners' registrations.
        var session = await (await aKey.GetAsync($"/api/v1/training/sessions/{sessionId}", Ct)).JsonAsync();
        Assert.Equal(0, session.GetProperty("registrations").GetArrayLength());
    }

    [Fact]
    public async Task Another_partners_response_id_is_a_conflict_exactly_like_one_of_the_callers_own()
    {
        var (a, aShops) = await host.CreatePartnerAsync();
        var (b, bShops) = await host.CreatePartnerAsync();
        var own = PortalHost.NewId("r");
        var theirs = PortalHost.NewId("r");
        using var admin = host.Admin();
        await (await admin.PostAsJsonAsync("/api/v1/surveys/responses", SurveyData.Response(theirs, b, bShops[0], comment: "Kommentar von B"), Ct))
            .EnsureStatus(HttpStatusCode.Created);
        using var aKey = host.WithKey(await host.CreateKeyAsync([Scopes.SurveysWrite], a));
        await (await aKey.PostAsJsonAsync("/api/v1/surveys/responses", SurveyData.Response(own, a, aShops[0]), Ct)).EnsureStatus(HttpStatusCode.Created);

        var ownConflict = await (await aKey.PostAsJsonAsync("/api/v1/surveys/responses", SurveyData.Response(own, a, aShops[0], brand: 3), Ct))
            .ProblemAsync(HttpStatusCode.Conflict);
        var theirConflict = await (await aKey.PostAsJsonAsync("/api/v1/surveys/responses", SurveyData.Response(theirs, a, aShops[0], brand: 3), Ct))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(Normalized(ownConflict, own), Normalized(theirConflict, theirs));
        Assert.DoesNotContain(b, theirConflict.GetRawText(), StringComparison.Ordinal);

        var batch = await SurveyData.PostBatchAsync(aKey, [SurveyData.Response(own, a, aShops[0], brand: 2), SurveyData.Response(theirs, a, aShops[0], brand: 2)]);
        var results = batch.GetProperty("results");
        Assert.Equal(Normalized(results[0], own, index: true), Normalized(results[1], theirs, index: true));
        Assert.DoesNotContain(b, batch.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_partners_completion_id_is_a_conflict_exactly_like_one_of_the_callers_own()
    {
        var (a, _) = await host.CreatePartnerAsync();
        var (b, _) = await host.CreatePartnerAsync();
        var own = PortalHost.NewId("c");
        var theirs = PortalHost.NewId("c");
        object Item(string completionId, string partnerId, string course) =>
            new { completionId, partnerId, personId = "person-1", courseId = course, completedAt = "2034-03-01T10:00:00+01:00" };
        const string url = "/api/v1/training/elearning-completions/batch";
        using var admin = host.Admin();
        await (await admin.PostAsJsonAsync(url, new { items = new[] { Item(theirs, b, "course-b") } }, Ct)).EnsureStatus(HttpStatusCode.OK);
        using var aKey = host.WithKey(await host.CreateKeyAsync([Scopes.TrainingWrite], a));
        await (await aKey.PostAsJsonAsync(url, new { items = new[] { Item(own, a, "course-a") } }, Ct)).EnsureStatus(HttpStatusCode.OK);

        var batch = await (await aKey.PostAsJsonAsync(url, new { items = new[] { Item(own, a, "course-x"), Item(theirs, a, "course-x") } }, Ct)).JsonAsync();
        var results = batch.GetProperty("results");
        Assert.Equal("conflict", results[0].GetProperty("status").GetString());
        Assert.Equal(Normalized(results[0], own, index: true), Normalized(results[1], theirs, index: true));
        Assert.DoesNotContain(b, batch.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("course-b", batch.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>The answer without what differs by nature: the trace id, the item's index, the id the caller sent itself.</summary>
    private static string Normalized(JsonElement answer, string id, bool index = false)
    {
        var node = JsonNode.Parse(answer.GetRawText())!.AsObject();
        node.Remove("traceId");
        if (index) node.Remove("index");
        return node.ToJsonString().Replace(id, "{id}", StringComparison.Ordinal);
    }
}

/// <summary>A job that fails for a reason only the operator should read.</summary>
public sealed class FailingJob
{
    public const string Secret = "relation \"secret_internal_table\" does not exist";

    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync() => throw new InvalidOperationException(Secret);
}
