namespace PartnerPortal.Funds.Ledger;

/// <summary>
/// What an open coaching booking will take from the partner's WKZ at delivery, at the programme's current rates. Id: the
/// booking id, so a booking has one earmark at most: booking it writes one, a new programme rate rewrites it, cancelling
/// or delivering it deletes it. Not a charge: the balance moves only on delivery.
/// </summary>
public sealed class WkzEarmark
{
    public string Id { get; init; } = "";
    public string PartnerId { get; init; } = "";
    public decimal AmountEur { get; init; }
}
