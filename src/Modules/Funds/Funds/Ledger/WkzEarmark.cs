namespace PartnerPortal.Funds.Ledger;

/// <summary>
/// What an open coaching booking holds of the partner's WKZ until delivery. Id: the booking id, so a booking has one
/// earmark at most. <see cref="WantedEur"/> is what the booking wants (partner share × wkzPercent at the programme's
/// rates); <see cref="AmountEur"/> is what it holds: the earmarks of a partner are shared out in request order, each
/// <c>min(what is left of the balance, wanted)</c> (by <see cref="Priority"/>), so together they never exceed the balance (ADR 0046). Not a
/// charge: the balance moves only on delivery.
/// </summary>
public sealed class WkzEarmark
{
    public string Id { get; init; } = "";
    public string PartnerId { get; init; } = "";
    public decimal AmountEur { get; init; }

    /// <summary>What the booking wants; 0 on earmarks stored before ADR 0046, which held all they wanted (<see cref="Wanted"/>).</summary>
    public decimal WantedEur { get; init; }

    /// <summary>When the booking was requested (for people reading the data).</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>The order in which the partner's earmarks are served: earlier requests first. Numbered under the partner's
    /// WKZ lock (one more than the highest held), so it is the order in which the requests committed; 0 before ADR 0046.</summary>
    public long Priority { get; init; }

    internal decimal Wanted => WantedEur > 0 ? WantedEur : AmountEur;
}
