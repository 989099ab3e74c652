namespace PartnerPortal.Funds.Contracts;

/// <summary>
/// What other modules (Training) may ask of a partner's WKZ account (Werbekostenzuschuss: marketing funds).
/// <para><see cref="AccountAsync"/>, <see cref="EarmarksAsync"/> read and <see cref="AllocateAsync"/> is a whole use case:
/// it validates, stores and answers on its own.</para>
/// <para><see cref="LockAsync"/>, <see cref="ChargeAsync"/>, <see cref="Earmark"/> and <see cref="Release"/> are steps of
/// the caller's own change (a delivered, booked or cancelled coaching): the caller first locks the partners whose WKZ it
/// will move (this starts the transaction of the request's unit of work, the scoped document session both modules
/// resolve, and reads their balances and earmarks under a per-partner lock); the steps then only queue their entries,
/// stored by the caller's save in one transaction with the caller's change, or not at all. Under the lock nobody else
/// moves the partner's balance or earmarks, so earmarks are shared out against the real balance and never exceed it,
/// and the balance never goes negative (ADR 0046). A caller that runs its attempt again calls <see cref="LockAsync"/>
/// again, which reads afresh.</para>
/// </summary>
public interface IWkzFunds
{
    /// <summary>The partner's balance, what open bookings earmark, what is still available, and the newest entries.</summary>
    Task<WkzAccount> AccountAsync(string partnerId, CancellationToken cancellationToken);

    /// <summary>What each of these bookings holds of WKZ now (bookings without an earmark are left out).</summary>
    Task<IReadOnlyDictionary<string, decimal>> EarmarksAsync(IReadOnlyCollection<string> bookingIds, CancellationToken cancellationToken);

    /// <summary>Credits budget to a partner (back office), validated, stored and audited at once.</summary>
    Task<WkzPosting> AllocateAsync(string partnerId, decimal? amountEur, string? reason, string actor, CancellationToken cancellationToken);

    /// <summary>Starts the unit of work's transaction, takes these partners' WKZ locks and reads their accounts; call once per
    /// attempt, before the first of the steps below.</summary>
    Task LockAsync(IReadOnlyCollection<string> partnerIds, CancellationToken cancellationToken);

    /// <summary>Queues a charge of as much of <see cref="WkzChargeRequest.MaxAmountEur"/> as the balance covers (nothing when
    /// it is empty), releases the booking's earmark and shares the rest out again.</summary>
    Task<WkzCharge> ChargeAsync(WkzChargeRequest request, CancellationToken cancellationToken);

    /// <summary>Queues what an open booking wants from WKZ (replacing an earlier wish of the same booking; 0 releases it) and
    /// answers what it holds: min(wanted, available), earlier requests first.</summary>
    decimal Earmark(string partnerId, string bookingId, decimal wantedEur, DateTimeOffset requestedAt);

    /// <summary>The balance of a locked partner, as this unit of work has changed it so far.</summary>
    decimal BalanceOf(string partnerId);

    /// <summary>What a booking of a locked partner holds of WKZ, as this unit of work has changed it so far.</summary>
    decimal EarmarkOf(string partnerId, string bookingId);

    /// <summary>Queues the release of a booking's earmark (none is fine); the partner's other earmarks may grow.</summary>
    void Release(string partnerId, string bookingId);
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
/// <param name="Reason">The ledger text, e.g. <c>Coaching 15.06.2034 (1 Tag, Verkaufsgespräch)</c>.</param>
public sealed record WkzChargeRequest(string PartnerId, string BookingId, decimal MaxAmountEur, string Reason, DateTimeOffset At, string Actor);

/// <summary>What a charge took (0 when the balance was empty or nothing was wanted).</summary>
public sealed record WkzCharge(decimal AmountEur, decimal BalanceAfterEur);

/// <summary>How a posting (allocation or adjustment) ended.</summary>
public enum WkzPostingOutcome { Posted, Invalid, NotFound, Conflict }

/// <summary>The outcome of a posting: the entry, or field errors (<see cref="WkzPostingOutcome.Invalid"/>), or why not.</summary>
public sealed record WkzPosting(WkzPostingOutcome Outcome, WkzEntryInfo? Entry = null, IDictionary<string, string[]>? Errors = null,
    string? Message = null);
