using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Training.Kpis;

namespace PartnerPortal.Training.Coaching;

/// <summary>What confirming, cancelling and delivering a booking share: load it, let the move decide, save the booking with
/// its change (and whatever the move queued, such as a WKZ charge) in one transaction. A concurrent change of the same
/// booking or WKZ account makes the save fail on a duplicate key (ADR 0014); the attempt then runs again on the new state.</summary>
internal static class BookingMoves
{
    /// <param name="move">Decides on the loaded booking: a refusal, or null after it has queued its changes with <see cref="Stage"/>.</param>
    public static Task<Outcome<CoachingBooking>> ApplyAsync(string bookingId, Caller caller, IDocumentSession session, IWkzFunds funds, KpiRefresh kpis,
        Func<CoachingBooking, Task<Outcome<CoachingBooking>?>> move, CancellationToken ct) =>
        InsertRace.RetryAsync(async () =>
        {
            session.EjectAllPendingChanges(); // what a lost attempt queued
            var seen = await session.LoadAsync<CoachingBooking>(bookingId, ct);
            if (seen is null || !caller.CanAccessPartner(seen.PartnerId)) return NotFound(bookingId);
            // Every move takes the partner's WKZ lock (ADR 0046) and reads the booking again under it: moves of one partner's
            // bookings, and whatever else moves its WKZ, follow one another; the booking's partner never changes.
            await funds.LockAsync([seen.PartnerId], ct);
            var booking = await session.LoadAsync<CoachingBooking>(bookingId, ct) ?? seen;
            if (await move(booking) is { } refused) return refused;
            await session.SaveChangesAsync(ct);
            kpis.Request(booking.Year);
            return Outcome<CoachingBooking>.Done(booking);
        }, ct);

    /// <summary><see cref="ApplyAsync(string, Caller, IDocumentSession, IWkzFunds, KpiRefresh, Func{CoachingBooking, Task{Outcome{CoachingBooking}?}}, CancellationToken)"/>
    /// for a move that decides without reading anything else.</summary>
    public static Task<Outcome<CoachingBooking>> ApplyAsync(string bookingId, Caller caller, IDocumentSession session, IWkzFunds funds, KpiRefresh kpis,
        Func<CoachingBooking, Outcome<CoachingBooking>?> move, CancellationToken ct) =>
        ApplyAsync(bookingId, caller, session, funds, kpis, booking => Task.FromResult(move(booking)), ct);

    /// <summary>Queues the booking and its change; the change's id is what two concurrent moves collide on.</summary>
    public static void Stage(IDocumentSession session, CoachingBooking booking, BookingChange change)
    {
        session.Insert(change);
        session.Store(booking);
    }

    /// <summary>409: the booking's state does not allow the move (the rule is the booking's).</summary>
    public static Outcome<CoachingBooking>? Refused(CoachingBooking booking, BookingStatus to, string verb) =>
        booking.Refusal(to) is { } rule
            ? Outcome<CoachingBooking>.Conflict($"Booking '{booking.Id}' is {booking.Status.Name()} and cannot be {verb}: {rule}.")
            : null;

    public static Outcome<CoachingBooking> NotFound(string bookingId) =>
        Outcome<CoachingBooking>.NotFound($"Coaching booking '{bookingId}' does not exist.");
}
