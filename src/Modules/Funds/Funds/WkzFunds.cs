using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Funds.Ledger;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Funds;

/// <summary><see cref="IWkzFunds"/> on the request's scoped document session (the unit of work the caller saves). The
/// partners locked in the current attempt are held as <see cref="WkzBook"/>s.</summary>
internal sealed class WkzFunds(IDocumentSession session, IDocumentStore store, IPartnerDirectory partners, TimeProvider clock) : IWkzFunds
{
    private readonly Dictionary<string, WkzBook> _books = new(StringComparer.Ordinal);

    public Task<WkzAccount> AccountAsync(string partnerId, CancellationToken cancellationToken) =>
        GetWkzAccount.AccountAsync(session, partnerId, cancellationToken);

    public async Task<IReadOnlyDictionary<string, decimal>> EarmarksAsync(IReadOnlyCollection<string> bookingIds, CancellationToken cancellationToken)
    {
        if (bookingIds.Count == 0) return new Dictionary<string, decimal>();
        var earmarks = await session.LoadManyAsync<WkzEarmark>(cancellationToken, bookingIds.Distinct().ToArray());
        return earmarks.ToDictionary(e => e.Id, e => SharedKernel.Money.Cents(e.AmountEur));
    }

    public Task<WkzPosting> AllocateAsync(string partnerId, decimal? amountEur, string? reason, string actor, CancellationToken cancellationToken) =>
        AllocateWkz.HandleAsync(partnerId, new WkzPostingRequest(amountEur, reason), actor, partners, store, clock, cancellationToken);

    public async Task LockAsync(IReadOnlyCollection<string> partnerIds, CancellationToken cancellationToken)
    {
        _books.Clear();
        await WkzLock.EnterAsync(session, partnerIds, cancellationToken);
        foreach (var partnerId in partnerIds.Distinct(StringComparer.Ordinal))
            _books[partnerId] = await WkzBook.ReadAsync(session, partnerId, cancellationToken);
    }

    public Task<WkzCharge> ChargeAsync(WkzChargeRequest request, CancellationToken cancellationToken)
    {
        var book = Book(request.PartnerId);
        book.Release(request.BookingId);
        var amount = Math.Max(0m, Math.Min(book.Head.BalanceEur, request.MaxAmountEur));
        if (amount == 0) return Task.FromResult(new WkzCharge(0m, book.Head.BalanceEur));
        var entry = book.Append(WkzKind.Charge, -amount, request.Reason, request.BookingId, request.At, request.Actor);
        session.Audit(request.Actor, request.At, AuditActions.WkzCharged, $"wkz {entry.Id}",
            $"{entry.AmountEur:0.00} EUR for coaching {request.BookingId}, balance after {entry.BalanceAfterEur:0.00} EUR", request.PartnerId);
        return Task.FromResult(new WkzCharge(amount, entry.BalanceAfterEur));
    }

    public decimal Earmark(string partnerId, string bookingId, decimal wantedEur, DateTimeOffset requestedAt) =>
        Book(partnerId).Earmark(bookingId, wantedEur, requestedAt);

    public decimal BalanceOf(string partnerId) => Book(partnerId).Head.BalanceEur;

    public decimal EarmarkOf(string partnerId, string bookingId) =>
        SharedKernel.Money.Cents(Book(partnerId).Earmarks.FirstOrDefault(e => e.Id == bookingId)?.AmountEur ?? 0m);

    public void Release(string partnerId, string bookingId) => Book(partnerId).Release(bookingId);

    private WkzBook Book(string partnerId) => _books.TryGetValue(partnerId, out var book)
        ? book
        : throw new InvalidOperationException($"The WKZ of partner '{partnerId}' is not locked in this unit of work (IWkzFunds.LockAsync first).");
}
