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

    [Fact]
    public void Only_responses_given_before_now_are_sent()
    {
        var day = new DateOnly(2026, 5, 12);
        var noon = new DateTimeOffset(2026, 5, 12, 12, 0, 0, TimeSpan.FromHours(2));
        var whole = ShowcaseResponses.Day(day, day, [Mueller], DateTimeOffset.MaxValue);
        var morning = ShowcaseResponses.Day(day, day, [Mueller], noon);
        Assert.All(morning, r => Assert.True(DateTimeOffset.Parse(r.RespondedAt!, System.Globalization.CultureInfo.InvariantCulture) <= noon));
        Assert.Equal(whole.Where(r => DateTimeOffset.Parse(r.RespondedAt!, System.Globalization.CultureInfo.InvariantCulture) <= noon).Select(Describe),
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
        Assert.All(responses, r => Assert.Equal(quarter, Quarter.Of(DateTimeOffset.Parse(r.RespondedAt!, System.Globalization.CultureInfo.InvariantCulture))));
    }

    private static double Nps(Surveys.Ingestion.ResponseInput[] responses) =>
        100.0 * (responses.Count(r => r.Touchpoint >= 9) - responses.Count(r => r.Touchpoint <= 6)) / responses.Length;

    private static string Describe(Surveys.Ingestion.ResponseInput r) =>
        $"{r.ResponseId}|{r.RespondedAt}|{r.Segment}|{r.Channel}|{r.PartnerId}|{r.ShopId}|{r.Brand}|{r.Product}|{r.Touchpoint}|{r.Comment}";
}
