using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;

namespace PartnerPortal.Host.Api;

internal static class ApiSetup
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
                              "Tools authenticate with an API key in the X-Api-Key header.",
            });
            o.AddSecurityDefinition("ApiKey", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "An API key issued through POST /api/v1/api-keys (or the bootstrap key).",
            });
            o.AddSecurityRequirement(doc => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", doc)] = [] });
            o.DocInclusionPredicate((_, api) => api.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
            o.CustomSchemaIds(t => t.FullName!.Replace("PartnerPortal.", "", StringComparison.Ordinal).Replace('+', '.'));
        });
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MaxDepth = 32;
    }

    /// <summary>Unreadable requests (malformed JSON, wrong content type, oversize body) are the client's 4xx,
    /// with the reason, never a 500.</summary>
    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad) return false;
            var detail = bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
            context.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = bad.StatusCode, Title = "The request could not be read.", Detail = detail },
                Exception = exception,
            });
        }
    }
}
