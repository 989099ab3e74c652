using System.Text.RegularExpressions;

namespace PartnerPortal.ArchitectureTests;

/// <summary>
/// ARCHITECTURE.md "The shape": one file per use case (request, handler and endpoint together), and a page is the other
/// adapter of a use case: it calls the handler and maps its outcome, never an API endpoint, and never looks into an
/// <c>IResult</c>. Read from the source, so the rule speaks of files.
/// </summary>
public sealed partial class UseCaseShapeTests
{
    /// <summary>Every module.</summary>
    private static readonly string[] Covered = ["Partners", "Surveys", "Scoring", "Incentives", "Training", "Funds", "Notifications"];

    public static TheoryData<string> Modules => new(Covered);

    [Theory]
    [MemberData(nameof(Modules))]
    public void Every_API_route_maps_a_use_case_of_its_own_file(string module)
    {
        var source = ModuleSource.Load(module);
        Assert.Single(source.ApiModuleFiles);
        var routes = source.Routes;
        Assert.NotEmpty(routes);

        var inline = routes.Where(r => r.Target is null).Select(r => $"{r.Name} → {r.Handler}").ToArray();
        Assert.True(inline.Length == 0, $"{module}: routes whose handler is not a use case's Type.Method (the API file would hold the use case):\n"
            + string.Join("\n", inline));

        var files = routes.ToDictionary(r => r.Name, r => source.FilesDeclaring(r.Target!.Value.Type));
        var unplaced = files.Where(f => f.Value.Count != 1).Select(f => $"{f.Key}: declared in {f.Value.Count} files").ToArray();
        Assert.True(unplaced.Length == 0, $"{module}: handlers not declared in exactly one file:\n" + string.Join("\n", unplaced));

        var crowded = routes.GroupBy(r => files[r.Name][0]).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => $"{r.Name} ({r.Handler})"))}").ToArray();
        Assert.True(crowded.Length == 0, $"{module}: files holding more than one use case (one file per use case):\n" + string.Join("\n", crowded));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Pages_call_use_cases_never_an_API_endpoint_nor_look_into_its_result(string module)
    {
        var source = ModuleSource.Load(module);
        var endpoints = source.Routes.Where(r => r.Target is not null).Select(r => r.Handler).Concat(source.ApiModuleClasses).Distinct().ToArray();
        Assert.NotEmpty(endpoints);
        var offences = new List<string>();
        foreach (var (file, text) in source.PageFiles)
        {
            offences.AddRange(endpoints.Where(e => Regex.IsMatch(text, $@"\b{Regex.Escape(e)}\b")).Select(e => $"{file} calls the endpoint {e}"));
            offences.AddRange(ResultInspection().Matches(text).Select(m => $"{file} inspects an IResult: {m.Value}"));
        }
        Assert.True(offences.Count == 0, $"{module}: pages must call the use case's handler and map its outcome:\n" + string.Join("\n", offences));
    }

    /// <summary>The typed HTTP results an API endpoint answers with; a page that names them is reading an endpoint's answer.</summary>
    [GeneratedRegex(@"\b(?:(?:Ok|Created|CreatedAtRoute|Accepted|NotFound|Conflict|BadRequest|UnprocessableEntity|JsonHttpResult)<|ValidationProblem\b|ProblemHttpResult\b|IStatusCodeHttpResult\b|IValueHttpResult\b)")]
    private static partial Regex ResultInspection();
}
