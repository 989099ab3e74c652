using System.Net;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using Snapshooter.Xunit3;

namespace PartnerPortal.IntegrationTests.Foundation;

public sealed class OpenApiTests(PortalHost host)
{
    [Fact]
    public async Task The_OpenAPI_document_lists_the_endpoints_with_the_api_key_scheme()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        var doc = await response.JsonAsync();

        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains("/api/v1/partners/{partnerId}", paths);
        Assert.Contains("/api/v1/users", paths);
        Assert.Contains("/api/v1/api-keys", paths);
        Assert.Contains("/api/v1/jobs/{jobId}", paths);
        Assert.DoesNotContain("/", paths); // pages are not API

        Snapshot.Match(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }), "openapi-v1");
    }

    [Fact]
    public async Task Swagger_UI_is_served()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/swagger/index.html", TestContext.Current.CancellationToken);
        await response.EnsureStatus(HttpStatusCode.OK);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
