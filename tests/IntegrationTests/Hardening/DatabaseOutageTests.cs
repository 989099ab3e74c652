using System.Net;
using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// The database blinks: while PostgreSQL is down, API and page requests are 503 problem details with Retry-After
/// (never 500), readiness is unhealthy and liveness is not, nothing is half-stored; when it is back, the host serves
/// again by itself, Hangfire included. Runs on the isolated host, whose database this test may stop.
/// </summary>
[Collection(IsolatedHostCollection.Name)]
public sealed class DatabaseOutageTests(IsolatedHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_the_database_is_down_requests_are_503_with_Retry_After_and_the_host_recovers_by_itself()
    {
        var key = await host.CreateKeyAsync([Scopes.PartnersRead, Scopes.PartnersWrite, Scopes.UsersWrite, Scopes.ScoringRecalculate, .. Scopes.PartnerUser]);
        var pollKey = await host.CreateKeyAsync([Scopes.PartnersRead, Scopes.ScoringRecalculate]);
        var partnerId = await host.CreatePartnerAsync(key);
        using var api = host.Client(apiKey: key);
        var email = $"{PortalHost.NewId("outage")}@example.test";
        await (await api.PostAsJsonAsync("/api/v1/users",
            new { email, password = "Correct-Horse-42", displayName = "Ausfall", role = Roles.Partner, partnerId }, Ct)).EnsureStatus(HttpStatusCode.Created);
        var (signedIn, cookies) = await host.SignInAsync(email, "Correct-Horse-42", "192.0.2.31");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var anonymous = host.Client("192.0.2.31");
        var writtenDuringOutage = PortalHost.NewId("p");

        host.StopDatabase();
        try
        {
            await AssertUnavailableAsync(await api.GetAsync($"/api/v1/partners/{partnerId}", Ct));
            await AssertUnavailableAsync(await api.PutAsJsonAsync($"/api/v1/partners/{writtenDuringOutage}",
                new { name = "Während des Ausfalls", shops = Array.Empty<object>() }, Ct));

            using var page = new HttpRequestMessage(HttpMethod.Get, "/uebersicht");
            page.Headers.Add("Cookie", IsolatedHost.CookieHeader(cookies));
            page.Headers.Add("Accept", "text/html");
            await AssertUnavailableAsync(await anonymous.SendAsync(page, Ct));

            var ready = await anonymous.GetAsync("/health/ready", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync(Ct));
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live", Ct)).StatusCode);
        }
        finally
        {
            host.StartDatabase();
        }

        // Back by itself: readiness first, then the API; in between only 503s, never a 500.
        await host.PollAsync(async () => (await anonymous.GetAsync("/health/ready", Ct)).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "Readiness after the database came back");
        using var poll = host.Client(apiKey: pollKey);
        var seen = new List<HttpStatusCode>();
        await host.PollAsync(async () =>
        {
            var status = (await poll.GetAsync($"/api/v1/partners/{partnerId}", Ct)).StatusCode;
            seen.Add(status);
            return status;
        }, s => s != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "The API answering after the database came back");
        Assert.All(seen, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"Unexpected {(int)s} while recovering."));
        Assert.Equal(HttpStatusCode.OK, seen[^1]);

        await (await poll.GetAsync($"/api/v1/partners/{writtenDuringOutage}", Ct)).ProblemAsync(HttpStatusCode.NotFound);

        // The jobs run again: a recalculation enqueued now succeeds.
        var accepted = await poll.PostAsJsonAsync("/api/v1/scoring/recalculations", new { quarter = "2041-Q3" }, Ct);
        var jobId = (await accepted.JsonAsync(HttpStatusCode.Accepted)).GetProperty("jobId").GetString();
        var state = await host.PollAsync(async () =>
                (await (await poll.GetAsync($"/api/v1/jobs/{jobId}", Ct)).JsonAsync()).GetProperty("state").GetString(),
            s => s is "succeeded" or "failed", TimeSpan.FromSeconds(60), "The recalculation job finishing");
        Assert.Equal("succeeded", state);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("The database is not available.", problem.GetProperty("title").GetString());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
