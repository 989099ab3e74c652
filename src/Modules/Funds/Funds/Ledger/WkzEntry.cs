using PartnerPortal.Funds.Contracts;

namespace PartnerPortal.Funds.Ledger;

/// <summary>
/// One entry of a partner's WKZ ledger, append-only. Entries are numbered per partner; the id
/// <c>{partnerId}/{sequence:D9}</c> makes two concurrent writers that read the same balance collide on the primary
/// key, so the loser re-reads the balance and decides again: the balance can never go negative (ADR 0014).
/// </summary>
public sealed class WkzEntry
{
    public string Id { get; init; } = "";
    public string PartnerId { get; init; } = "";
    public long Sequence { get; init; }
    public WkzKind Kind { get; init; }

    /// <summary>Signed: credits positive, charges negative.</summary>
    public decimal AmountEur { get; init; }

    public decimal BalanceAfterEur { get; init; }
    public string Reason { get; init; } = "";

    /// <summary>The coaching booking a charge pays for.</summary>
    public string? BookingId { get; init; }

    public DateTimeOffset At { get; init; }
    public string By { get; init; } = "";

    internal WkzEntryInfo ToInfo() => new(Sequence, Kind, SharedKernel.Money.Cents(AmountEur), SharedKernel.Money.Cents(BalanceAfterEur), Reason,
        BookingId, At, By);
}

/// <summary>The head of a partner's ledger: the last sequence number and the balance after it.</summary>
internal readonly record struct WkzHead(long Sequence, decimal BalanceEur)
{
    public static async Task<WkzHead> ReadAsync(IQuerySession session, string partnerId, CancellationToken ct)
    {
        var last = await session.Query<WkzEntry>().Where(e => e.PartnerId == partnerId).OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        return last is null ? default : new WkzHead(last.Sequence, last.BalanceAfterEur);
    }

    /// <summary>The entry that follows this head; throws when it would make the balance negative.</summary>
    public WkzEntry Next(string partnerId, WkzKind kind, decimal amountEur, string reason, string? bookingId, DateTimeOffset at, string by)
    {
        var balance = BalanceEur + amountEur;
        if (balance < 0) throw new InvalidOperationException($"The WKZ balance of {partnerId} would become negative.");
        return new WkzEntry
        {
            Id = $"{partnerId}/{Sequence + 1:D9}", PartnerId = partnerId, Sequence = Sequence + 1, Kind = kind, AmountEur = amountEur,
            BalanceAfterEur = balance, Reason = reason, BookingId = bookingId, At = at, By = by,
        };
    }
}
