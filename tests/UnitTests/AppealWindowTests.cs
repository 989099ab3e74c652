using PartnerPortal.Incentives.Contracts;

namespace PartnerPortal.UnitTests;

/// <summary>The appeal window (DOMAIN.md "Trust in the score"): open until the end of the n-th day after the quarter, Berlin.</summary>
public sealed class AppealWindowTests
{
    [Theory]
    [InlineData("2023-Q2", 14, "2023-07-15T00:00:00+02:00", "2023-07-14")] // DOMAIN.md's example, summer time
    [InlineData("2047-Q3", 30, "2047-10-31T00:00:00+01:00", "2047-10-30")] // past the change to winter time (2047-10-27)
    [InlineData("2047-Q4", 14, "2048-01-15T00:00:00+01:00", "2048-01-14")] // winter time, into the next year
    [InlineData("2047-Q1", 0, "2047-04-01T00:00:00+02:00", "2047-03-31")]  // 0 days: the quarter's end, on the day summer time began
    [InlineData("2047-Q4", 365, "2048-12-31T00:00:00+01:00", "2048-12-30")] // 2048 is a leap year
    public void The_window_closes_at_Berlin_midnight_after_its_last_day(string quarter, int days, string closesAt, string lastDay)
    {
        var window = new AppealWindow(quarter, days, false);
        Assert.Equal(DateTimeOffset.Parse(closesAt, System.Globalization.CultureInfo.InvariantCulture), window.ClosesAt);
        Assert.Equal(DateTimeOffset.Parse(closesAt, System.Globalization.CultureInfo.InvariantCulture).Offset, window.ClosesAt.Offset);
        Assert.Equal(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture), window.LastDay);
        Assert.True(window.IsOpenAt(window.ClosesAt.AddTicks(-1)));
        Assert.False(window.IsOpenAt(window.ClosesAt));
    }

    [Fact]
    public void An_approved_statement_closes_the_window_at_once_and_the_default_is_14_days()
    {
        var early = DateTimeOffset.Parse("2023-07-01T08:00:00+02:00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(new AppealWindow("2023-Q2", 14, StatementApproved: true).IsOpenAt(early));
        Assert.True(AppealWindow.Default("2023-Q2").IsOpenAt(early));
        Assert.Equal(14, AppealWindow.Default("2023-Q2").Days);
    }
}
