namespace PartnerPortal.Training.Coaching;

public static class BookingStatus
{
    public const string Requested = "requested";
    public const string Confirmed = "confirmed";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";

    public static bool IsKnown(string? status) => status is Requested or Confirmed or Delivered or Cancelled;

    public static bool IsOpen(string status) => status is Requested or Confirmed;

    public static string German(string status) => status switch
    {
        Requested => "angefragt",
        Confirmed => "bestätigt",
        Delivered => "durchgeführt",
        Cancelled => "storniert",
        _ => status,
    };
}

/// <summary>An on-site coaching booking: requested → confirmed → delivered, or cancelled before delivery.</summary>
public sealed class CoachingBooking
{
    public string Id { get; set; } = "";
    public string PartnerId { get; set; } = "";
    public string ShopId { get; set; } = "";
    public DateOnly Date { get; set; }
    public int Year { get; set; }
    public string Topic { get; set; } = "";
    public decimal Days { get; set; }
    public int Participants { get; set; }

    /// <summary>The share of the partner's part the partner wants to settle from WKZ (0–100); delivery may override it.</summary>
    public decimal WkzPercent { get; set; }

    public string Status { get; set; } = BookingStatus.Requested;

    /// <summary>Number of state changes so far; each one is a <see cref="BookingChange"/> with id <c>{bookingId}/{version}</c>.</summary>
    public int Version { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTimeOffset? ConfirmedAt { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? DeliveredBy { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelledBy { get; set; }

    /// <summary>What delivery cost and who pays it; set once, on delivery.</summary>
    public CoachingCharges? Charges { get; set; }
}

/// <summary>One state change of a booking, append-only. Its id <c>{bookingId}/{version}</c> makes two concurrent
/// changes of the same version collide on the primary key, so only one of them is stored.</summary>
public sealed class BookingChange
{
    public string Id { get; set; } = "";
    public string BookingId { get; set; } = "";
    public string? From { get; set; }
    public string To { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
}

/// <summary>The charges of a delivered coaching (DOMAIN.md "Training"). <c>TotalEur = OperatorEur + PartnerEur</c>,
/// <c>PartnerEur = WkzEur + InvoicedEur</c>.</summary>
public sealed record CoachingCharges(decimal TotalEur, decimal OperatorEur, decimal PartnerEur, decimal WkzEur, decimal InvoicedEur,
    decimal DayRateEur, decimal PartnerSharePercent, decimal WkzPercent)
{
    /// <param name="days">Coaching days (half-day steps).</param>
    /// <param name="dayRate">The programme's coaching day rate in EUR.</param>
    /// <param name="partnerSharePercent">The programme's partner share.</param>
    /// <param name="wkzPercent">How much of the partner's share the partner settles from WKZ.</param>
    /// <param name="wkzBalance">The partner's WKZ balance at delivery: WKZ never pays more than that.</param>
    public static CoachingCharges Compute(decimal days, decimal dayRate, decimal partnerSharePercent, decimal wkzPercent, decimal wkzBalance)
    {
        var total = SharedKernel.Money.Cents(days * dayRate);
        var partner = SharedKernel.Money.Cents(days * dayRate * partnerSharePercent / 100m);
        var wanted = SharedKernel.Money.Cents(partner * wkzPercent / 100m);
        var wkz = Math.Max(0m, Math.Min(wkzBalance, wanted));
        return new CoachingCharges(total, total - partner, partner, wkz, partner - wkz, dayRate, partnerSharePercent, wkzPercent);
    }
}
