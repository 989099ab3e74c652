using System.Text.Json.Serialization;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Coaching;

/// <summary>Where a booking stands. Stored and answered as <c>requested</c>, <c>confirmed</c>, <c>delivered</c>,
/// <c>cancelled</c> (the names the JSON had when this was a string; the member names say so to every serializer).</summary>
public enum BookingStatus
{
    [JsonStringEnumMemberName("requested")] Requested,
    [JsonStringEnumMemberName("confirmed")] Confirmed,
    [JsonStringEnumMemberName("delivered")] Delivered,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>
/// An on-site coaching booking: requested → confirmed → delivered, or cancelled before delivery. The rules of that
/// lifecycle live here; each move returns the <see cref="BookingChange"/> to store with the booking.
/// </summary>
public sealed class CoachingBooking
{
    public string Id { get; init; } = "";
    public string PartnerId { get; init; } = "";
    public string ShopId { get; init; } = "";
    public DateOnly Date { get; init; }
    public int Year { get; init; }
    public string Topic { get; init; } = "";
    public decimal Days { get; init; }
    public int Participants { get; init; }

    /// <summary>The share of the partner's part the partner wants to settle from WKZ (0–100); delivery may override it.</summary>
    [JsonInclude]
    public decimal WkzPercent { get; private set; }

    [JsonInclude]
    public BookingStatus Status { get; private set; } = BookingStatus.Requested;

    /// <summary>Number of state changes so far; each one is a <see cref="BookingChange"/> with id <c>{bookingId}/{version}</c>.</summary>
    [JsonInclude]
    public int Version { get; private set; }

    public DateTimeOffset RequestedAt { get; init; }
    public string RequestedBy { get; init; } = "";
    [JsonInclude] public DateTimeOffset? ConfirmedAt { get; private set; }
    [JsonInclude] public string? ConfirmedBy { get; private set; }
    [JsonInclude] public DateTimeOffset? DeliveredAt { get; private set; }
    [JsonInclude] public string? DeliveredBy { get; private set; }
    [JsonInclude] public DateTimeOffset? CancelledAt { get; private set; }
    [JsonInclude] public string? CancelledBy { get; private set; }

    /// <summary>What delivery cost and who pays it; set once, on delivery.</summary>
    [JsonInclude]
    public CoachingCharges? Charges { get; private set; }

    /// <summary>Requested or confirmed: not yet delivered, still cancellable, earmarking WKZ.</summary>
    [JsonIgnore]
    public bool IsOpen => Status is BookingStatus.Requested or BookingStatus.Confirmed;

    /// <summary>A new booking in state <see cref="BookingStatus.Requested"/>, with its first change.</summary>
    public static (CoachingBooking Booking, BookingChange Change) Request(string id, string partnerId, string shopId, DateOnly date, string topic,
        decimal days, int participants, decimal wkzPercent, DateTimeOffset at, string by)
    {
        var booking = new CoachingBooking
        {
            Id = id, PartnerId = partnerId, ShopId = shopId, Date = date, Year = date.Year, Topic = topic, Days = days, Participants = participants,
            WkzPercent = wkzPercent, RequestedAt = at, RequestedBy = by,
        };
        return (booking, booking.MoveTo(BookingStatus.Requested, at, by));
    }

    /// <summary>Why the booking cannot move to <paramref name="to"/> now, or null when it can.</summary>
    public string? Refusal(BookingStatus to) => to switch
    {
        BookingStatus.Confirmed when Status != BookingStatus.Requested => "only a requested booking can be confirmed",
        BookingStatus.Delivered when Status != BookingStatus.Confirmed => "only a confirmed booking can be delivered, and only once",
        BookingStatus.Cancelled when !IsOpen => "only a booking that is not yet delivered can be cancelled",
        BookingStatus.Requested => "a booking is requested only once",
        _ => null,
    };

    public BookingChange Confirm(DateTimeOffset at, string by)
    {
        Ensure(BookingStatus.Confirmed);
        ConfirmedAt = at;
        ConfirmedBy = by;
        return MoveTo(BookingStatus.Confirmed, at, by);
    }

    public BookingChange Cancel(DateTimeOffset at, string by)
    {
        Ensure(BookingStatus.Cancelled);
        CancelledAt = at;
        CancelledBy = by;
        return MoveTo(BookingStatus.Cancelled, at, by);
    }

    /// <summary>Records the delivery with what it cost (<see cref="CoachingCharges.WkzPercent"/> is the share that was settled
    /// from WKZ, the booking's own or delivery's override).</summary>
    public BookingChange Deliver(CoachingCharges charges, DateTimeOffset at, string by)
    {
        Ensure(BookingStatus.Delivered);
        Charges = charges;
        WkzPercent = charges.WkzPercent;
        DeliveredAt = at;
        DeliveredBy = by;
        return MoveTo(BookingStatus.Delivered, at, by);
    }

    /// <summary>What the booking costs at <paramref name="programme"/>'s rates, with WKZ paying
    /// <paramref name="wkzPercent"/> (default: the booking's choice) of the partner's part, at most <paramref name="wkzBalance"/>.</summary>
    public CoachingCharges Price(TrainingProgramme programme, decimal? wkzPercent = null, decimal wkzBalance = decimal.MaxValue) =>
        CoachingCharges.Compute(Days, programme.CoachingDayRateEur, programme.PartnerSharePercent, wkzPercent ?? WkzPercent, wkzBalance);

    private void Ensure(BookingStatus to)
    {
        if (Refusal(to) is { } rule) throw new InvalidOperationException($"Booking '{Id}' is {Status}: {rule}.");
    }

    private BookingChange MoveTo(BookingStatus to, DateTimeOffset at, string by)
    {
        var from = Version == 0 ? (BookingStatus?)null : Status;
        Version++;
        Status = to;
        return new BookingChange { Id = $"{Id}/{Version}", BookingId = Id, From = from, To = to, At = at, By = by };
    }
}

/// <summary>One state change of a booking, append-only. Its id <c>{bookingId}/{version}</c> makes two concurrent
/// changes of the same version collide on the primary key, so only one of them is stored.</summary>
public sealed class BookingChange
{
    public string Id { get; init; } = "";
    public string BookingId { get; init; } = "";
    public BookingStatus? From { get; init; }
    public BookingStatus To { get; init; }
    public DateTimeOffset At { get; init; }
    public string By { get; init; } = "";
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

/// <summary>The status names of the API and the pages.</summary>
internal static class BookingStatuses
{
    public static readonly IReadOnlyList<BookingStatus> All = Enum.GetValues<BookingStatus>();

    /// <summary>The API's name: <c>requested</c>, <c>confirmed</c>, <c>delivered</c>, <c>cancelled</c>.</summary>
    public static string Name(this BookingStatus status) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());

    public static bool TryParse(string? name, out BookingStatus status)
    {
        status = All.FirstOrDefault(s => s.Name() == name);
        return name is not null && status.Name() == name;
    }

    public static string German(this BookingStatus status) => status switch
    {
        BookingStatus.Requested => "angefragt",
        BookingStatus.Confirmed => "bestätigt",
        BookingStatus.Delivered => "durchgeführt",
        _ => "storniert",
    };
}
