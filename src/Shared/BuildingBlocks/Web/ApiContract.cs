namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>
/// The closed set a string field or parameter takes, for the OpenAPI document (an <c>enum</c>, API.md "Conventions"):
/// the constant strings of <paramref name="vocabulary"/> in declaration order (e.g. <c>Channels</c>), an enum's wire
/// names (kebab-case), or the values given. The use case still checks the value; this only says it in the contract (ADR 0039).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OneOfAttribute : Attribute
{
    public OneOfAttribute(Type vocabulary) =>
        Values = vocabulary.IsEnum
            ? [.. vocabulary.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Select(f =>
                System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute>(f)?.Name
                ?? System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(f.Name))]
            : [.. vocabulary.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>The strings of a static list of <paramref name="vocabulary"/> (<c>[OneOf(typeof(RootCauses), nameof(RootCauses.Chosen))]</c>):
    /// for a closed set the use case checks against a list rather than constants, so the document reads the same list.</summary>
    public OneOfAttribute(Type vocabulary, string member) =>
        Values = [.. (IEnumerable<string>)(vocabulary.GetField(member, Flags)?.GetValue(null)
                  ?? vocabulary.GetProperty(member, Flags)?.GetValue(null)
                  ?? throw new ArgumentException($"{vocabulary.Name}.{member} is not a static list of strings.", nameof(member)))];

    public OneOfAttribute(params string[] values) => Values = values;

    private const System.Reflection.BindingFlags Flags =
        System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static;

    public IReadOnlyList<string> Values { get; }
}

/// <summary>A number that is a multiple of <see cref="Step"/> in the OpenAPI document: 0.01 for money (cents, ADR 0028),
/// 0.5 for half days. The use case still checks it.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MultipleOfAttribute(double step) : Attribute
{
    public decimal Step { get; } = (decimal)step;
}

/// <summary>A request field the client may leave out. Every other field of a request body is <c>required</c> in the
/// OpenAPI document, even where the type is nullable so that a missing value is reported per field or per item. On a
/// handler's body parameter: a body the client may leave out (every other body is <c>required</c>, its handler answers
/// 400 without one).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ApiOptionalAttribute : Attribute;

/// <summary>An example of the type as JSON, shown in the OpenAPI document (and checked against the schema by the
/// linters, scripts/lint-openapi.sh).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ApiExampleAttribute([System.Diagnostics.CodeAnalysis.StringSyntax("Json")] string json) : Attribute
{
    public string Json { get; } = json;
}
