using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.BuildingBlocks.Security;

public static class ScopeAuthorization
{
    public static string PolicyName(string scope) => "scope:" + scope;

    /// <summary>The policy of <see cref="RequireUnboundCaller{TBuilder}"/>.</summary>
    public const string UnboundCallerPolicy = "unbound-caller";

    /// <summary>Registers one authorization policy per known scope, and the unbound-caller policy.</summary>
    public static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder builder)
    {
        foreach (var scope in Scopes.All)
            builder.AddPolicy(PolicyName(scope), p => p.RequireAuthenticatedUser().RequireClaim(Caller.ScopeClaim, scope));
        builder.AddPolicy(UnboundCallerPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => !c.User.HasClaim(x => x.Type == Caller.PartnerClaim)));
        return builder;
    }

    /// <summary>
    /// The endpoint acts on every partner at once (a quarter's plan, a recalculation of all partners, the payout
    /// export, approvals): a caller bound to a partner gets 403 whatever its scopes, before the handler runs.
    /// </summary>
    public static TBuilder RequireUnboundCaller<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(UnboundCallerPolicy).WithMetadata(new UnboundCallerRequired());

    /// <summary>The endpoint needs <paramref name="scope"/> (403 without it, 401 without credentials).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder
    {
        if (!Scopes.IsKnown(scope)) throw new ArgumentException($"Unknown scope '{scope}'.", nameof(scope));
        return builder.RequireAuthorization(PolicyName(scope)).WithMetadata(new RequiredScope(scope));
    }

    /// <summary>The endpoint needs <paramref name="scope"/> unless <paramref name="unless"/> holds, which only the handler can
    /// tell (e.g. "the user itself"): no policy, the handler refuses; named for the OpenAPI document (x-scopes).</summary>
    public static TBuilder DocumentScope<TBuilder>(this TBuilder builder, string scope, string unless) where TBuilder : IEndpointConventionBuilder
    {
        if (!Scopes.IsKnown(scope)) throw new ArgumentException($"Unknown scope '{scope}'.", nameof(scope));
        return builder.WithMetadata(new ScopeCheckedByHandler(scope, unless));
    }

    /// <summary>The scopes an operation needs, read from its metadata: those its policy checks
    /// (<see cref="RequireScope{TBuilder}"/>) and those its handler checks (<see cref="DocumentScope{TBuilder}"/>).</summary>
    public static IEnumerable<string> ScopesOf(IEnumerable<object> metadata) =>
        metadata.OfType<RequiredScope>().Select(s => s.Scope).Concat(metadata.OfType<ScopeCheckedByHandler>().Select(s => s.Scope)).Distinct();

    /// <summary>True when the operation refuses every caller bound to a partner (<see cref="RequireUnboundCaller{TBuilder}"/>).</summary>
    public static bool RefusesBoundCallers(IEnumerable<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any(a => a.Policy == UnboundCallerPolicy);

    public static Caller GetCaller(this IServiceProvider services) => services.GetRequiredService<Caller>();

    public static Caller GetCaller(this HttpContext context) => context.RequestServices.GetCaller();
}

/// <summary>Endpoint metadata naming the scope an endpoint needs (used by OpenAPI and the route sweep).</summary>
public sealed record RequiredScope(string Scope);

/// <summary>Endpoint metadata: the scope an endpoint needs unless <see cref="Unless"/> holds, checked by its handler
/// (<see cref="ScopeAuthorization.DocumentScope{TBuilder}"/>).</summary>
public sealed record ScopeCheckedByHandler(string Scope, string Unless);

/// <summary>Endpoint metadata: partner-bound callers are refused (<see cref="ScopeAuthorization.RequireUnboundCaller{TBuilder}"/>).</summary>
internal sealed record UnboundCallerRequired;
