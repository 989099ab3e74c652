using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Funds.Ledger;

/// <summary><c>POST /api/v1/training/partners/{partnerId}/wkz/allocations</c> (and, through <see cref="IWkzFunds"/>, back
/// office's form on <c>/schulungen/programm</c>): credits WKZ budget to a partner.</summary>
internal static class AllocateWkz
{
    public static Task<WkzPosting> HandleAsync(string partnerId, WkzPostingRequest? request, string actor, IPartnerDirectory partners,
        IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        WkzPostings.PostAsync(partnerId, WkzKind.Allocation, request, actor, partners, store, clock, ct);

    public static async Task<IResult> Endpoint(string partnerId, WkzPostingRequest? request, Caller caller, IPartnerDirectory partners,
        IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        WkzPostings.ToHttp(await HandleAsync(partnerId, request, caller.Actor, partners, store, clock, ct), partnerId);
}
