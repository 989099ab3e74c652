using Marten;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Funds.Ledger;

/// <summary><c>POST /api/v1/training/partners/{partnerId}/wkz/adjustments</c>: corrects a partner's balance by a signed
/// amount; refused (409) when the balance would become negative.</summary>
internal static class AdjustWkz
{
    public static Task<WkzPosting> HandleAsync(string partnerId, WkzPostingRequest? request, string actor, IPartnerDirectory partners,
        IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        WkzPostings.PostAsync(partnerId, WkzKind.Adjustment, request, actor, partners, store, clock, ct);

    public static async Task<IResult> Endpoint(string partnerId, WkzPostingRequest? request, Caller caller, IPartnerDirectory partners,
        IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        WkzPostings.ToHttp(await HandleAsync(partnerId, request, caller.Actor, partners, store, clock, ct), partnerId);
}
