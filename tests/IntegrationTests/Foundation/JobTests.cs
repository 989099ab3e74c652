using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Foundation;

public sealed class JobTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_recalculation_is_202_with_a_job_that_reports_its_state_until_it_succeeds()
    {
        using var client = host.WithKey(await host.CreateKeyAsync([Scopes.ScoringRecalculate]));
        var response = await client.PostAsJsonAsync("/api/v1/scoring/recalculations", new { quarter = "2023-Q2" }, Ct);
        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        var jobId = accepted.GetProperty("jobId").GetString()!;
        Assert.Equal($"/api/v1/jobs/{jobId}", response.Headers.Location!.OriginalString);

        var job = await WaitForFinalState(client, jobId);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal("2023-Q2", job.GetProperty("result").GetProperty("quarter").GetString());
    }

    [Fact]
    public async Task A_job_is_readable_only_with_a_scope_that_can_start_it()
    {
        using var starter = host.WithKey(await host.CreateKeyAsync([Scopes.StatementsRecalculate]));
        var jobId = (await (await starter.PostAsJsonAsync("/api/v1/incentives/recalculations", new { quarter = "2023-Q3" }, Ct))
            .JsonAsync(HttpStatusCode.Accepted)).GetProperty("jobId").GetString();
        using var other = host.WithKey(await host.CreateKeyAsync([Scopes.ScoringRecalculate]));
        await (await other.GetAsync($"/api/v1/jobs/{jobId}", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await starter.GetAsync($"/api/v1/jobs/{jobId}", Ct)).EnsureStatus(HttpStatusCode.OK);
        using var anonymous = host.Anonymous();
        await (await anonymous.GetAsync($"/api/v1/jobs/{jobId}", Ct)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("999999999")]
    [InlineData("not-a-job")]
    public async Task Unknown_jobs_are_404(string jobId)
    {
        using var admin = host.Admin();
        await (await admin.GetAsync($"/api/v1/jobs/{jobId}", Ct)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"quarter\":\"2023-Q5\"}")]
    [InlineData("{\"quarter\":\"Q2/2023\"}")]
    [InlineData("{}")]
    public async Task A_recalculation_of_no_real_quarter_is_400(string body)
    {
        using var admin = host.Admin();
        var response = await admin.PostAsync("/api/v1/scoring/recalculations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors("quarter"));
    }

    [Fact]
    public async Task Starting_a_recalculation_needs_its_scope()
    {
        using var client = host.WithKey(await host.CreateKeyAsync([Scopes.ScoresRead]));
        await (await client.PostAsJsonAsync("/api/v1/scoring/recalculations", new { quarter = "2023-Q2" }, Ct)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    private static Task<JsonElement> WaitForFinalState(HttpClient client, string jobId) => Jobs.WaitAsync(client, jobId, Ct);
}
