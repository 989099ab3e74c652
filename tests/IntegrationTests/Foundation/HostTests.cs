using System.Net;
using System.Text;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Foundation;

public sealed class HostTests(PortalHost host)
{
    [Fact]
    public async Task Health_is_live_and_ready_when_the_database_and_schema_are_there()
    {
        using var client = host.Anonymous();
        await (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).EnsureStatus(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        await ready.EnsureStatus(HttpStatusCode.OK);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Signed_out_visitors_land_on_the_German_login_page()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        await response.EnsureStatus(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Anmelden</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"email\">E-Mail-Adresse</label>", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);

        var area = await client.GetAsync("/provision", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, area.StatusCode);
        Assert.StartsWith("/?returnUrl=", area.Headers.Location!.OriginalString, StringComparison.Ordinal); // relative, never another host
    }

    [Fact]
    public async Task Unknown_api_routes_answer_404_problem_details()
    {
        using var client = host.Admin();
        var response = await client.GetAsync("/api/v1/no-such-thing", TestContext.Current.CancellationToken);
        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_with_the_reason_and_changes_nothing()
    {
        using var client = host.Admin();
        var partnerId = PortalHost.NewId("p");
        var response = await client.PutAsync($"/api/v1/partners/{partnerId}",
            new StringContent("{\"name\": \"x\", \"shops\": [", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // A validation failure names its field (API.md "Errors"): for a body that cannot be read, the body.
        Assert.Contains("not valid JSON", Assert.Single(problem.Errors("body")), StringComparison.Ordinal);
        await (await client.GetAsync($"/api/v1/partners/{partnerId}", TestContext.Current.CancellationToken)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_typed_body_of_the_wrong_shape_names_the_body_or_the_field_in_errors()
    {
        using var client = host.Admin();
        var ct = TestContext.Current.CancellationToken;
        // The whole body of the wrong shape: no field to name but the body.
        var array = await client.PutAsync($"/api/v1/partners/{PortalHost.NewId("p")}", new StringContent("[]", Encoding.UTF8, "application/json"), ct);
        Assert.Single((await array.ProblemAsync(HttpStatusCode.BadRequest)).Errors("body"));
        // One field of the wrong type: that field, not the body.
        var field = await client.PutAsync($"/api/v1/partners/{PortalHost.NewId("p")}",
            new StringContent("{\"name\": 7, \"shops\": []}", Encoding.UTF8, "application/json"), ct);
        var problem = await field.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Single(problem.Errors("name"));
        Assert.Empty(problem.Errors("body"));
    }

    [Fact]
    public async Task A_query_value_the_framework_cannot_bind_names_its_parameter_in_errors()
    {
        using var client = host.Admin();
        var ct = TestContext.Current.CancellationToken;
        // An int? parameter given text: the framework's binding failure, answered as a validation failure of that parameter.
        foreach (var path in new[] { "/api/v1/audit?limit=abc", "/api/v1/incentives/statements?limit=x1" })
        {
            var problem = await (await client.GetAsync(path, ct)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal("'limit' must be a whole number.", Assert.Single(problem.Errors("limit")));
        }
        // A year keeps the date rules' own message (ADR 0030), which say what a year may be.
        var year = await (await client.GetAsync("/api/v1/training/coaching-bookings?year=abc", ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("'year' must be a year from 2000 to 2100, e.g. 2023.", Assert.Single(year.Errors("year")));
    }

    [Fact]
    public async Task Wrong_content_type_is_a_415_problem()
    {
        using var client = host.Admin();
        var response = await client.PutAsync($"/api/v1/partners/{PortalHost.NewId("p")}",
            new StringContent("name=x", Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);
        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
