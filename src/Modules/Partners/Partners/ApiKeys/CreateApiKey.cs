using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Partners.ApiKeys;

internal sealed record CreateApiKeyRequest(string? Name, [OneOf(typeof(Scopes))] List<string?>? Scopes, [ApiOptional] string? PartnerId);

internal sealed record ApiKeyCreated(string Id, string Key, string Name, [OneOf(typeof(Scopes))] IReadOnlyList<string> Scopes, string? PartnerId);

/// <summary><c>POST /api/v1/api-keys</c>: never more scopes, never less binding than the issuer has; a bound key never
/// with a scope only back office can use (<see cref="BackOfficeScopes"/>).</summary>
internal static class CreateApiKey
{
    public static async Task<IResult> Handle(CreateApiKeyRequest? request, Caller caller, IDocumentSession session,
        IPartnerDirectory partners, BackOfficeScopes backOffice, TimeProvider clock, CancellationToken ct)
    {
        if (request is null) return Problems.Validation("body", "A JSON body { name, scopes, partnerId? } is required.");
        var errors = new ValidationErrors();
        errors.Text("name", request.Name, 100);
        if (request.Scopes is null || request.Scopes.Count == 0)
            errors.Add("scopes", "'scopes' must name at least one scope.");
        else
            foreach (var unknown in request.Scopes.Where(s => s is null || !Scopes.IsKnown(s)))
                errors.Add("scopes", $"Unknown scope '{unknown}'. Known scopes: {string.Join(", ", Scopes.All)}.");
        if (request.PartnerId is not null && errors.Identifier("partnerId", request.PartnerId)
            && await partners.FindAsync(request.PartnerId, ct) is null)
            errors.Add("partnerId", $"Partner '{request.PartnerId}' does not exist.");
        // A bound key (asked for, or issued by a bound caller) with a scope only back office can use would answer 403 to
        // every call it was made for (ADR 0055).
        if ((caller.PartnerId ?? request.PartnerId) is { } boundTo && request.Scopes is not null)
            foreach (var scope in request.Scopes.Where(s => s is not null && backOffice.Contains(s)).Distinct(StringComparer.Ordinal))
                errors.Add("scopes", $"'{scope}' cannot be given to a key bound to partner '{boundTo}': every operation that needs it is back office's "
                                     + "and refuses a bound key.");
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

        var scopes = request.Scopes!.Select(s => s!).Distinct(StringComparer.Ordinal).ToList();
        var missing = scopes.Where(s => !caller.HasScope(s)).ToArray();
        if (missing.Length > 0)
            return Problems.Forbidden($"You cannot issue scopes you do not have: {string.Join(", ", missing)}.");
        if (request.PartnerId is not null && !caller.CanAccessPartner(request.PartnerId))
            return Problems.PartnerForbidden(request.PartnerId!);

        var secret = ApiKey.NewSecret();
        var key = new ApiKey
        {
            Id = Guid.NewGuid().ToString("N"),
            Name = request.Name!.Trim(),
            Hash = ApiKey.HashOf(secret),
            Scopes = scopes,
            PartnerId = caller.PartnerId ?? request.PartnerId,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = caller.Actor,
        };
        session.Insert(key);
        session.Audit(caller, key.CreatedAt, AuditActions.ApiKeyCreated, $"api key {key.Id}",
            $"'{key.Name}', scopes {string.Join(" ", key.Scopes)}{(key.PartnerId is null ? "" : $", bound to {key.PartnerId}")}", key.PartnerId);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created((string?)null, new ApiKeyCreated(key.Id, secret, key.Name, key.Scopes, key.PartnerId));
    }
}
