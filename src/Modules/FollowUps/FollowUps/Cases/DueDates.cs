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

    public static DateTimeOffset DueAt(DateTimeOffset storedAt) => DueOfDay(DateOnly.FromDateTime(BerlinTime.ToLocal(storedAt)));

    /// <summary>The earliest store time whose case is due at or after <paramref name="due"/>. The due time depends on the
    /// Berlin day of the store time only and never falls as that grows, so a case stored before this instant is due
    /// before <paramref name="due"/> and one stored from it on is not: "overdue at <c>now</c>" is "stored before
    /// <c>FirstStoredDueFrom(now)</c>", a range of the store times (ADR 0049).</summary>
    public static DateTimeOffset FirstStoredDueFrom(DateTimeOffset due) => FirstStored(due, orLater: true);

    /// <summary>The earliest store time whose case is due after <paramref name="due"/>.</summary>
    public static DateTimeOffset FirstStoredDueAfter(DateTimeOffset due) => FirstStored(due, orLater: false);

    private static DateTimeOffset FirstStored(DateTimeOffset due, bool orLater)
    {
        // A week before the due day is due before it (two working days are at most four days); the loop ends by the due day.
        var day = DateOnly.FromDateTime(BerlinTime.ToLocal(due)).AddDays(-7);
        while (DueOfDay(day) is var d && (orLater ? d < due : d <= due)) day = day.AddDays(1);
        return BerlinTime.StartOfDay(day).ToUniversalTime();
    }

    private static DateTimeOffset DueOfDay(DateOnly storeDay)
    {
        var day = storeDay;
        for (var counted = 0; counted < WorkingDays;)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) counted++;
        }
        return BerlinTime.StartOfDay(day.AddDays(1)).ToUniversalTime();
    }
}
