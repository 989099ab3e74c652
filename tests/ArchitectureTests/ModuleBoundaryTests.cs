using System.Reflection;
using System.Xml.Linq;
using NetArchTest.Rules;

namespace PartnerPortal.ArchitectureTests;

/// <summary>ARCHITECTURE.md "Boundaries": modules meet through Contracts only; Contracts stay free of infrastructure.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string[] ModuleNames = ["Partners", "Surveys", "Scoring", "Incentives", "Funds", "Training", "Notifications"];

    private static Assembly Implementation(string module) => Assembly.Load($"PartnerPortal.{module}");

    private static Assembly Contracts(string module) => Assembly.Load($"PartnerPortal.{module}.Contracts");

    /// <summary>The modules that offer other modules something (a Contracts project). Training offers nothing: no
    /// module calls it, so it has no Contracts project (ADR 0036); an empty one would only suggest a boundary.</summary>
    private static readonly string[] ContractsNames = ["Partners", "Surveys", "Scoring", "Incentives", "Funds"];

    public static TheoryData<string> Modules => new(ModuleNames);

    public static TheoryData<string> ModulesWithContracts => new(ContractsNames);

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_references_no_other_module_implementation(string module)
    {
        var others = ModuleNames.Where(m => m != module).Select(m => $"PartnerPortal.{m}").ToHashSet();
        var referenced = Implementation(module).GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.DoesNotContain(referenced, others.Contains);

        // Project references too, so an unused but forbidden reference cannot creep in either.
        var project = XDocument.Load(Path.Combine(Repository.Root, "src", "Modules", module, module, $"PartnerPortal.{module}.csproj"));
        var projectReferences = project.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).ToArray();
        Assert.DoesNotContain(projectReferences, others.Contains);
        Assert.All(projectReferences.Where(r => r.StartsWith("PartnerPortal.", StringComparison.Ordinal) && r != $"PartnerPortal.{module}.Contracts"),
            r => Assert.True(r.EndsWith(".Contracts", StringComparison.Ordinal) || r is "PartnerPortal.BuildingBlocks", $"{module} references {r}"));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_does_not_depend_on_the_host(string module)
    {
        var result = Types.InAssembly(Implementation(module)).ShouldNot().HaveDependencyOn("PartnerPortal.Host").GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Fact]
    public void A_Contracts_project_exists_exactly_where_listed_and_carries_contracts()
    {
        var present = ModuleNames.Where(m => File.Exists(Path.Combine(Repository.Root, "src", "Modules", m, $"{m}.Contracts", $"PartnerPortal.{m}.Contracts.csproj")));
        Assert.Equal(ContractsNames.Order(StringComparer.Ordinal), present.Order(StringComparer.Ordinal));
        Assert.All(ContractsNames, m => Assert.True(Contracts(m).GetExportedTypes().Length > 0, $"{m}.Contracts is empty"));
    }

    [Theory]
    [MemberData(nameof(ModulesWithContracts))]
    public void Contracts_hold_no_Marten_Carter_or_Hangfire(string module)
    {
        var result = Types.InAssembly(Contracts(module))
            .ShouldNot().HaveDependencyOnAny("Marten", "Carter", "Hangfire", "Npgsql", "JasperFx", "Weasel", "Microsoft.AspNetCore")
            .GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
        Assert.DoesNotContain(Contracts(module).GetReferencedAssemblies(),
            a => a.Name is "Marten" or "Carter" or "Hangfire.Core" or "Npgsql");
    }

    [Fact]
    public void The_shared_kernel_holds_no_infrastructure()
    {
        var kernel = Assembly.Load("PartnerPortal.SharedKernel");
        var result = Types.InAssembly(kernel).ShouldNot().HaveDependencyOnAny("Marten", "Carter", "Hangfire", "Npgsql", "Microsoft.AspNetCore").GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Endpoints_and_handlers_are_not_public(string module)
    {
        var result = Types.InAssembly(Implementation(module))
            .That().HaveNameEndingWith("Endpoints")
            .Should().NotBePublic()
            .GetResult();
        Assert.True(result.IsSuccessful, Describe(result));
    }

    private static string Describe(NetArchTest.Rules.TestResult result) =>
        "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
