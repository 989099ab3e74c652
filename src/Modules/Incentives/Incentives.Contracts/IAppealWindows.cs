using PartnerPortal.SharedKernel;

namespace PartnerPortal.Incentives.Contracts;

/// <summary>
/// When a partner may appeal a response of a quarter (DOMAIN.md "Trust in the score"): until the end of the
/// <see cref="Days"/>-th day after the quarter, Berlin time, and only while the partner's statement of that quarter is
/// not approved.
/// </summary>
public sealed record AppealWindow(string Quarter, int Days, bool StatementApproved)
{
    /// <summary>The plan's <c>appealWindowDays</c> when it names none (also for plans stored before there was the field).</summary>
    public const int DefaultDays = 14;

    public const int MaxDays = 365;

    /// <summary>The window of a host without Incentives, or of a quarter without a plan: 14 days, nothing approved.</summary>
    public static AppealWindow Default(string quarter) => new(quarter, DefaultDays, false);

    /// <summary>The first instant the window is closed by time: Berlin midnight after the <see cref="Days"/>-th day after the
    /// quarter (2023-Q2 with 14 days: 2023-07-15T00:00:00+02:00, so it is open until 2023-07-14T23:59:59.999… Berlin).</summary>
    public DateTimeOffset ClosesAt => ClosesAtFor(SharedKernel.Quarter.Parse(Quarter), Days);

    /// <summary>The last day (Berlin) on which an appeal may be filed, as partners are told.</summary>
    public DateOnly LastDay => DateOnly.FromDateTime(BerlinTime.ToLocal(ClosesAt)).AddDays(-1);

    /// <summary>True when an appeal filed at <paramref name="now"/> is inside the window.</summary>
    public bool IsOpenAt(DateTimeOffset now) => !StatementApproved && now < ClosesAt;

    public static DateTimeOffset ClosesAtFor(Quarter quarter, int days)
    {
        var next = quarter.Next();
        var firstDayAfter = new DateOnly(next.Year, (next.Number - 1) * 3 + 1, 1);
        return BerlinTime.StartOfDay(firstDayAfter.AddDays(days));
    }
}

/// <summary>
/// Incentives tells Surveys whether a partner may still appeal responses of a quarter. Surveys works without it (a host
/// without Incentives): then every quarter has the default window and no statement is approved.
/// </summary>
public interface IAppealWindows
{
    /// <summary>The window of <paramref name="partnerId"/>'s responses of <paramref name="quarter"/>: the days of the quarter's
    /// plan (default 14) and whether the partner's statement of the quarter is approved.</summary>
    Task<AppealWindow> ForAsync(string quarter, string partnerId, CancellationToken ct);

    /// <summary>Holds off the approval of <paramref name="quarter"/>'s statements until the result is disposed (approval takes
    /// the same lock): an appeal filed while it is held cannot slip past an approval that does not see it yet. Null when the
    /// quarter's statements stayed busy (recalculated or approved) for longer than a request waits.</summary>
    IDisposable? HoldApprovals(string quarter);
}
