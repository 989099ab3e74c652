using System.Security.Claims;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.BuildingBlocks.Demo;

/// <summary>The callers the showcase seeders act as when they run a use case outside a request: a back-office user and a
/// partner user, with the scopes and the partner binding their logins would have, so the use cases' own rules apply and
/// the audit log names them (actor <c>demo:…</c>).</summary>
public static class DemoCallers
{
    public static Caller BackOffice() => Of("demo:backoffice", "Bernd Backoffice", Roles.BackOffice, null, Scopes.All);

    public static Caller Partner(string partnerId, string displayName) =>
        Of("demo:partner:" + partnerId, displayName, Roles.Partner, partnerId, Scopes.PartnerUser);

    private static Caller Of(string actor, string name, string role, string? partnerId, IEnumerable<string> scopes)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role), new(Caller.ActorClaim, actor) };
        if (partnerId is not null) claims.Add(new Claim(Caller.PartnerClaim, partnerId));
        claims.AddRange(scopes.Select(s => new Claim(Caller.ScopeClaim, s)));
        return new Caller(new ClaimsPrincipal(new ClaimsIdentity(claims, "demo")));
    }
}
