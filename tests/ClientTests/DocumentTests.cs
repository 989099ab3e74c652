using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerPortal.ClientTests;

/// <summary>
/// The client is generated from the committed <c>docs/api/openapi-v1.json</c>; this keeps that file the document the host
/// serves, so the generated client (and <see cref="MainJourneyTests"/>) always speaks the live contract (ADR 0040).
/// </summary>
public sealed class DocumentTests(ClientHost host)
{
    [Fact]
    public async Task The_committed_document_is_the_one_the_host_serves()
    {
        using var http = host.Anonymous();
        var served = await http.GetStringAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        var path = Path.Combine(RepositoryRoot(), "docs", "api", "openapi-v1.json");
        var committed = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        if (JsonNode.DeepEquals(JsonNode.Parse(served), JsonNode.Parse(committed))) return;

        var fresh = Path.Combine(AppContext.BaseDirectory, "openapi-v1.json");
        await File.WriteAllTextAsync(fresh, JsonSerializer.Serialize(JsonNode.Parse(served), new JsonSerializerOptions { WriteIndented = true }) + "\n",
            TestContext.Current.CancellationToken);
        Assert.Fail($"docs/api/openapi-v1.json is not the document the host serves. If the change is intended, copy {fresh} over it; "
                    + "the next build regenerates the client from it.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PartnerPortal.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (PartnerPortal.sln) was not found above " + AppContext.BaseDirectory);
    }
}
