using PartnerPortal.FollowUps.Cases;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.UnitTests;

/// <summary>A follow-up case is due at the end of the second working day (Mon–Fri, Berlin) after its response was stored.</summary>
public sealed class DueDateTests
{
    private static DateTimeOffset Berlin(string local) => DateTimeOffset.Parse(local, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // Monday, any hour → end of Wednesday (= Thursday 00:00 Berlin, CEST +02:00).
    [InlineData("2066-06-07T00:00:00+02:00", "2066-06-10T00:00:00+02:00")]
    [InlineData("2066-06-07T23:59:59+02:00", "2066-06-10T00:00:00+02:00")]
    // Thursday → end of Monday; Friday, Saturday and Sunday → end of Tuesday (the weekend does not count).
    [InlineData("2066-06-10T09:00:00+02:00", "2066-06-15T00:00:00+02:00")]
    [InlineData("2066-06-11T16:30:00+02:00", "2066-06-16T00:00:00+02:00")]
    [InlineData("2066-06-12T12:00:00+02:00", "2066-06-16T00:00:00+02:00")]
    [InlineData("2066-06-13T12:00:00+02:00", "2066-06-16T00:00:00+02:00")]
    // Sunday 23:30 in Berlin is Sunday 21:30 UTC: Berlin's day counts, not UTC's.
    [InlineData("2066-06-13T21:30:00+00:00", "2066-06-16T00:00:00+02:00")]
    // Friday 23:30 Berlin = Friday 21:30 UTC; Monday 00:30 Berlin = Sunday 22:30 UTC (→ end of Wednesday).
    [InlineData("2066-06-11T21:30:00+00:00", "2066-06-16T00:00:00+02:00")]
    [InlineData("2066-06-13T22:30:00+00:00", "2066-06-17T00:00:00+02:00")]
    // DST starts on Sunday 2066-03-28 (02:00 → 03:00): stored Friday 26 March (CET), due end of Tuesday 30 March (CEST).
    [InlineData("2066-03-26T10:00:00+01:00", "2066-03-31T00:00:00+02:00")]
    // ... and stored on the Sunday of the change itself, after the jump.
    [InlineData("2066-03-28T03:30:00+02:00", "2066-03-31T00:00:00+02:00")]
    // DST ends on Sunday 2066-10-31 (03:00 → 02:00): stored Friday 29 October (CEST), due end of Tuesday 2 November (CET).
    [InlineData("2066-10-29T18:00:00+02:00", "2066-11-03T00:00:00+01:00")]
    // ... stored in the repeated hour (02:30 twice) of that Sunday, either time.
    [InlineData("2066-10-31T02:30:00+02:00", "2066-11-03T00:00:00+01:00")]
    [InlineData("2066-10-31T02:30:00+01:00", "2066-11-03T00:00:00+01:00")]
    // Thursday before the change → end of Monday after it, a 25-hour weekend between.
    [InlineData("2066-10-28T08:00:00+02:00", "2066-11-02T00:00:00+01:00")]
    public void Due_at_the_end_of_the_second_working_day_in_Berlin(string storedAt, string dueAt)
    {
        Assert.Equal(Berlin(dueAt), DueDates.DueAt(Berlin(storedAt)));
        Assert.Equal(TimeSpan.Zero, DueDates.DueAt(Berlin(storedAt)).Offset);
    }

    [Fact]
    public void For_any_instant_the_due_time_is_a_Berlin_midnight_after_exactly_two_working_days_and_never_earlier_for_a_later_store()
    {
        var random = new Random(20);
        var from = new DateTimeOffset(2065, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset? previousStored = null, previousDue = null;
        var instants = Enumerable.Range(0, 20_000).Select(_ => from.AddMinutes(random.Next(0, 5 * 365 * 24 * 60))).Order().ToArray();
        foreach (var stored in instants)
        {
            var due = DueDates.DueAt(stored);
            var local = BerlinTime.ToLocal(due);
            Assert.Equal(TimeSpan.Zero, local.TimeOfDay); // the end of a Berlin day
            var storeDay = DateOnly.FromDateTime(BerlinTime.ToLocal(stored));
            var lastDay = DateOnly.FromDateTime(local).AddDays(-1);
            Assert.True(lastDay.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{stored:O}: due after a weekend day");
            var workingDays = Enumerable.Range(1, lastDay.DayNumber - storeDay.DayNumber).Select(storeDay.AddDays)
                .Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
            Assert.Equal(2, workingDays);
            Assert.True(due > stored.AddHours(24), $"{stored:O}: due within a day");
            if (previousStored is not null) Assert.True(due >= previousDue, "a later store is never due earlier");
            previousStored = stored;
            previousDue = due;
        }
    }

    /// <summary>The lists and figures read "overdue at x" and "after a cursor's due time" as ranges of the store time (ADR
    /// 0049): every instant before <c>FirstStoredDueFrom(x)</c> is due before x and none from it on, and likewise for
    /// <c>FirstStoredDueAfter(x)</c> with "due at or before x". Checked over both DST changes of 2066 and the weekends.</summary>
    [Theory]
    [InlineData("2066-03-20T00:00:00+01:00")]
    [InlineData("2066-10-23T00:00:00+02:00")]
    public void The_first_store_times_due_from_and_after_an_instant_split_the_store_times_exactly(string start)
    {
        var from = Berlin(start);
        for (var x = from; x < from.AddDays(16); x = x.AddMinutes(317))
        {
            var dueFrom = DueDates.FirstStoredDueFrom(x);
            var dueAfter = DueDates.FirstStoredDueAfter(x);
            Assert.True(dueFrom <= dueAfter);
            for (var r = x.AddDays(-9); r < x.AddDays(2); r = r.AddMinutes(173))
            {
                Assert.Equal(DueDates.DueAt(r) < x, r < dueFrom);
                Assert.Equal(DueDates.DueAt(r) <= x, r < dueAfter);
            }
            // The lines themselves: the instant just before each is on the other side.
            Assert.True(DueDates.DueAt(dueFrom) >= x && DueDates.DueAt(dueFrom.AddTicks(-1)) < x);
            Assert.True(DueDates.DueAt(dueAfter) > x && DueDates.DueAt(dueAfter.AddTicks(-1)) <= x);
        }
    }
}
