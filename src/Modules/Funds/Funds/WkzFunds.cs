using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Funds.Ledger;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Funds;

/// <summary><see cref="IWkzFunds"/> on the request's scoped document session (the unit of work the caller saves).</summary>
internal sealed class WkzFunds(IDocumentSession session, IDocumentStore store, IPartnerDirectory partners, TimeProvider clock) : IWkzFunds
{
    public Task<WkzAccount> AccountAsync(string partnerId, CancellationToken cancellationToken) =>
        GetWkzAccount.AccountAsync(session, partnerId, cancellationToken);

    public Task<WkzPosting> AllocateAsync(string partnerId, decimal? amountEur, string? reason, string actor, CancellationToken cancellationToken) =>
        AllocateWkz.HandleAsync(partnerId, new WkzPostingRequest(amountEur, reason), actor, partners, store, clock, cancellationToken);

    public async Task<WkzCharge> ChargeAsync(WkzChargeRequest request, CancellationToken cancellationToken)
    {
        Release(request.BookingId);
        var head = await WkzHead.ReadAsync(session, request.PartnerId, cancellationToken);
        var amount = Math.Max(0m, Math.Min(head.BalanceEur, request.MaxAmountEur));
        if (amount == 0) return new WkzCharge(0m, head.BalanceEur);
        var entry = head.Next(request.PartnerId, WkzKind.Charge, -amount, request.Reason, request.BookingId, request.At, request.Actor);
        session.Insert(entry);
        session.Audit(request.Actor, request.At, AuditActions.WkzCharged, $"wkz {entry.Id}",
            $"{entry.AmountEur:0.00} EUR for coaching {request.BookingId}, balance after {entry.BalanceAfterEur:0.00} EUR", request.PartnerId);
        return new WkzCharge(amount, entry.BalanceAfterEur);
    }

    public void Earmark(string partnerId, string bookingId, decimal amountEur)
    {
        if (amountEur <= 0) Release(bookingId);
        else session.Store(new WkzEarmark { Id = bookingId, PartnerId = partnerId, AmountEur = amountEur });
    }

    public void Release(string bookingId) => session.Delete<WkzEarmark>(bookingId);
}
