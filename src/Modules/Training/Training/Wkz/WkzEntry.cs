using Marten;

namespace PartnerPortal.Training.Wkz;

public static class WkzKind
{
    public const string Allocation = "allocation";
    public const string Charge = "charge";
    public const string Adjustment = "adjustment";

    public static string German(string kind) => kind switch
    {
        Allocation => "Zuteilung",
        Charge => "Schulungskosten",
        Adjustment => "Korrektur",
        _ => kind,
    };
}

/// <summary>
/// One entry of a partner's WKZ ledger, append-only. Entries are numbered per partner; the id
/// <c>{partnerId}/{sequence:D9}</c> makes two concurrent writers that read the same balance collide on the primary
/// key, so the loser re-reads the balance and decides again: the balance can never go negative.
/// </summary>
public sealed class WkzEntry
{
    public string Id { get; set; } = "";
    public string PartnerId { get; set; } = "";
    public long Sequence { get; set; }
    public string Kind { get; set; } = "";

    /// <summary>Signed: credits positive, charges negative.</summary>
    public decimal AmountEur { get; set; }

    public decimal BalanceAfterEur { get; set; }
    public string Reason { get; set; } = "";
    public string? BookingId { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
}

/// <summary>The head of a partner's ledger: the last sequence number and the balance after it.</summary>
public readonly record struct WkzHead(long Sequence, decimal BalanceEur)
{
    public static async Task<WkzHead> ReadAsync(IQuerySession session, string partnerId, CancellationToken ct)
    {
        var last = await session.Query<WkzEntry>().Where(e => e.PartnerId == partnerId).OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        return last is null ? default : new WkzHead(last.Sequence, last.BalanceAfterEur);
    }

    /// <summary>The entry that follows this head; throws when it would make the balance negative.</summary>
    public WkzEntry Next(string partnerId, string kind, decimal amountEur, string reason, string? bookingId, DateTimeOffset at, string by)
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
