using System.Diagnostics;
using System.Text.Json;

namespace PartnerPortal.ArchitectureTests;

/// <summary>
/// The shape the host is published in (ADR 0026, ADR 0057), read from MSBuild's own evaluation of the project: with a
/// runtime identifier it is self-contained and one composite ReadyToRun image; an explicit <c>SelfContained=false</c> gets
/// the framework-dependent image; without a runtime identifier (<c>dotnet run</c>, the tests) nothing changes. The start-up
/// time itself is the benchmark's row; this catches the project losing the setting, which would only make it slower.
/// </summary>
public sealed class PublishShapeTests
{
    private static readonly string HostProject = Path.Combine(Repository.Root, "src", "Host", "PartnerPortal.Host.csproj");

    [Fact]
    public async Task A_publish_for_a_runtime_is_self_contained_and_one_composite_image()
    {
        var p = await EvaluateAsync("-p:RuntimeIdentifier=linux-x64", "-p:Configuration=Release");
        Assert.Equal("true", p["PublishReadyToRun"]);
        Assert.Equal("true", p["SelfContained"]);
        Assert.Equal("true", p["PublishReadyToRunComposite"]);
        Assert.Equal("false", p["TieredPGO"]);
        Assert.Equal("true", p["ServerGarbageCollection"]); // ADR 0059
    }

    [Fact]
    public async Task An_explicitly_framework_dependent_publish_is_precompiled_per_assembly()
    {
        var p = await EvaluateAsync("-p:RuntimeIdentifier=linux-x64", "-p:SelfContained=false");
        Assert.Equal("true", p["PublishReadyToRun"]);
        Assert.Equal("false", p["SelfContained"]);
        Assert.NotEqual("true", p["PublishReadyToRunComposite"]);
    }

    [Fact]
    public async Task Without_a_runtime_the_host_runs_on_the_machines_runtime()
    {
        var p = await EvaluateAsync();
        Assert.NotEqual("true", p["SelfContained"]);
        Assert.NotEqual("true", p["PublishReadyToRunComposite"]);
        Assert.Equal("true", p["ServerGarbageCollection"]); // ADR 0059: the built host too
    }

    private static async Task<IReadOnlyDictionary<string, string>> EvaluateAsync(params string[] properties)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "msbuild", HostProject, "-nologo", "-getProperty:PublishReadyToRun", "-getProperty:SelfContained",
                     "-getProperty:PublishReadyToRunComposite", "-getProperty:TieredPGO", "-getProperty:ServerGarbageCollection" }.Concat(properties))
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, "dotnet msbuild failed: " + await stdout + await stderr);
        using var json = JsonDocument.Parse(await stdout);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetString() ?? "");
    }
}
