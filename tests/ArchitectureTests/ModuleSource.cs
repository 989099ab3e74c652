using System.Text.RegularExpressions;

namespace PartnerPortal.ArchitectureTests;

/// <summary>A module's implementation source, read as text: its API module's routes and the files that hold their
/// handlers, and its page files.</summary>
internal sealed partial class ModuleSource
{
    private readonly Dictionary<string, string> _files;

    private ModuleSource(string module, Dictionary<string, string> files)
    {
        Module = module;
        _files = files;
    }

    public string Module { get; }

    public static ModuleSource Load(string module)
    {
        var root = Path.Combine(Repository.Root, "src", "Modules", module, module);
        Assert.True(Directory.Exists(root), $"{root} does not exist");
        var files = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);
        return new ModuleSource(module, files);
    }

    /// <summary>The file(s) declaring the module's API: a class deriving from <c>ApiModule</c>.</summary>
    public IReadOnlyList<string> ApiModuleFiles => _files.Where(f => ApiModuleDeclaration().IsMatch(f.Value)).Select(f => f.Key).ToArray();

    /// <summary>The API module classes' names, e.g. <c>TrainingEndpoints</c>.</summary>
    public IReadOnlyList<string> ApiModuleClasses => ApiModuleFiles.Select(f => ApiModuleDeclaration().Match(_files[f]).Groups[1].Value).ToArray();

    /// <summary>Every <c>api.MapGet/MapPost/…(path, handler)</c> of the API module, with the handler as written.</summary>
    public IReadOnlyList<Route> Routes =>
        ApiModuleFiles.SelectMany(f => MapCall().Matches(_files[f]).Select(m =>
        {
            var rest = _files[f][(m.Index + m.Length)..];
            var handler = NamedHandler().Match(rest) is { Success: true } h ? h.Groups[1].Value : rest[..Math.Min(60, rest.Length)].Trim();
            return new Route($"{m.Groups[1].Value.ToUpperInvariant()} {m.Groups[2].Value}", handler);
        })).ToArray();

    /// <summary>The files declaring <paramref name="typeName"/> (a class or record).</summary>
    public IReadOnlyList<string> FilesDeclaring(string typeName) =>
        _files.Where(f => Regex.IsMatch(f.Value, $@"\b(class|record|struct)\s+{Regex.Escape(typeName)}\b")).Select(f => f.Key).ToArray();

    /// <summary>The files that make up the module's pages: its Razor components, whatever lies in a <c>Pages</c> folder,
    /// and the classes its module class maps pages with (<c>MapPages</c>).</summary>
    public IReadOnlyDictionary<string, string> PageFiles
    {
        get
        {
            var mappers = _files.Values.Select(text => MapPagesBody().Match(text)).Where(m => m.Success)
                .SelectMany(m => Regex.Matches(m.Groups[1].Value + m.Groups[2].Value, @"(\w+)\.Map\(").Select(c => c.Groups[1].Value))
                .ToHashSet(StringComparer.Ordinal);
            return _files.Where(f => f.Key.EndsWith(".razor", StringComparison.Ordinal) || f.Key.Contains("/Pages/", StringComparison.Ordinal)
                                     || mappers.Any(c => Regex.IsMatch(f.Value, $@"\bclass\s+{c}\b")))
                .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        }
    }

    public sealed record Route(string Name, string Handler)
    {
        /// <summary><c>Type.Method</c>: a named use case; anything else (a lambda, a local method) hides one in the API file.</summary>
        public (string Type, string Method)? Target =>
            Regex.Match(Handler, @"^([A-Z]\w*)\.([A-Z]\w*)$") is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value) : null;
    }

    [GeneratedRegex(@"\bclass\s+(\w+)\s*:\s*ApiModule\b")]
    private static partial Regex ApiModuleDeclaration();

    [GeneratedRegex(@"\.Map(Get|Post|Put|Delete|Patch)\(\s*""([^""]*)""\s*,\s*")]
    private static partial Regex MapCall();

    [GeneratedRegex(@"^([A-Za-z_][\w.]*)\s*\)")]
    private static partial Regex NamedHandler();

    [GeneratedRegex(@"void\s+MapPages\s*\([^)]*\)\s*(?:=>\s*([^;]*);|\{(.*?)\n    \})", RegexOptions.Singleline)]
    private static partial Regex MapPagesBody();
}

internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PartnerPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PartnerPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
