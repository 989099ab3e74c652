using System.Globalization;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.SharedKernel;
using PartnerPortal.Surveys.Contracts;
using PartnerPortal.Surveys.Demo;

namespace PartnerPortal.UnitTests;

/// <summary>The demo showcase's responses (ADR 0043): the same day always yields the same responses, whenever it is
/// generated; a quarter gives every shop a sufficient sample except the young one; Bonn is clearly worse than Köln.</summary>
public sealed class ShowcaseResponsesTests
{
    private static readonly PartnerInfo Mueller = new("p-1001", "Mobilfunk Müller GmbH",
        [new ShopInfo("s-1001-1", "Müller Köln Zentrum", "Köln"), new ShopInfo("s-1001-2", "Müller Bonn", "Bonn"), new ShopInfo("s-1001-3", "Müller Siegburg", "Siegburg")]);

    [Fact]
    public void A_day_yields_the_same_responses_whenever_it_is_generated()
    {
        var day = new DateOnly(2026, 5, 12);
        var first = ShowcaseResponses.Day(day, ShowcaseResponses.FirstDay(new DateOnly(2026, 6, 1)), [Mueller], DateTimeOffset.MaxValue);
        var again = ShowcaseResponses.Day(day, ShowcaseResponses.FirstDay(new DateOnly(2026, 6, 1)), [Mueller], DateTimeOffset.MaxValue);
        Assert.NotEmpty(first);
        Assert.Equal(first.Select(Describe), again.Select(Describe));
        Assert.All(first, r => Assert.StartsWith("dm-20260512-", r.ResponseId, StringComparison.Ordinal));
    }

    /// <summary>The vendor's export arrives at 06:00 Berlin of the next working day (ADR 0056), in summer and winter time
    /// alike, and never after now.</summary>
    [Theory]
    [InlineData("2026-03-24", "2026-03-25T06:00:00+01:00")] // Tuesday → Wednesday
    [InlineData("2026-03-27", "2026-03-30T06:00:00+02:00")] // Friday → Monday, across the change to summer time
    [InlineData("2026-03-28", "2026-03-30T06:00:00+02:00")] // Saturday
    [InlineData("2026-03-29", "2026-03-30T06:00:00+02:00")] // Sunday
    [InlineData("2026-10-23", "2026-10-26T06:00:00+01:00")] // Friday → Monday, across the change to winter time
    public void A_days_responses_arrive_the_next_working_morning(string day, string arrival)
    {
        var expected = DateTimeOffset.Parse(arrival, CultureInfo.InvariantCulture);
        Assert.Equal(expected, ShowcaseResponses.Arrival(DateOnly.Parse(day, CultureInfo.InvariantCulture), DateTimeOffset.MaxValue));
        Assert.Equal(expected, ShowcaseResponses.Arrival(DateOnly.Parse(day, CultureInfo.InvariantCulture), expected.AddTicks(1)));
        var earlier = expected.AddHours(-3);
        Assert.Equal(earlier, ShowcaseResponses.Arrival(DateOnly.Parse(day, CultureInfo.InvariantCulture), earlier));
    }

    [Fact]
    public void Only_responses_given_before_now_are_sent()
    {
        var day = new DateOnly(2026, 5, 12);
        var noon = new DateTimeOffset(2026, 5, 12, 12, 0, 0, TimeSpan.FromHours(2));
        var whole = ShowcaseResponses.Day(day, day, [Mueller], DateTimeOffset.MaxValue);
        var morning = ShowcaseResponses.Day(day, day, [Mueller], noon);
        Assert.All(morning, r => Assert.True(DateTimeOffset.Parse(r.RespondedAt!, CultureInfo.InvariantCulture) <= noon));
        Assert.Equal(whole.Where(r => DateTimeOffset.Parse(r.RespondedAt!, CultureInfo.InvariantCulture) <= noon).Select(Describe),
            morning.Select(Describe)); // the same ids and content as later in the day
    }

    [Fact]
    public void A_quarter_has_sufficient_shops_one_too_small_and_Bonn_clearly_worse_than_Koeln()
    {
        var quarter = new Quarter(2026, 2);
        var firstDay = ShowcaseResponses.FirstDay(new DateOnly(2026, 9, 1));
        var responses = new List<Surveys.Ingestion.ResponseInput>();
        for (var day = new DateOnly(2026, 4, 1); day < new DateOnly(2026, 7, 1); day = day.AddDays(1))
            responses.AddRange(ShowcaseResponses.Day(day, firstDay, [Mueller], DateTimeOffset.MaxValue));
        var byShop = responses.Where(r => r.Channel == Channels.PartnerShop).GroupBy(r => r.ShopId!).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.True(byShop["s-1001-1"].Length >= 100, $"Köln: {byShop["s-1001-1"].Length}");
        Assert.True(byShop["s-1001-2"].Length >= 80, $"Bonn: {byShop["s-1001-2"].Length}");
        Assert.True(byShop.GetValueOrDefault("s-1001-3", []).Length < 30, "Siegburg stays too small a sample");
        Assert.True(Nps(byShop["s-1001-1"]) - Nps(byShop["s-1001-2"]) >= 25, $"Köln {Nps(byShop["s-1001-1"])}, Bonn {Nps(byShop["s-1001-2"])}");
        Assert.Equal(Channels.All.Order(), responses.Select(r => r.Channel!).Distinct().Order());
        Assert.True(responses.Count(r => r.Comment is { Length: > 20 }) > responses.Count / 4, "comments with text");
        Assert.Equal(responses.Count, responses.Select(r => r.ResponseId).Distinct().Count());
        Assert.All(responses, r => Assert.Equal(quarter, Quarter.Of(DateTimeOffset.Parse(r.RespondedAt!, CultureInfo.InvariantCulture))));
    }

    /// <summary>The small partners are surveyed from the start of the last complete quarter on (ADR 0056), about 40 responses
    /// a quarter.</summary>
    [Fact]
    public void A_small_partners_shop_is_surveyed_from_the_last_complete_quarter_on()
    {
        var small = new PartnerInfo("p-1101", "Handy-Ecke Beispiel", [new ShopInfo("s-1101-1", "Handy-Ecke", "Essen")]);
        var firstDay = ShowcaseResponses.FirstDay(new DateOnly(2026, 12, 2)); // 2025-10-01: the last complete quarter is 2026-Q3
        Assert.Equal(new DateOnly(2026, 7, 1), ShowcaseResponses.SmallShopsFrom(firstDay));
        int Small(DateOnly from, DateOnly to)
        {
            var n = 0;
            for (var day = from; day < to; day = day.AddDays(1))
            {
                n += ShowcaseResponses.Day(day, firstDay, [Mueller, small], DateTimeOffset.MaxValue).Count(r => r.PartnerId == "p-1101");
            }
            return n;
        }
        Assert.Equal(0, Small(firstDay, new DateOnly(2026, 7, 1)));
        Assert.InRange(Small(new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 1)), 25, 60);
    }

    private static double Nps(Surveys.Ingestion.ResponseInput[] responses) =>
        100.0 * (responses.Count(r => r.Touchpoint >= 9) - responses.Count(r => r.Touchpoint <= 6)) / responses.Length;

    private static string Describe(Surveys.Ingestion.ResponseInput r) =>
        $"{r.ResponseId}|{r.RespondedAt}|{r.Segment}|{r.Channel}|{r.PartnerId}|{r.ShopId}|{r.Brand}|{r.Product}|{r.Touchpoint}|{r.Comment}";
}
