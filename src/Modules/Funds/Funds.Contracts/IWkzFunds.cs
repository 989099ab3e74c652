namespace PartnerPortal.Funds.Contracts;

/// <summary>
/// What other modules (Training) may ask of a partner's WKZ account (Werbekostenzuschuss: marketing funds).
/// <para><see cref="AccountAsync"/> reads and <see cref="AllocateAsync"/> is a whole use case: it validates, stores and
/// answers on its own.</para>
/// <para><see cref="ChargeAsync"/>, <see cref="Earmark"/> and <see cref="Release"/> are steps of the caller's own change
/// (a delivered, booked or cancelled coaching): they only queue their entries in the request's unit of work, the scoped
/// document session both modules resolve, and are stored by the caller's save, in one transaction with the caller's
/// change, or not at all. A concurrent charge of the same account makes that save fail on a duplicate key; the caller
/// then runs its whole attempt again (<c>InsertRace</c>), and the charge reads the new balance: the balance never goes
/// negative.</para>
/// </summary>
public interface IWkzFunds
{
    /// <summary>The partner's balance, what open bookings earmark, what is still available, and the newest entries.</summary>
    Task<WkzAccount> AccountAsync(string partnerId, CancellationToken cancellationToken);

    /// <summary>Credits budget to a partner (back office), validated, stored and audited at once.</summary>
    Task<WkzPosting> AllocateAsync(string partnerId, decimal? amountEur, string? reason, string actor, CancellationToken cancellationToken);

    /// <summary>Queues a charge of as much of <see cref="WkzChargeRequest.MaxAmountEur"/> as the balance covers (nothing when
    /// it is empty), and releases the booking's earmark.</summary>
    Task<WkzCharge> ChargeAsync(WkzChargeRequest request, CancellationToken cancellationToken);

    /// <summary>Queues the earmark of an open booking (replacing an earlier one of the same booking); 0 releases it.</summary>
    void Earmark(string partnerId, string bookingId, decimal amountEur);

    /// <summary>Queues the release of a booking's earmark (none is fine).</summary>
    void Release(string bookingId);
}

/// <summary>The kinds of ledger entries; in JSON, stored and answered, <c>allocation</c>, <c>charge</c>, <c>adjustment</c>.</summary>
public enum WkzKind
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("allocation")]
    Allocation,

    [System.Text.Json.Serialization.JsonStringEnumMemberName("charge")]
    Charge,

    [System.Text.Json.Serialization.JsonStringEnumMemberName("adjustment")]
    Adjustment,
}

/// <summary>A partner's WKZ account; amounts in EUR, rounded to cents.</summary>
public sealed record WkzAccount(string PartnerId, decimal BalanceEur, decimal ReservedEur, decimal AvailableEur, IReadOnlyList<WkzEntryInfo> Entries);

/// <summary>One ledger entry: <see cref="AmountEur"/> signed (credits positive, charges negative).</summary>
public sealed record WkzEntryInfo(long Sequence, WkzKind Kind, decimal AmountEur, decimal BalanceAfterEur, string Reason, string? BookingId,
    DateTimeOffset At, string By);

/// <param name="MaxAmountEur">What the booking wants from WKZ; the charge is this or the balance, whichever is less.</param>
/// <param name="Reason">The ledger text, e.g. <c>Coaching 15.06.2034 (1 Tage, Verkaufsgespräch)</c>.</param>
public sealed record WkzChargeRequest(string PartnerId, string BookingId, decimal MaxAmountEur, string Reason, DateTimeOffset At, string Actor);

/// <summary>What a charge took (0 when the balance was empty or nothing was wanted).</summary>
public sealed record WkzCharge(decimal AmountEur, decimal BalanceAfterEur);

/// <summary>How a posting (allocation or adjustment) ended.</summary>
public enum WkzPostingOutcome { Posted, Invalid, NotFound, Conflict }

/// <summary>The outcome of a posting: the entry, or field errors (<see cref="WkzPostingOutcome.Invalid"/>), or why not.</summary>
public sealed record WkzPosting(WkzPostingOutcome Outcome, WkzEntryInfo? Entry = null, IDictionary<string, string[]>? Errors = null,
    string? Message = null);
