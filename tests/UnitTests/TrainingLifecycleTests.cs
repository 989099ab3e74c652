using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Sessions;

namespace PartnerPortal.UnitTests;

/// <summary>The lifecycle rules that live on Training's documents: a booking's moves and a session's seats and roll call.</summary>
public sealed class TrainingLifecycleTests
{
    private static readonly DateTimeOffset At = new(2034, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static CoachingBooking Requested() =>
        CoachingBooking.Request("cb-1", "p-1", "s-1", new DateOnly(2034, 6, 15), "sales-conversation", 1m, 4, 50m, At, "user:1").Booking;

    [Fact]
    public void A_booking_moves_requested_confirmed_delivered_and_each_move_is_a_numbered_change()
    {
        var (booking, first) = CoachingBooking.Request("cb-1", "p-1", "s-1", new DateOnly(2034, 6, 15), "sales-conversation", 1m, 4, 50m, At, "user:1");
        Assert.Equal(("cb-1/1", null, BookingStatus.Requested), (first.Id, first.From, first.To));
        var confirmed = booking.Confirm(At, "user:2");
        Assert.Equal(("cb-1/2", BookingStatus.Requested, BookingStatus.Confirmed), (confirmed.Id, confirmed.From, confirmed.To));
        var charges = CoachingCharges.Compute(1m, 1000m, 50m, 25m, 1000m);
        var delivered = booking.Deliver(charges, At, "user:3");
        Assert.Equal(("cb-1/3", BookingStatus.Confirmed, BookingStatus.Delivered), (delivered.Id, delivered.From, delivered.To));
        Assert.Equal((BookingStatus.Delivered, 3, 25m, "user:3"), (booking.Status, booking.Version, booking.WkzPercent, booking.DeliveredBy));
        Assert.Same(charges, booking.Charges);
        Assert.False(booking.IsOpen);
    }

    [Fact]
    public void Illegal_moves_are_refused_with_the_rule_and_change_nothing()
    {
        var booking = Requested();
        Assert.NotNull(booking.Refusal(BookingStatus.Delivered));
        Assert.Throws<InvalidOperationException>(() => booking.Deliver(CoachingCharges.Compute(1m, 1m, 50m, 0m, 0m), At, "x"));
        Assert.Equal((BookingStatus.Requested, 1), (booking.Status, booking.Version));
        Assert.Null(booking.Refusal(BookingStatus.Cancelled));
        booking.Cancel(At, "x");
        foreach (var to in Enum.GetValues<BookingStatus>()) Assert.NotNull(booking.Refusal(to)); // a cancelled booking is final
        Assert.Throws<InvalidOperationException>(() => booking.Confirm(At, "x"));
        Assert.Equal((BookingStatus.Cancelled, 2), (booking.Status, booking.Version));
    }

    [Fact]
    public void The_status_names_are_the_APIs()
    {
        Assert.Equal(["requested", "confirmed", "delivered", "cancelled"], BookingStatuses.All.Select(s => s.Name()));
        Assert.True(BookingStatuses.TryParse("cancelled", out var cancelled));
        Assert.Equal(BookingStatus.Cancelled, cancelled);
        Assert.False(BookingStatuses.TryParse("Cancelled", out _));
        Assert.False(BookingStatuses.TryParse(null, out _));
    }

    [Fact]
    public void A_session_takes_no_more_people_than_seats_and_one_partner_per_person()
    {
        var (session, created) = TrainingSession.Create("ts-1", "Verkaufstraining", null, new DateOnly(2034, 6, 15), "Köln", 2, At, "x");
        Assert.Equal("ts-1/1", created.Id);
        Assert.Equal(RegistrationResult.Registered, session.Register("p-1", "anna", null, At, "x").Result);
        var (again, none) = session.Register("p-1", "anna", null, At, "x");
        Assert.Equal((RegistrationResult.AlreadyRegistered, null), (again, none));
        Assert.Equal(RegistrationResult.RegisteredByAnotherPartner, session.Register("p-2", "anna", null, At, "x").Result);
        var (second, change) = session.Register("p-2", "ben", null, At, "x");
        Assert.Equal((RegistrationResult.Registered, "ts-1/3"), (second, change!.Id));
        Assert.Equal(RegistrationResult.Full, session.Register("p-2", "carl", null, At, "x").Result);
        Assert.Equal(2, session.Registrations.Count);
    }

    [Fact]
    public void Attendance_is_recorded_from_the_sessions_day_on_for_registered_people_only()
    {
        var (session, _) = TrainingSession.Create("ts-1", "Verkaufstraining", null, new DateOnly(2034, 6, 15), "Köln", 5, At, "x");
        session.Register("p-1", "anna", null, At, "x");
        session.Register("p-1", "ben", null, At, "x");
        Assert.NotNull(session.AttendanceRefusal(new DateOnly(2034, 6, 14)));
        Assert.Throws<InvalidOperationException>(() => session.RecordAttendance(["anna"], new DateOnly(2034, 6, 14), At, "x"));
        Assert.Throws<InvalidOperationException>(() => session.RecordAttendance(["zoe"], new DateOnly(2034, 6, 15), At, "x"));
        Assert.All(session.Registrations, r => Assert.Null(r.Attended));
        session.RecordAttendance(["anna"], new DateOnly(2034, 6, 15), At, "x");
        Assert.Equal([true, false], session.Registrations.Select(r => r.Attended));
    }
}
