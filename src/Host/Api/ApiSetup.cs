using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;

namespace PartnerPortal.Host.Api;

internal static partial class ApiSetup
{
    /// <summary>JSON conventions of API.md, RFC 9457 problem details for every error, and the OpenAPI document.</summary>
    public static void AddPortalApi(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailableHandler>();

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "PartnerPortal API",
                Version = "v1",
                Description = "NPS survey responses, score cards, commission statements and the Perfect Pitch training programme. " +
                              "Tools authenticate with an API key in the X-Api-Key header. This document is the contract of " +
                              "API.md: required and nullable fields, closed sets, formats, scopes (x-scopes) and every status " +
                              "an operation can answer are as the server behaves (ADR 0039).",
                Contact = new OpenApiContact { Name = "PartnerPortal API team", Email = "api@partnerportal.example" },
                License = new OpenApiLicense { Name = "Proprietary: for the operator's partners and contracted integrators", Url = new Uri("https://partnerportal.example/api-terms") },
            });
            // Relative: the document describes the host that serves it, wherever that runs.
            o.AddServer(new OpenApiServer { Url = "/", Description = "The host serving this document" });
            o.AddSecurityDefinition("ApiKey", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "An API key issued through POST /api/v1/api-keys (or the bootstrap key).",
            });
            o.AddSecurityRequirement(doc => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", doc)] = [] });
            o.DocInclusionPredicate((_, api) => api.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
            o.CustomSchemaIds(SchemaNames.Of);
            o.DocumentFilter<OpenApiContract>();
        });
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MaxDepth = 32;
        // A number is a JSON number: "12" is a wrong type, as for every other field (the web defaults would accept it).
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    /// <summary>Unreadable requests (malformed JSON, wrong content type, oversize body, a form that cannot be parsed, an
    /// antiforgery token that cannot be read from it) are the client's 4xx, with the reason, never a 500. The reason names
    /// the JSON path or the parameter, never a .NET type: the framework's messages do ("could not be converted to
    /// PartnerPortal.…", "SessionRequest? request"), and those are ours to know.</summary>
    private sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, detail) = exception switch
            {
                BadHttpRequestException { InnerException: JsonException json } bad => (bad.StatusCode, NotValidJson(json)),
                BadHttpRequestException bad => (bad.StatusCode, WithoutTypeNames(bad.Message)),
                AntiforgeryValidationException => (StatusCodes.Status400BadRequest,
                    "The antiforgery token is missing or not valid: reload the page and send the form again."),
                InvalidDataException bad => (StatusCodes.Status400BadRequest, WithoutTypeNames(bad.Message)), // the form reader's limits and encodings
                _ => (0, ""),
            };
            if (status == 0) return false;
            context.Response.StatusCode = status;
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = "The request could not be read.", Detail = detail };
            if (FieldOf(exception) is { } field)
                problem.Extensions["errors"] = new Dictionary<string, string[]>
                {
                    [field] = [$"'{field}' has the wrong type or a value out of range (a number too large or too small to be read)."],
                };
            else if (exception is BadHttpRequestException { InnerException: JsonException } && status == StatusCodes.Status400BadRequest)
                // A body that is not JSON, or not of this operation's shape as a whole: the error is the body's, as the
                // survey readers report it (API.md: a validation failure is 400 with errors: { field: [messages] }).
                problem.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [detail] };
            if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception }))
                return true;
            problem.Extensions["traceId"] = context.TraceIdentifier;
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", cancellationToken);
            return true;
        }

        /// <summary>The field a well-formed JSON body could not be bound at, named as the validation errors name it
        /// (<c>$.tiers[0].qualityBonusEur</c> → <c>tiers[0].qualityBonusEur</c>): a number beyond its type (1e30 EUR) or a
        /// value of the wrong type. Syntax errors and a body of the wrong shape as a whole name no field.</summary>
        private static string? FieldOf(Exception exception) =>
            exception is BadHttpRequestException { InnerException: JsonException { InnerException: not JsonException, Path: ['$', '.', .. var path] } }
                ? path
                : null;

        /// <summary>Where the body went wrong (<c>$.seats</c>), not which type it could not be converted to.</summary>
        internal static string NotValidJson(JsonException json) =>
            "The request body is not valid JSON for this operation" + (string.IsNullOrEmpty(json.Path) ? "." : $" (at {json.Path}).");

        /// <summary>The framework's messages name a parameter as <c>"Type name"</c> (<c>"int? year"</c>,
        /// <c>"SessionRequest? request"</c>): only the name is kept, and no namespace-qualified name survives.</summary>
        internal static string WithoutTypeNames(string message) =>
            QualifiedName().Replace(ParameterWithType().Replace(message, "'${name}'"), "a value");

        [GeneratedRegex("\"[^\"]*?\\s(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
        private static partial Regex ParameterWithType();

        [GeneratedRegex("\\b(?:System|Microsoft|PartnerPortal)(?:\\.[A-Za-z_][A-Za-z0-9_`]*)+")]
        private static partial Regex QualifiedName();
    }
}
