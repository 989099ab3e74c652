using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Partners.Directory;

internal sealed record PutPartnerRequest(string? Name, List<ShopRequest?>? Shops);

internal sealed record ShopRequest(string? ShopId, string? Name, string? City);

/// <summary><c>PUT /api/v1/partners/{partnerId}</c>: create or replace a partner and its shops.</summary>
internal static class PutPartner
{
    public static async Task<IResult> Handle(string partnerId, PutPartnerRequest? request, Caller caller, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(partnerId, request);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var shops = request!.Shops!.Select(s => new Shop(s!.ShopId!, s.Name!.Trim(), s.City!.Trim())).ToList();

        var existing = await session.LoadAsync<Partner>(partnerId, ct);
        var claimed = (await session.LoadManyAsync<ShopOwnership>(ct, shops.Select(s => s.ShopId).ToArray()))
            .ToDictionary(o => o.Id, StringComparer.Ordinal);
        var taken = claimed.Values.Where(o => o.PartnerId != partnerId).Select(o => o.Id).ToArray();
        if (taken.Length > 0)
            return Problems.Conflict($"Shop ids already belong to another partner: {string.Join(", ", taken)}.");

        foreach (var shop in shops.Where(s => !claimed.ContainsKey(s.ShopId)))
            session.Insert(new ShopOwnership { Id = shop.ShopId, PartnerId = partnerId });
        foreach (var dropped in existing?.Shops.Where(old => shops.All(s => s.ShopId != old.ShopId)) ?? [])
            session.Delete<ShopOwnership>(dropped.ShopId);

        var partner = new Partner { Id = partnerId, Name = request.Name!.Trim(), Shops = shops, UpdatedAt = clock.GetUtcNow() };
        session.Store(partner);
        session.Audit(caller, partner.UpdatedAt, AuditActions.PartnerSaved, $"partner {partnerId}",
            $"{(existing is null ? "created" : "replaced")}: '{partner.Name}', shops {string.Join(" ", shops.Select(s => s.ShopId))}", partnerId);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (MartenErrors.IsAlreadyExists(e))
        {
            return Problems.Conflict("A shop id was claimed by another partner at the same moment; nothing was changed.");
        }

        var body = PartnerDirectory.ToInfo(partner);
        return existing is null
            ? TypedResults.Created($"/api/v1/partners/{Uri.EscapeDataString(partnerId)}", body)
            : TypedResults.Ok(body);
    }

    private static ValidationErrors Validate(string partnerId, PutPartnerRequest? request)
    {
        var errors = new ValidationErrors();
        errors.Identifier("partnerId", partnerId);
        if (request is null) return errors.Add("body", "A JSON body { name, shops } is required.");
        errors.Text("name", request.Name, 200);
        if (request.Shops is null) return errors.Add("shops", "'shops' is required (it may be empty).");
        if (request.Shops.Count > 1000) errors.Add("shops", "A partner has at most 1,000 shops.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Shops.Count; i++)
        {
            var shop = request.Shops[i];
            if (shop is null) { errors.Add($"shops[{i}]", "A shop must be an object."); continue; }
            if (errors.Identifier($"shops[{i}].shopId", shop.ShopId) && !seen.Add(shop.ShopId!))
                errors.Add($"shops[{i}].shopId", $"Shop id '{shop.ShopId}' appears twice.");
            errors.Text($"shops[{i}].name", shop.Name, 200);
            errors.Text($"shops[{i}].city", shop.City, 100);
        }
        return errors;
    }
}
