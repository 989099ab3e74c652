using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Surveys.Contracts;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PartnerPortal.Host.Api;

/// <summary>
/// Makes the generated OpenAPI document the contract of API.md "Conventions" (ADR 0039), by rules read from the code
/// rather than by hand per route: every operation gets an operationId, its scopes (<c>x-scopes</c> and a line in the
/// description) and every status the host can answer with problem details (401/403 from the authorization metadata, 404
/// for routes with ids, 413 for bodies, 429 and 503 everywhere, with <c>Retry-After</c>), <c>Location</c> on a 202; every
/// schema says which fields are required and which nullable exactly as the serializer and the rules behave, with its
/// closed sets, formats and limits.
/// </summary>
internal sealed partial class OpenApiContract : IDocumentFilter
{
    /// <summary>A quarter <c>YYYY-Qn</c> (ADR 0030 limits it to 2000–2100; the handlers say so in the 400).</summary>
    public const string QuarterPattern = @"^\d{4}-Q[1-4]$";

    /// <summary><see cref="Identifiers"/> as a pattern (the host checks it with a loop, ADR 0029).</summary>
    public const string IdPattern = "^[A-Za-z0-9][A-Za-z0-9._:-]*$";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Partners"] = "Partners with their shops, portal users and API keys.",
        ["Surveys"] = "NPS survey responses (one, a batch, a CSV import), appeals, quarantine and integrity flags.",
        ["Scoring"] = "Score cards per quarter, dimension, segment and scope; a partner's summary; recalculations.",
        ["Incentives"] = "Commission plans, transactions and cancellations, NPS-dependent statements, approval and payout export.",
        ["Training"] = "The Perfect Pitch programme: coaching bookings, sessions, e-learning completions, KPIs and the WKZ ledger.",
        ["Audit"] = "Who did what when: the append-only audit log.",
        ["Jobs"] = "The state of background work started through the API (a 202's Location).",
    };

    /// <summary>Query and route parameters that take the same closed set wherever they appear.</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> SharedVocabulary = new()
    {
        ["channel"] = Channels.All,
        ["segment"] = Segments.All,
        ["dimension"] = Dimensions.All,
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        var validationProblem = context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository);
        foreach (var api in context.ApiDescriptions)
        {
            if (Find(document, api) is not { } operation) continue;
            DescribeOperation(operation, api, problem, validationProblem);
            DescribeParameters(operation, api);
        }
        DescribeJobStatus(document);
        DescribeTags(document);
        new SchemaContract(document).Apply();
    }

    private static OpenApiOperation? Find(OpenApiDocument document, ApiDescription api)
    {
        // A group's own route ("" under /api/v1/followups) has a trailing slash in its relative path, not in the document.
        var path = "/" + api.RelativePath?.Split('?')[0].TrimEnd('/');
        if (document.Paths is null || !document.Paths.TryGetValue(path, out var item) || item.Operations is null) return null;
        return item.Operations.TryGetValue(new HttpMethod(api.HttpMethod ?? "GET"), out var operation) ? operation : null;
    }

    private static void DescribeOperation(OpenApiOperation operation, ApiDescription api, IOpenApiSchema problem, IOpenApiSchema validationProblem)
    {
        var metadata = api.ActionDescriptor.EndpointMetadata;
        var checkedByHandler = metadata.OfType<ScopeCheckedByHandler>().ToArray();
        var scopes = ScopeAuthorization.ScopesOf(metadata).ToArray();
        var authenticated = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var unboundOnly = ScopeAuthorization.RefusesBoundCallers(metadata);

        operation.OperationId = metadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName ?? OperationId(api, operation);
        var description = new StringBuilder(operation.Summary ?? operation.OperationId);
        if (!(operation.Summary ?? "").EndsWith('.')) description.Append('.');
        if (scopes.Length > 0)
        {
            description.Append("\n\nScope: ").Append(string.Join(", ", scopes.Select(s => $"`{s}`")));
            foreach (var unless in checkedByHandler.Select(s => s.Unless).Distinct()) description.Append(' ').Append(unless);
            description.Append('.');
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-scopes"] = new JsonNodeExtension(new JsonArray([.. scopes.Select(s => (JsonNode)JsonValue.Create(s))]));
        }
        if (unboundOnly) description.Append(" Back office only: a key or user bound to a partner gets 403.");
        operation.Description = description.ToString();

        operation.Responses ??= new OpenApiResponses();
        var responses = operation.Responses;
        if (authenticated)
        {
            Problem(responses, 401, "No credentials, or an API key or session that is not valid.", problem);
            Problem(responses, 403, scopes.Length > 0
                ? "The caller lacks the scope, or may not see this partner's data."
                : "The caller may not see this resource.", problem);
        }
        var routeIds = api.ParameterDescriptions.Where(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path && IsId(p.Name)).ToArray();
        var upsertsItsId = api.HttpMethod == "PUT" && responses.ContainsKey("201");
        if (routeIds.Length > 0 && !upsertsItsId) Problem(responses, 404, "An id in the path does not exist (or is not the caller's to see).", problem);
        var sizeLimit = metadata.OfType<IRequestSizeLimitMetadata>().LastOrDefault();
        if (operation.RequestBody is not null && !(sizeLimit is { MaxRequestBodySize: null }))
            Problem(responses, 413, "The request body is larger than the host accepts.", problem);
        if (operation.RequestBody is OpenApiRequestBody body)
        {
            // Every reader of a body refuses another content type: the typed bodies through the framework, the survey
            // readers, BatchJson and the CSV import themselves.
            Problem(responses, 415, "The request body is not sent as " + string.Join(" or ", body.Content?.Keys ?? []) + ".", problem);
            // A body is required unless the handler's body parameter says it may be left out ([ApiOptional]): every other
            // handler answers 400 without one.
            body.Required = !BodyParameterIsOptional(api);
        }
        Problem(responses, 429, "The API key's rate limit was reached; retry after the seconds in Retry-After.", problem, retryAfter: true);
        Problem(responses, 503, "The database is not available; nothing was stored. Retry after the seconds in Retry-After.", problem, retryAfter: true);

        foreach (var (status, response) in responses)
        {
            if (response is not OpenApiResponse concrete) continue;
            if (status == "202")
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["Location"] = new OpenApiHeader
                {
                    Description = "The job's status: GET /api/v1/jobs/{jobId}.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
                };
            }
            if (status.Length == 3 && status[0] is '4' or '5')
            {
                // Every error is problem details (API.md "Errors"); a 400 carries the field errors.
                concrete.Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType { Schema = status == "400" ? validationProblem : problem },
                };
            }
        }
    }

    private static bool BodyParameterIsOptional(ApiDescription api)
    {
        var body = api.ParameterDescriptions.FirstOrDefault(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body);
        if (body?.Type is null) return false;
        var handler = api.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault();
        var parameter = handler?.GetParameters().FirstOrDefault(p => p.Name == body.Name)
                        ?? handler?.GetParameters().FirstOrDefault(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) == body.Type);
        return parameter?.GetCustomAttribute<ApiOptionalAttribute>() is not null;
    }

    private static void Problem(OpenApiResponses responses, int status, string description, IOpenApiSchema schema, bool retryAfter = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses.TryGetValue(key, out var existing) && existing is OpenApiResponse declared)
        {
            if (declared.Description is null or "" or "Not Found" or "Forbidden" or "Conflict") declared.Description = description;
            return;
        }
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
        };
        if (retryAfter)
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before sending the request again.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                },
            };
        responses[key] = response;
    }

    /// <summary><c>{module}_{method}{Path}</c>, camelCase, from the route: <c>POST /api/v1/surveys/responses/batch</c> →
    /// <c>surveys_postResponsesBatch</c>, <c>GET /api/v1/jobs/{jobId}</c> → <c>jobs_getByJobId</c>. Stable as long as the
    /// route is; an endpoint may name itself instead (<c>WithName</c>).</summary>
    private static string OperationId(ApiDescription api, OpenApiOperation operation)
    {
        var module = operation.Tags?.FirstOrDefault()?.Name ?? "api";
        var id = new StringBuilder(Camel(module)).Append('_').Append((api.HttpMethod ?? "get").ToLowerInvariant());
        var segments = (api.RelativePath ?? "").Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2); // api/v1
        foreach (var segment in segments)
        {
            if (segment.Equals(module, StringComparison.OrdinalIgnoreCase)) continue;
            var parts = NonWord().Split(segment).Where(p => p.Length > 0).ToArray();
            for (var i = 0; i < parts.Length; i++)
                id.Append(i == 0 && segment.StartsWith('{') ? "By" : "").Append(Pascal(parts[i]));
        }
        return id.ToString();
    }

    private static void DescribeParameters(OpenApiOperation operation, ApiDescription api)
    {
        if (operation.Parameters is null) return;
        var handler = api.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault();
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter.Schema is not OpenApiSchema schema) continue;
            var name = parameter.Name ?? "";
            var info = handler?.GetParameters().FirstOrDefault(p => p.Name == name);
            if (parameter.In == ParameterLocation.Path) parameter.Required = true;
            switch (name)
            {
                case "quarter":
                    schema.Type = JsonSchemaType.String;
                    schema.Pattern = QuarterPattern;
                    parameter.Description ??= "A quarter YYYY-Qn from 2000-Q1 to 2100-Q4, e.g. 2023-Q2.";
                    break;
                case "year":
                    Number(schema, JsonSchemaType.Integer, "int32", "2000", "2100");
                    break;
                case "limit":
                    // The maximum is the handler's own ([Range(1, MaxLimit)] on its parameter, below).
                    Number(schema, JsonSchemaType.Integer, "int32", "1");
                    break;
                case "overdue":
                    // Read as a string by the handler, which takes exactly "true" or "false": a boolean on the wire.
                    schema.Type = JsonSchemaType.Boolean;
                    schema.Format = null;
                    break;
                case "maxScore":
                    Number(schema, JsonSchemaType.Integer, "int32", "0", "10");
                    break;
                case "nps":
                    Number(schema, JsonSchemaType.Number, "double", "-100", "100");
                    break;
                case "from" or "to":
                    schema.Type = JsonSchemaType.String;
                    schema.Format = "date-time";
                    break;
                case var _ when IsId(name):
                    schema.Type = JsonSchemaType.String;
                    schema.Pattern = IdPattern;
                    schema.MaxLength = Identifiers.MaxLength;
                    break;
            }
            var values = info?.GetCustomAttribute<OneOfAttribute>()?.Values ?? SharedVocabulary.GetValueOrDefault(name);
            if (values is not null) schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
            if (info?.GetCustomAttribute<System.ComponentModel.DataAnnotations.RangeAttribute>() is { } range)
            {
                schema.Minimum = Convert.ToString(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
                schema.Maximum = Convert.ToString(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary><c>GET /api/v1/jobs/{jobId}</c> needs any scope that can start the job: those of the operations answering
    /// 202, collected here so the list cannot fall behind.</summary>
    private static void DescribeJobStatus(OpenApiDocument document)
    {
        if (document.Paths is null || !document.Paths.TryGetValue("/api/v1/jobs/{jobId}", out var item) || item.Operations is null) return;
        if (!item.Operations.TryGetValue(HttpMethod.Get, out var jobs)) return;
        var starters = Operations(document)
            .Where(o => o.Responses?.ContainsKey("202") == true)
            .SelectMany(o => o.Extensions?.TryGetValue("x-scopes", out var s) == true && s is JsonNodeExtension { Node: JsonArray a } ? a.Select(n => n!.GetValue<string>()) : [])
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        jobs.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        jobs.Extensions["x-scopes"] = new JsonNodeExtension(new JsonArray([.. starters.Select(s => (JsonNode)JsonValue.Create(s))]));
        jobs.Description += "\n\nScope: any scope that can start the job (" + string.Join(", ", starters.Select(s => $"`{s}`")) +
                            "); a partner-bound caller reads only jobs started for its partner.";
    }

    private static void DescribeTags(OpenApiDocument document)
    {
        var used = Operations(document).SelectMany(o => o.Tags is null ? [] : o.Tags.Select(t => t.Name!)).Distinct();
        document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal).Select(name =>
            new OpenApiTag { Name = name, Description = TagDescriptions.GetValueOrDefault(name, name) }));
    }

    internal static IEnumerable<OpenApiOperation> Operations(OpenApiDocument document) =>
        document.Paths is null ? [] : document.Paths.Values.SelectMany(p => p.Operations is null ? [] : (IEnumerable<OpenApiOperation>)p.Operations.Values);

    /// <summary>A numeric parameter: its type, format and bounds (an upper bound only where there is one).</summary>
    private static void Number(OpenApiSchema schema, JsonSchemaType type, string format, string minimum, string? maximum = null)
    {
        schema.Type = type;
        schema.Format = format;
        schema.Minimum = minimum;
        if (maximum is not null) schema.Maximum = maximum;
    }

    internal static bool IsId(string name) => name == "id" || (name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2);

    private static string Camel(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];

    private static string Pascal(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    [System.Text.RegularExpressions.GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial System.Text.RegularExpressions.Regex NonWord();
}
