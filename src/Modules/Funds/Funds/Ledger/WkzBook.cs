using PartnerPortal.Funds.Contracts;
using Money = PartnerPortal.SharedKernel.Money;

namespace PartnerPortal.Funds.Ledger;

/// <summary>
/// One partner's WKZ as read under its <see cref="WkzLock"/>: the ledger head and the earmarks, changed in memory by the
/// steps of one unit of work and queued into its session. After every change the earmarks are shared out again
/// (<see cref="Rebalance"/>), so whatever moved (a booking, a cancel, a charge, an allocation, an adjustment) they
/// never exceed the balance, and an earmark held back earlier grows again when money comes free.
/// </summary>
internal sealed class WkzBook
{
    private readonly IDocumentSession _session;
    private readonly List<WkzEarmark> _earmarks;

    private WkzBook(IDocumentSession session, string partnerId, WkzHead head, List<WkzEarmark> earmarks)
    {
        _session = session;
        PartnerId = partnerId;
        Head = head;
        _earmarks = earmarks;
    }

    public string PartnerId { get; }

    public WkzHead Head { get; private set; }

    public IReadOnlyList<WkzEarmark> Earmarks => _earmarks;

    /// <summary>Reads the partner's head and earmarks; call under the partner's lock.</summary>
    public static async Task<WkzBook> ReadAsync(IDocumentSession session, string partnerId, CancellationToken ct)
    {
        var head = await WkzHead.ReadAsync(session, partnerId, ct);
        var earmarks = await session.Query<WkzEarmark>().Where(e => e.PartnerId == partnerId).ToListAsync(ct);
        return new WkzBook(session, partnerId, head, earmarks.ToList());
    }

    /// <summary>Sets what a booking wants and shares out again; returns what the booking holds now.</summary>
    public decimal Earmark(string bookingId, decimal wantedEur, DateTimeOffset requestedAt)
    {
        if (wantedEur <= 0)
        {
            Release(bookingId);
            return 0m;
        }
        var index = _earmarks.FindIndex(e => e.Id == bookingId);
        var earmark = new WkzEarmark
        {
            Id = bookingId, PartnerId = PartnerId, WantedEur = Money.Cents(wantedEur),
            RequestedAt = index >= 0 && _earmarks[index].RequestedAt != default ? _earmarks[index].RequestedAt : requestedAt,
            Priority = index >= 0 ? _earmarks[index].Priority : _earmarks.Select(e => e.Priority).DefaultIfEmpty(0).Max() + 1,
            AmountEur = index >= 0 ? _earmarks[index].AmountEur : 0m,
        };
        if (index >= 0) _earmarks[index] = earmark;
        else _earmarks.Add(earmark);
        _session.Store(earmark);
        _ = Rebalance();
        return _earmarks.First(e => e.Id == bookingId).AmountEur;
    }

    /// <summary>Deletes a booking's earmark (none is fine) and shares out again.</summary>
    public void Release(string bookingId)
    {
        _session.Delete<WkzEarmark>(bookingId);
        if (_earmarks.RemoveAll(e => e.Id == bookingId) > 0) _ = Rebalance();
    }

    /// <summary>Appends an entry (charge, allocation, adjustment) and shares out again against the new balance.</summary>
    public WkzEntry Append(WkzKind kind, decimal amountEur, string reason, string? bookingId, DateTimeOffset at, string by)
    {
        var entry = Head.Next(PartnerId, kind, amountEur, reason, bookingId, at, by);
        _session.Insert(entry);
        Head = new WkzHead(entry.Sequence, entry.BalanceAfterEur);
        _ = Rebalance();
        return entry;
    }

    /// <summary>Shares the balance out again as it stands (the start-up step for earmarks stored before ADR 0046); returns how
    /// many earmarks changed.</summary>
    public int Settle() => Rebalance();

    /// <summary>Shares the balance out to the earmarks in request order (<see cref="WkzEarmark.Priority"/>): each holds min(what is left, what
    /// it wants). Queues the earmarks whose amount changed.</summary>
    private int Rebalance()
    {
        var changedCount = 0;
        var left = Math.Max(0m, Head.BalanceEur);
        foreach (var (earmark, i) in _earmarks.Select((e, i) => (e, i)).OrderBy(x => x.e.Priority).ThenBy(x => x.e.RequestedAt).ThenBy(x => x.e.Id, StringComparer.Ordinal).ToArray())
        {
            var amount = Math.Min(left, earmark.Wanted);
            left -= amount;
            if (amount == earmark.AmountEur) continue;
            var changed = new WkzEarmark
            {
                Id = earmark.Id, PartnerId = PartnerId, WantedEur = earmark.Wanted, RequestedAt = earmark.RequestedAt, Priority = earmark.Priority, AmountEur = amount,
            };
            _earmarks[i] = changed;
            _session.Store(changed);
            changedCount++;
        }
        return changedCount;
    }
}
