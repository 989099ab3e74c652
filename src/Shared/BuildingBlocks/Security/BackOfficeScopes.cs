using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PartnerPortal.BuildingBlocks.Security;

/// <summary>
/// The scopes that only back office can use: every API operation that needs one refuses a caller bound to a partner
/// (<see cref="ScopeAuthorization.RequireUnboundCaller{TBuilder}"/>). Read from the host's own endpoints, so a new
/// operation a bound key may call makes its scope grantable to bound keys again without a list to keep. A key bound to
/// a partner is never issued with one of these (ADR 0055): it would answer 403 to every call it was made for.
/// </summary>
public sealed class BackOfficeScopes(EndpointDataSource endpoints)
{
    private readonly Lazy<IReadOnlySet<string>> _scopes = new(() => Read(endpoints.Endpoints));

    public IReadOnlySet<string> All => _scopes.Value;

    public bool Contains(string scope) => All.Contains(scope);

    private static IReadOnlySet<string> Read(IEnumerable<Endpoint> endpoints)
    {
        var usableWhenBound = new HashSet<string>(StringComparer.Ordinal);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var unboundOnly = ScopeAuthorization.RefusesBoundCallers(endpoint.Metadata);
            foreach (var scope in ScopeAuthorization.ScopesOf(endpoint.Metadata))
            {
                needed.Add(scope);
                if (!unboundOnly) usableWhenBound.Add(scope);
            }
        }
        needed.ExceptWith(usableWhenBound);
        return needed;
    }
}
