using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.Host.Api;

/// <summary>
/// Required and nullable for every schema of the document, read from the C# types the way the server treats them
/// (ADR 0039):
/// <list type="bullet">
/// <item>A schema an answer uses: every property is required (the serializer writes nulls), except one it leaves out
/// when null (<c>JsonIgnore(WhenWritingNull)</c>); nullable exactly where the C# type is (the types are annotated
/// truthfully: <c>statement.tier</c> is <c>NpsTier?</c>).</item>
/// <item>A schema only a request uses: every property is required unless marked <see cref="ApiOptionalAttribute"/>,
/// even where the C# type is nullable so that a missing value is reported per field or per item; an optional field
/// is nullable where its type is.</item>
/// </list>
/// Closed sets (<see cref="OneOfAttribute"/>), steps (<see cref="MultipleOfAttribute"/>, money by name) and formats by
/// name (<c>quarter</c>, <c>…At</c>, <c>date</c>/<c>…On</c>, ids in requests) follow.
/// </summary>
internal sealed class SchemaContract(OpenApiDocument document)
{
    /// <summary>One per document generation: <see cref="NullabilityInfoContext"/> caches in plain dictionaries and is not
    /// thread-safe, and two requests for the document generate it at the same time (a shared static one answered 500).</summary>
    private readonly NullabilityInfoContext nullability = new();

    public void Apply()
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return;
        var answers = Reachable(schemas, OpenApiContract.Operations(document)
            .SelectMany(o => o.Responses is null ? [] : (IEnumerable<IOpenApiResponse>)o.Responses.Values)
            .SelectMany(r => r.Content is null ? [] : (IEnumerable<IOpenApiMediaType>)r.Content.Values).Select(m => m.Schema));
        foreach (var (id, schema) in schemas)
        {
            if (schema is not OpenApiSchema concrete || !SchemaNames.TryGetType(id, out var type)) continue;
            Describe(concrete, type, isAnswer: answers.Contains(id));
        }
    }

    private void Describe(OpenApiSchema schema, Type type, bool isAnswer)
    {
        if (schema.Properties is null || schema.Properties.Count == 0) return;
#pragma warning disable CS0618 // Examples is written as "examples", which OpenAPI 3.0 schemas do not have; Example is its "example"
        if (type.GetCustomAttribute<ApiExampleAttribute>() is { } example) schema.Example = JsonNode.Parse(example.Json);
#pragma warning restore CS0618
        var required = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in schema.Properties.Keys.ToArray())
        {
            if (Member(type, name) is not { } property) continue;
            var parameter = type.GetConstructors().SelectMany(c => c.GetParameters())
                .FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            T? Attribute<T>() where T : Attribute => property.GetCustomAttribute<T>() ?? parameter?.GetCustomAttribute<T>();

            var omittedWhenNull = property.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault;
            var typeIsNullable = nullability.Create(property).ReadState == NullabilityState.Nullable;
            bool isRequired, isNullable;
            if (isAnswer)
            {
                // The framework's problem types are written by several writers (a 400 for an unreadable body has no
                // "errors"): only our own answers promise their fields.
                isRequired = !omittedWhenNull && type.Namespace?.StartsWith("PartnerPortal.", StringComparison.Ordinal) == true;
                isNullable = typeIsNullable && !omittedWhenNull;
            }
            else
            {
                isRequired = Attribute<ApiOptionalAttribute>() is null;
                isNullable = !isRequired && typeIsNullable;
            }
            if (isRequired) required.Add(name);

            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var value = schema.Properties[name];
            if (value is OpenApiSchema plain && plain.AllOf is null)
            {
                SetNullable(plain, isNullable);
                Constrain(plain, name, propertyType, isAnswer, Attribute<OneOfAttribute>(), Attribute<MultipleOfAttribute>());
                if (Attribute<RangeAttribute>() is { } range)
                {
                    plain.Minimum = Convert.ToString(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
                    plain.Maximum = Convert.ToString(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
                }
                if (Attribute<MaxLengthAttribute>() is { } max)
                {
                    if (plain.Items is not null) plain.MaxItems = max.Length;
                    else plain.MaxLength = max.Length;
                }
            }
            else
            {
                // A reference (or Swashbuckle's allOf around one): OpenAPI 3.0 ignores siblings of $ref, so a nullable one is
                // { type: object, nullable: true, allOf: [ref] } (the type because "nullable" needs one beside it).
                var reference = value is OpenApiSchema { AllOf: [var only] } ? only : value;
                schema.Properties[name] = isNullable
                    ? new OpenApiSchema { AllOf = [reference], Type = JsonSchemaType.Object | JsonSchemaType.Null }
                    : reference;
            }
        }
        schema.Required = required;
    }

    private static void Constrain(OpenApiSchema schema, string name, Type type, bool isAnswer, OneOfAttribute? oneOf, MultipleOfAttribute? step)
    {
        var target = schema.Items is OpenApiSchema items ? items : schema;
        if (oneOf is not null) target.Enum = [.. oneOf.Values.Select(v => (JsonNode)JsonValue.Create(v))];
        if (step is not null) schema.MultipleOf = step.Step;
        else if (type == typeof(decimal) && IsMoney(name)) schema.MultipleOf = 0.01m;

        if (type != typeof(string)) return;
        if (name == "quarter" || name.EndsWith("Quarter", StringComparison.Ordinal)) schema.Pattern = OpenApiContract.QuarterPattern;
        else if (name.EndsWith("At", StringComparison.Ordinal) && name.Length > 2) schema.Format = "date-time";
        else if (name == "date" || (name.EndsWith("On", StringComparison.Ordinal) && name.Length > 2)) schema.Format = "date";
        else if (!isAnswer && OpenApiContract.IsId(name))
        {
            schema.Pattern = OpenApiContract.IdPattern;
            schema.MaxLength ??= Identifiers.MaxLength;
        }
    }

    /// <summary>EUR amounts: fields ending in <c>Eur</c>, and <c>amount</c>/<c>total</c>; other money fields say so with
    /// <see cref="MultipleOfAttribute"/>.</summary>
    private static bool IsMoney(string name) => name.EndsWith("Eur", StringComparison.Ordinal) || name is "amount" or "total";

    private static void SetNullable(OpenApiSchema schema, bool nullable)
    {
        if (schema.Type is not { } type) return; // "any JSON" ({}) already admits null
        schema.Type = nullable ? type | JsonSchemaType.Null : type & ~JsonSchemaType.Null;
    }

    private static PropertyInfo? Member(Type type, string jsonName) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p =>
            (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name)) == jsonName);

    /// <summary>The ids of the component schemas reachable from <paramref name="roots"/>.</summary>
    private static HashSet<string> Reachable(IDictionary<string, IOpenApiSchema> schemas, IEnumerable<IOpenApiSchema?> roots)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<IOpenApiSchema>(roots.OfType<IOpenApiSchema>());
        while (stack.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id })
            {
                if (seen.Add(id) && schemas.TryGetValue(id, out var target)) stack.Push(target);
                continue;
            }
            foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []))
                stack.Push(child);
            if (schema.Items is { } items) stack.Push(items);
            if (schema.AdditionalProperties is { } additional) stack.Push(additional);
        }
        return seen;
    }
}

