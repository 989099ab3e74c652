using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.BuildingBlocks.Security;

public static class ScopeAuthorization
{
    public static string PolicyName(string scope) => "scope:" + scope;

    /// <summary>Registers one authorization policy per known scope.</summary>
    public static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder builder)
    {
        foreach (var scope in Scopes.All)
            builder.AddPolicy(PolicyName(scope), p => p.RequireAuthenticatedUser().RequireClaim(Caller.ScopeClaim, scope));
        return builder;
    }

    /// <summary>The endpoint needs <paramref name="scope"/> (403 without it, 401 without credentials).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder
    {
        if (!Scopes.IsKnown(scope)) throw new ArgumentException($"Unknown scope '{scope}'.", nameof(scope));
        return builder.RequireAuthorization(PolicyName(scope)).WithMetadata(new RequiredScope(scope));
    }

    public static Caller GetCaller(this IServiceProvider services) => services.GetRequiredService<Caller>();

    public static Caller GetCaller(this HttpContext context) => context.RequestServices.GetCaller();
}

/// <summary>Endpoint metadata naming the scope an endpoint needs (used by OpenAPI and the route sweep).</summary>
public sealed record RequiredScope(string Scope);
