using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Funds.Ledger;

/// <summary><c>POST /api/v1/training/partners/{partnerId}/wkz/adjustments</c>: corrects a partner's balance by a signed
/// amount (back office, API only); refused (409) when the balance would become negative.</summary>
internal static class AdjustWkz
{
    public static async Task<IResult> Endpoint(string partnerId, WkzPostingRequest? request, Caller caller, IPartnerDirectory partners,
        IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        WkzPostings.ToHttp(await WkzPostings.PostAsync(partnerId, WkzKind.Adjustment, request, caller.Actor, partners, store, clock, ct), partnerId);
}
