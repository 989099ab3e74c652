using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Partners.Directory;

/// <summary><c>GET /api/v1/partners/{partnerId}</c>.</summary>
internal static class GetPartner
{
    public static async Task<IResult> Handle(string partnerId, IPartnerDirectory directory, CancellationToken ct) =>
        await directory.FindAsync(partnerId, ct) is { } partner
            ? TypedResults.Ok(partner)
            : Problems.NotFound($"Partner '{partnerId}' does not exist.");
}
