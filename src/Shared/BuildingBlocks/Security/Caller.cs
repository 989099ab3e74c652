using System.Security.Claims;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.BuildingBlocks.Security;

/// <summary>
/// Who is calling and which partner they may see. The one place every endpoint asks; built from the
/// authenticated principal (API key or login cookie) by the host.
/// </summary>
public sealed class Caller
{
    public const string ScopeClaim = "scope";
    public const string PartnerClaim = "partner_id";
    public const string ActorClaim = "actor";
    public const string PartnerNameClaim = "partner_name";

    private readonly HashSet<string> _scopes;

    public Caller(ClaimsPrincipal principal)
    {
        Principal = principal;
        IsAuthenticated = principal.Identity?.IsAuthenticated == true;
        _scopes = principal.FindAll(ScopeClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        PartnerId = principal.FindFirstValue(PartnerClaim);
        Actor = principal.FindFirstValue(ActorClaim) ?? "anonymous";
        DisplayName = principal.FindFirstValue(ClaimTypes.Name) ?? Actor;
        PartnerName = principal.FindFirstValue(PartnerNameClaim);
        IsBackOffice = IsAuthenticated && PartnerId is null && principal.IsInRole(Roles.BackOffice);
    }

    public ClaimsPrincipal Principal { get; }

    public bool IsAuthenticated { get; }

    /// <summary>The partner this caller is confined to, or null for an unbound (back-office) caller.</summary>
    public string? PartnerId { get; }

    /// <summary>Stable identifier for audit: <c>user:{id}</c> or <c>key:{id}</c>.</summary>
    public string Actor { get; }

    public string DisplayName { get; }

    /// <summary>The bound partner's display name, for the portal header (login cookies carry it).</summary>
    public string? PartnerName { get; }

    /// <summary>A signed-in back-office user (not merely a key with many scopes).</summary>
    public bool IsBackOffice { get; }

    public IReadOnlySet<string> Scopes => _scopes;

    public bool IsPartnerBound => PartnerId is not null;

    public bool HasScope(string scope) => _scopes.Contains(scope);

    /// <summary>True when the caller may see and touch data of <paramref name="partnerId"/>.</summary>
    public bool CanAccessPartner(string? partnerId) => PartnerId is null || string.Equals(PartnerId, partnerId, StringComparison.Ordinal);

    /// <summary>
    /// The partner filter a listing must apply: a bound caller always gets its own partner, whatever it asked
    /// for; an unbound caller gets what it asked for (null = all).
    /// </summary>
    public string? ConfinePartnerFilter(string? requested) => PartnerId ?? requested;
}
