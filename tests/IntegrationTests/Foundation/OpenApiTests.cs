using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>docs/api/openapi-v1.json is the document the host serves (the same JSON, without a BOM): the file clients
    /// generate from (tests/ApiClientTs, the C# client test) and the linters check (scripts/lint-openapi.sh). On a
    /// difference the served one is written to docs/api/__mismatch__/openapi-v1.json; with UPDATE_SNAPSHOTS=1 the test
    /// rewrites docs/api/openapi-v1.json itself (review the diff before committing).</summary>
    [Fact]
    public async Task The_committed_document_is_the_served_one()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        var served = Indented(await response.JsonAsync());
        var file = Path.Combine(RepositoryRoot(), "docs", "api", "openapi-v1.json");
        var bytes = File.Exists(file) ? await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken) : [];
        // The same JSON, whatever its layout (another tool may have written it), and no byte-order mark.
        if (bytes is not [0xEF, 0xBB, 0xBF, ..] && SameJson(bytes, served)) return;

        var target = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1"
            ? file
            : Path.Combine(Path.GetDirectoryName(file)!, "__mismatch__", "openapi-v1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllTextAsync(target, served, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), TestContext.Current.CancellationToken);
        Assert.Fail($"docs/api/openapi-v1.json differs from the served document; the served one is in {target}. " +
                    "Check the difference, then copy it over (or run with UPDATE_SNAPSHOTS=1) and commit it.");
    }

    private static bool SameJson(byte[] committed, string served)
    {
        try
        {
            return committed.Length > 0 && JsonNode.DeepEquals(JsonNode.Parse(committed), JsonNode.Parse(served));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Two-space indented JSON with \n line ends, non-ASCII text as it is, no BOM: a stable, diffable file.</summary>
    private static string Indented(JsonElement doc) =>
        JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PartnerPortal.sln"))) return dir.FullName;
        throw new InvalidOperationException("PartnerPortal.sln not found above " + AppContext.BaseDirectory);
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
