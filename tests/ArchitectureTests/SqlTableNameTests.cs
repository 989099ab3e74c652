using System.Text.RegularExpressions;

namespace PartnerPortal.ArchitectureTests;

/// <summary>
/// Hand-written SQL names Marten's tables through <c>MartenTables.Of&lt;T&gt;(store)</c>, from the module's mapping, never
/// as <c>schema.mt_doc_…</c> literals spread over the files (ADR 0036), in every module; a
/// literal for a table no document maps any more (an upgrade's source) is marked <c>LegacyTable</c>. Responses are read
/// through <c>ResponseRows</c> (ADR 0058).
/// </summary>
public sealed partial class SqlTableNameTests
{
    [Fact]
    public void No_source_file_spells_a_Marten_table_name()
    {
        var src = Path.Combine(Repository.Root, "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => TableLiteral().IsMatch(l.Text) && !l.Text.TrimStart().StartsWith("///", StringComparison.Ordinal)
                        && !l.Text.Contains("LegacyTable =", StringComparison.Ordinal))
            .Select(l => $"{Path.GetRelativePath(Repository.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToArray();
        Assert.True(offenders.Length == 0, "Marten table names spelled out (use MartenTables.Of<T>(store)):\n" + string.Join("\n", offenders));
    }

    /// <summary>A response's values live in its table's columns, its document keeps the rest (ADR 0058): Marten's own
    /// loads and queries of <c>SurveyResponse</c> would give responses without partner or scores, so every read goes
    /// through <c>ResponseRows</c>.</summary>
    [Fact]
    public void Responses_are_read_through_ResponseRows_only()
    {
        var src = Path.Combine(Repository.Root, "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && Path.GetFileName(f) != "ResponseRows.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => MartenResponseRead().IsMatch(l.Text) && !l.Text.TrimStart().StartsWith("///", StringComparison.Ordinal))
            .Select(l => $"{Path.GetRelativePath(Repository.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToArray();
        Assert.True(offenders.Length == 0, "Responses read with Marten (use ResponseRows):\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"mt_doc_\w+")]
    private static partial Regex TableLiteral();

    [GeneratedRegex(@"\b(Load|LoadMany|Query|QueryAsync|AdvancedSql\.QueryAsync)(Async)?<(\w+\.)*SurveyResponse>")]
    private static partial Regex MartenResponseRead();
}