/// <summary>
/// Schema names without .NET namespaces (ADR 0039): a type's own name (generic arguments appended), the framework's
/// problem types as <c>ProblemDetails</c> and <c>ValidationProblemDetails</c>; a second type of the same name gets its
/// module in front (<c>Surveys…</c>). The order Swashbuckle asks in is fixed by the routes, so names are stable.
/// </summary>
internal static class SchemaNames
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<Type, string> Ids = [];
    private static readonly Dictionary<string, Type> Types = new(StringComparer.Ordinal);

    public static string Of(Type type)
    {
        lock (Gate)
        {
            if (Ids.TryGetValue(type, out var known)) return known;
            var name = Short(type);
            if (Types.TryGetValue(name, out var owner) && owner != type) name = Module(type) + name;
            Types[name] = type;
            return Ids[type] = name;
        }
    }

    public static bool TryGetType(string id, out Type type)
    {
        lock (Gate) return Types.TryGetValue(id, out type!);
    }

    private static string Short(Type type)
    {
        if (type == typeof(HttpValidationProblemDetails)) return "ValidationProblemDetails";
        var name = type.Name.Split('`')[0];
        return type.IsGenericType ? name + string.Concat(type.GetGenericArguments().Select(Short)) : name;
    }

    private static string Module(Type type)
    {
        var parts = (type.Namespace ?? "").Split('.');
        return parts is ["PartnerPortal", var module, ..] ? module : "Ext";
    }
}
