using PartnerPortal.SharedKernel;

namespace PartnerPortal.UnitTests;

/// <summary>DOMAIN.md "Quarters and time": a record belongs to the quarter of its timestamp in Berlin time.</summary>
public sealed class QuarterTests
{
    [Theory]
    [InlineData("2023-03-31T21:59:59Z", "2023-Q1")] // 23:59:59 CEST (summer time started 26 March)
    [InlineData("2023-03-31T22:00:00Z", "2023-Q2")] // 00:00 CEST on 1 April
    [InlineData("2023-03-31T23:30:00Z", "2023-Q2")] // DOMAIN.md's example
    [InlineData("2022-12-31T22:59:59Z", "2022-Q4")] // 23:59:59 CET (winter)
    [InlineData("2022-12-31T23:00:00Z", "2023-Q1")] // midnight CET, new year
    [InlineData("2023-09-30T21:59:59Z", "2023-Q3")]
    [InlineData("2023-09-30T22:00:00Z", "2023-Q4")]
    [InlineData("2023-07-01T00:30:00+02:00", "2023-Q3")]
    [InlineData("2023-06-30T23:30:00-01:00", "2023-Q3")] // 02:30 Berlin on 1 July
    public void Instants_belong_to_the_quarter_of_their_Berlin_local_time(string instant, string expected) =>
        Assert.Equal(expected, Quarter.Of(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)).ToString());

    /// <summary>The names are made once for the supported years and their neighbours (ADR 0050); any other year is named
    /// when asked, the same way.</summary>
    [Theory]
    [InlineData(1900, 1, "1900-Q1")]
    [InlineData(1998, 4, "1998-Q4")]
    [InlineData(1999, 1, "1999-Q1")]
    [InlineData(1999, 4, "1999-Q4")]
    [InlineData(2000, 1, "2000-Q1")]
    [InlineData(2023, 2, "2023-Q2")]
    [InlineData(2100, 4, "2100-Q4")]
    [InlineData(2101, 1, "2101-Q1")]
    [InlineData(2101, 4, "2101-Q4")]
    [InlineData(2102, 1, "2102-Q1")]
    [InlineData(9999, 4, "9999-Q4")]
    public void A_quarter_is_named_year_dash_Q_number(int year, int number, string name)
    {
        Assert.Equal(name, new Quarter(year, number).ToString());
        if (year is >= 1999 and <= 2101) Assert.Same(new Quarter(year, number).ToString(), new Quarter(year, number).ToString());
    }

    [Fact]
    public void Quarter_bounds_are_Berlin_midnights()
    {
        var q2 = Quarter.Parse("2023-Q2");
        Assert.Equal(DateTimeOffset.Parse("2023-03-31T22:00:00Z", System.Globalization.CultureInfo.InvariantCulture), q2.Start);
        Assert.Equal(DateTimeOffset.Parse("2023-06-30T22:00:00Z", System.Globalization.CultureInfo.InvariantCulture), q2.End);
        Assert.Equal(DateTimeOffset.Parse("2022-12-31T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture), Quarter.Parse("2023-Q1").Start);
    }

    [Theory]
    [InlineData("2023-Q1", true)]
    [InlineData("2023-Q4", true)]
    [InlineData("2023-Q5", false)]
    [InlineData("2023-Q0", false)]
    [InlineData("2023Q1", false)]
    [InlineData("23-Q1", false)]
    [InlineData("2023-q1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("2000-Q1", true)] // ADR 0030: 2000-Q1 to 2100-Q4 only
    [InlineData("2100-Q4", true)]
    [InlineData("1999-Q4", false)]
    [InlineData("2101-Q1", false)]
    [InlineData("1900-Q1", false)]
    [InlineData("0001-Q1", false)]
    [InlineData("9999-Q4", false)]
    public void Parses_only_the_YYYY_Qn_form(string? text, bool valid)
    {
        Assert.Equal(valid, Quarter.TryParse(text, out var q));
        if (valid) Assert.Equal(text, q.ToString());
    }

    [Fact]
    public void Next_and_previous_cross_years()
    {
        Assert.Equal("2024-Q1", Quarter.Parse("2023-Q4").Next().ToString());
        Assert.Equal("2022-Q4", Quarter.Parse("2023-Q1").Previous().ToString());
        Assert.True(Quarter.Parse("2022-Q4") < Quarter.Parse("2023-Q1"));
    }

    [Fact]
    public void The_neighbours_of_the_supported_quarters_can_still_be_reached_for_a_trend()
    {
        Assert.Equal("1999-Q4", Quarter.Parse("2000-Q1").Previous().ToString());
        Assert.Equal("2101-Q1", Quarter.Parse("2100-Q4").Next().ToString());
        Assert.Equal(DateCheck.OutOfRange, Quarter.Check("1999-Q4", out _));
        Assert.Equal(DateCheck.Malformed, Quarter.Check("1999-Q5", out _));
    }

    /// <summary>The quarter of an instant as DOMAIN.md states it: its date in Berlin.</summary>
    private static string InBerlin(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        return $"{local.Year:D4}-Q{(local.Month - 1) / 3 + 1}";
    }

    [Fact]
    public void The_quarter_of_an_instant_is_its_Berlin_dates_at_every_edge_and_at_random_from_1998_to_2103()
    {
        // Every quarter's first instant and the tick before it (DST and winter edges alike), beyond the named years too.
        for (var year = 1998; year <= 2103; year++)
            for (var number = 1; number <= 4; number++)
            {
                var start = new Quarter(year, number).Start;
                Assert.Equal($"{year:D4}-Q{number}", Quarter.Of(start).ToString());
                Assert.Equal(InBerlin(start.AddTicks(-1)), Quarter.Of(start.AddTicks(-1)).ToString());
                Assert.Equal(InBerlin(start.AddTicks(1)), Quarter.Of(start.AddTicks(1)).ToString());
            }
        // And 100,000 instants at random, written with any offset.
        var random = new Random(20261202);
        var from = new DateTimeOffset(1998, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var to = new DateTimeOffset(2104, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        for (var i = 0; i < 100_000; i++)
        {
            var instant = new DateTimeOffset(random.NextInt64(from, to), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(15 * random.Next(-48, 57)));
            Assert.Equal(InBerlin(instant), Quarter.Of(instant).ToString());
        }
    }
}
