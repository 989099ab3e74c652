using System.Collections.Concurrent;
using System.Security.Claims;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.BuildingBlocks.Demo;

/// <summary>The callers the showcase seeders act as when they run a use case outside a request: a back-office user and a
/// partner user, with the scopes and the partner binding their logins would have, so the use cases' own rules apply and
/// the audit log names them (actor <c>demo:…</c>).</summary>
public static class DemoCallers
{
    private const string BackOfficeActor = "demo:backoffice";
    private const string BackOfficeName = "Bernd Backoffice";
    private const string PartnerPrefix = "demo:partner:";

    /// <summary>The names the partner callers were given in this process (the audit log shows them).</summary>
    private static readonly ConcurrentDictionary<string, string> PartnerNames = new(StringComparer.Ordinal);

    public static Caller BackOffice() => Of(BackOfficeActor, BackOfficeName, Roles.BackOffice, null, Scopes.All);

    public static Caller Partner(string partnerId, string displayName)
    {
        PartnerNames[PartnerPrefix + partnerId] = displayName;
        return Of(PartnerPrefix + partnerId, displayName, Roles.Partner, partnerId, Scopes.PartnerUser);
    }

    /// <summary>What a person reads for a demo actor (<c>demo:…</c>) in the audit log instead of the code; null for any
    /// other actor. A partner caller not seen in this process (seeded by an earlier run) reads "Partner-Login (Demo)".</summary>
    public static string? DisplayName(string actor) =>
        actor == BackOfficeActor ? BackOfficeName
        : actor.StartsWith(PartnerPrefix, StringComparison.Ordinal) ? PartnerNames.GetValueOrDefault(actor) ?? "Partner-Login (Demo)"
        : null;

    private static Caller Of(string actor, string name, string role, string? partnerId, IEnumerable<string> scopes)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role), new(Caller.ActorClaim, actor) };
        if (partnerId is not null) claims.Add(new Claim(Caller.PartnerClaim, partnerId));
        claims.AddRange(scopes.Select(s => new Claim(Caller.ScopeClaim, s)));
        return new Caller(new ClaimsPrincipal(new ClaimsIdentity(claims, "demo")));
    }
}
