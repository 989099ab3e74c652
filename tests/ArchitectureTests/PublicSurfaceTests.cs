using System.Reflection;
using Marten;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.BuildingBlocks;

namespace PartnerPortal.ArchitectureTests;

/// <summary>
/// ARCHITECTURE.md "Boundaries": types are <c>internal sealed</c> unless they must be public. Public are the module class,
/// its Marten documents (Marten's generated code needs them), its page components (Razor makes them public), and what
/// those show in their public members; nothing else, and every public class is sealed or static.
/// </summary>
public sealed class PublicSurfaceTests
{
    /// <summary>Every module.</summary>
    private static readonly string[] Covered = ["Partners", "Surveys", "Scoring", "Incentives", "Training", "Funds", "FollowUps", "Notifications"];

    public static TheoryData<string> Modules => new(Covered);

    [Theory]
    [MemberData(nameof(Modules))]
    public void Only_the_module_class_its_documents_and_its_pages_are_public(string module)
    {
        var assembly = Assembly.Load($"PartnerPortal.{module}");
        var moduleType = assembly.GetExportedTypes().Single(t => typeof(IModule).IsAssignableFrom(t));
        var roots = new[] { moduleType }.Concat(Documents((IModule)Activator.CreateInstance(moduleType)!))
            .Concat(assembly.GetExportedTypes().Where(t => typeof(ComponentBase).IsAssignableFrom(t))).ToArray();
        Assert.Contains(roots, t => t != moduleType);

        var needed = Closure(roots, assembly);
        var exported = assembly.GetExportedTypes().Where(t => t.Name != "_Imports").ToArray(); // _Imports.razor: Razor's, used by no one
        var extra = exported.Where(t => !needed.Contains(t)).Select(t => t.FullName).Order().ToArray();
        Assert.True(extra.Length == 0, $"{module}: public types no document, page or the module class needs (make them internal):\n" + string.Join("\n", extra));
        var unsealed = exported.Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !typeof(ComponentBase).IsAssignableFrom(t))
            .Select(t => t.FullName).ToArray();
        Assert.True(unsealed.Length == 0, $"{module}: public classes that are not sealed:\n" + string.Join("\n", unsealed));
    }

    /// <summary>The document types the module configures (<c>services.ConfigureMarten</c>), without a database.</summary>
    private static IEnumerable<Type> Documents(IModule module)
    {
        var services = new ServiceCollection().AddLogging(); // the host's, which a module's services may take
        module.AddServices(services, new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        var options = new StoreOptions();
        foreach (var configure in provider.GetServices<IConfigureMarten>()) configure.Configure(provider, options);
        return ((IReadOnlyStoreOptions)options).AllKnownDocumentTypes().Select(d => d.DocumentType).ToArray();
    }

    /// <summary>The roots and every type of <paramref name="assembly"/> their public members show, transitively.</summary>
    private static HashSet<Type> Closure(IEnumerable<Type> roots, Assembly assembly)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(roots);
        while (queue.TryDequeue(out var type))
        {
            if (type.Assembly != assembly || !seen.Add(type)) continue;
            const BindingFlags visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var shown = type.GetProperties(visible).Select(p => p.PropertyType)
                .Concat(type.GetFields(visible).Select(f => f.FieldType))
                .Concat(type.GetMethods(visible).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
                .Concat(type.GetConstructors().SelectMany(c => c.GetParameters().Select(p => p.ParameterType)));
            foreach (var t in shown.SelectMany(Unwrap)) queue.Enqueue(t);
        }
        return seen;
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType) return Unwrap(type.GetElementType()!);
        return type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap).Append(type) : [type];
    }
}
