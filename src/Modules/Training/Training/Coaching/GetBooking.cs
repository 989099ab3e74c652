using PartnerPortal.Funds.Contracts;

namespace PartnerPortal.Training.Coaching;

/// <summary><c>GET /api/v1/training/coaching-bookings/{bookingId}</c>: one booking, with its charges once delivered; another
/// partner's booking does not exist for a partner.</summary>
internal static class GetBooking
{
    public static async Task<Outcome<CoachingBooking>> HandleAsync(string bookingId, Caller caller, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<CoachingBooking>(bookingId, ct) is { } b && caller.CanAccessPartner(b.PartnerId)
            ? Outcome<CoachingBooking>.Done(b)
            : BookingMoves.NotFound(bookingId);

    public static async Task<IResult> Endpoint(string bookingId, Caller caller, IQuerySession session, IWkzFunds funds, CancellationToken ct) =>
        await BookingView.ToHttpAsync(await HandleAsync(bookingId, caller, session, ct), session, funds, ct);
}
