using PartnerPortal.SharedKernel;

namespace PartnerPortal.UnitTests;

/// <summary>ADR 0030: dates from outside are taken from 2000-01-01 to 2100-12-31, Berlin time.</summary>
public sealed class SupportedDatesTests
{
    [Fact]
    public void The_range_runs_from_Berlin_midnight_of_2000_to_Berlin_midnight_of_2101()
    {
        Assert.Equal(DateTimeOffset.Parse("1999-12-31T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture), SupportedDates.Start);
        Assert.Equal(DateTimeOffset.Parse("2100-12-31T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture), SupportedDates.End);
    }

    [Theory]
    [InlineData("2000-01-01T00:00:00+01:00", DateCheck.Valid)]
    [InlineData("1999-12-31T23:00:00Z", DateCheck.Valid)]
    [InlineData("1999-12-31T23:59:59+01:00", DateCheck.OutOfRange)]
    [InlineData("1999-12-31T22:59:59.9999999Z", DateCheck.OutOfRange)]
    [InlineData("2100-12-31T23:59:59+01:00", DateCheck.Valid)]
    [InlineData("2100-12-31T23:00:00Z", DateCheck.OutOfRange)]
    [InlineData("2101-01-01T00:00:00+01:00", DateCheck.OutOfRange)]
    [InlineData("0001-01-01T00:00:00Z", DateCheck.OutOfRange)]
    [InlineData("0001-01-01T00:00:00+01:00", DateCheck.OutOfRange)] // not even a DateTimeOffset
    [InlineData("9999-12-31T23:59:59Z", DateCheck.OutOfRange)]
    [InlineData("9999-12-31T23:59:59-01:00", DateCheck.OutOfRange)] // not even a DateTimeOffset
    [InlineData("1899-12-31T12:00:00+01:00", DateCheck.OutOfRange)]
    [InlineData("2023-02-30T10:00:00Z", DateCheck.Malformed)]
    [InlineData("2023-05-10T10:00:00", DateCheck.Malformed)]
    [InlineData(null, DateCheck.Malformed)]
    public void Timestamps_are_checked_against_the_range(string? text, DateCheck expected)
    {
        Assert.Equal(expected, Timestamps.Check(text, out var value));
        Assert.Equal(expected == DateCheck.Valid, Timestamps.TryParse(text, out _));
        if (expected != DateCheck.Valid) Assert.Equal(default, value);
    }

    [Theory]
    [InlineData("2000-01-01", DateCheck.Valid)]
    [InlineData("2100-12-31", DateCheck.Valid)]
    [InlineData("1999-12-31", DateCheck.OutOfRange)]
    [InlineData("2101-01-01", DateCheck.OutOfRange)]
    [InlineData("0001-01-01", DateCheck.OutOfRange)]
    [InlineData("9999-12-31", DateCheck.OutOfRange)]
    [InlineData("2023-02-30", DateCheck.Malformed)]
    [InlineData("23-02-01", DateCheck.Malformed)]
    [InlineData("2023-2-1", DateCheck.Malformed)]
    public void Dates_are_checked_against_the_range(string text, DateCheck expected) =>
        Assert.Equal(expected, SupportedDates.CheckDate(text, out _));

    [Theory]
    [InlineData("2000", DateCheck.Valid)]
    [InlineData("2100", DateCheck.Valid)]
    [InlineData("1999", DateCheck.OutOfRange)]
    [InlineData("2101", DateCheck.OutOfRange)]
    [InlineData("0001", DateCheck.OutOfRange)]
    [InlineData("9999", DateCheck.OutOfRange)]
    [InlineData("23", DateCheck.Malformed)]
    [InlineData("+2023", DateCheck.Malformed)]
    [InlineData("02023", DateCheck.Malformed)]
    public void Years_are_checked_against_the_range(string text, DateCheck expected) =>
        Assert.Equal(expected, SupportedDates.CheckYear(text, out _));
}
