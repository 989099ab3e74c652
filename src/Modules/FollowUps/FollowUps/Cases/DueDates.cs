namespace PartnerPortal.FollowUps.Cases;

/// <summary>
/// When a case is due (DOMAIN.md): at the end of the second working day (Monday–Friday in Berlin, no holiday calendar)
/// after the response was stored. "After" counts from the day following the store day, whatever the hour: stored on a
/// Monday (any time) → due at the end of Wednesday; on a Friday, Saturday or Sunday → end of Tuesday. The end of a day is
/// the start of the next one in Berlin, so a day of 23 or 25 hours (DST) ends where the clock says.
/// </summary>
internal static class DueDates
{
    public const int WorkingDays = 2;

    public static DateTimeOffset DueAt(DateTimeOffset storedAt)
    {
        var day = DateOnly.FromDateTime(BerlinTime.ToLocal(storedAt));
        for (var counted = 0; counted < WorkingDays;)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) counted++;
        }
        return BerlinTime.StartOfDay(day.AddDays(1)).ToUniversalTime();
    }
}
