using System.Globalization;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys.Contracts;
using PartnerPortal.Surveys.Ingestion;

namespace PartnerPortal.Surveys.Demo;

/// <summary>
/// The showcase's survey responses (ADR 0043), as the survey vendor would send them: every day from the start of the
/// quarter a year ago until now, about 33 a day over all channels, for every shop of the demo partners. Each day has its
/// own fixed random seed and ids of its own (<c>dm-yyyyMMdd-nnn</c>), so a day always yields the same responses, whenever
/// the demo is seeded: a second run is all duplicates. Each shop and channel has a level of NPS that moves by a few points
/// a quarter (one shop of <c>p-1001</c> clearly worse and falling, its young third shop too small a sample); German
/// comments are written to fit the score.
/// </summary>
internal static class ShowcaseResponses
{
    /// <param name="Level">The NPS the shop tends to a year ago.</param>
    /// <param name="Trend">Points per quarter since then.</param>
    /// <param name="PerDay">Responses on an average weekday.</param>
    /// <param name="Jump">Points added from the last complete quarter on (a change the significance test sees).</param>
    internal sealed record Profile(double Level, double Trend, double PerDay, double Jump = 0);

    private static readonly Dictionary<string, Profile> Shops = new(StringComparer.Ordinal)
    {
        ["s-1001-1"] = new(38, 4, 1.3), ["s-1001-2"] = new(2, -5, 1.0), ["s-1001-3"] = new(25, 0, 0.1),
        ["s-1002-1"] = new(22, 2, 1.4),
        ["s-1003-1"] = new(50, -3, 1.2), ["s-1003-2"] = new(28, 6, 0.9),
        ["s-1004-1"] = new(15, 0, 1.0), ["s-1004-2"] = new(10, 3, 0.8),
        ["s-1005-1"] = new(-12, 4, 0.9, Jump: 30),
        ["s-1006-1"] = new(42, 1, 1.1), ["s-1006-2"] = new(36, 0, 0.7),
        ["s-1007-1"] = new(5, -2, 0.6),
        ["s-1008-1"] = new(26, -1, 1.0), ["s-1008-2"] = new(18, 2, 0.6),
    };

    /// <summary>About 3,000 responses a quarter over all channels: enough for every shop but the young one to be sufficient.</summary>
    private const double ShopVolume = 1.4;

    /// <summary>A shop without a profile (the small partners'): a level from -20 to 60 and a trend of -4 to 4 fixed by its id,
    /// about 40 responses a quarter, so a few of them stay "zu klein"; surveyed from <see cref="SmallShopsFrom"/> on.</summary>
    private static Profile Unknown(string shopId)
    {
        var hash = shopId.Aggregate(17, (h, c) => unchecked((h * 31) + c)) & 0x7fffffff;
        return new Profile(-20 + hash % 81, (hash / 81 % 9) - 4, 0.3);
    }

    private static readonly (string Channel, Profile Profile)[] OtherChannels =
    [
        (Channels.OwnShop, new(34, 1, 6)), (Channels.Hotline, new(-6, 2, 4)), (Channels.Online, new(12, 0, 3)), (Channels.Other, new(18, 0, 1)),
    ];

    /// <summary>The first day of the showcase: the start of the quarter four quarters before <paramref name="today"/>'s.</summary>
    public static DateOnly FirstDay(DateOnly today)
    {
        var quarter = Quarter.Of(today);
        for (var i = 0; i < 4; i++) quarter = quarter.Previous();
        return DateOnly.FromDateTime(BerlinTime.ToLocal(quarter.Start));
    }

    /// <summary>The sixty small partners joined the programme at the start of the last complete quarter (three after
    /// <paramref name="firstDay"/>'s): a quarter of history and the running one, so their follow-up cases are a small part
    /// of what the showcase works (ADR 0056), while the featured partners have the whole year.</summary>
    public static DateOnly SmallShopsFrom(DateOnly firstDay)
    {
        var quarter = Quarter.Of(firstDay);
        for (var i = 0; i < 3; i++) quarter = quarter.Next();
        return DateOnly.FromDateTime(BerlinTime.ToLocal(quarter.Start));
    }

    /// <summary>When the vendor's export of <paramref name="day"/>'s responses arrives: at 06:00 (Berlin) of the next working
    /// day (Monday to Friday), so Friday's, Saturday's and Sunday's come on Monday; not after <paramref name="now"/> (the
    /// last days' arrive as the showcase is seeded). Their follow-up cases are opened then, and are due from then on.</summary>
    public static DateTimeOffset Arrival(DateOnly day, DateTimeOffset now)
    {
        var next = day.AddDays(1);
        while (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) next = next.AddDays(1);
        var local = next.ToDateTime(new TimeOnly(6, 0));
        var arrival = new DateTimeOffset(local, BerlinTime.Zone.GetUtcOffset(local)).ToUniversalTime();
        return arrival < now ? arrival : now;
    }

    /// <summary>The responses of one day, given before <paramref name="now"/> (the whole day when it is over).</summary>
    public static List<ResponseInput> Day(DateOnly day, DateOnly firstDay, IReadOnlyList<PartnerInfo> partners, DateTimeOffset now)
    {
        var random = new Random(20_260_000 + day.DayNumber);
        var quarters = (day.DayNumber - firstDay.DayNumber) / 91.3; // the trend moves by quarter, smoothly
        var weekday = day.DayOfWeek switch { DayOfWeek.Sunday => 0.3, DayOfWeek.Saturday => 1.3, _ => 1.0 };
        var list = new List<ResponseInput>();
        foreach (var partner in partners)
            foreach (var shop in partner.Shops)
            {
                var profile = Shops.GetValueOrDefault(shop.ShopId) ?? Unknown(shop.ShopId);
                var nps = profile.Level + profile.Trend * quarters + (quarters >= 3 ? profile.Jump : 0);
                for (var n = Count(random, profile.PerDay * ShopVolume * weekday); n > 0; n--)
                    Add(list, random, day, now, Channels.PartnerShop, partner.PartnerId, shop.ShopId, shop.City, nps);
            }
        foreach (var (channel, profile) in OtherChannels)
            for (var n = Count(random, profile.PerDay * weekday); n > 0; n--)
                Add(list, random, day, now, channel, null, null, null, profile.Level + profile.Trend * quarters);
        for (var i = 0; i < list.Count; i++) list[i].ResponseId = $"dm-{day:yyyyMMdd}-{i:D3}";
        // The small partners' shops are surveyed since they joined (drawn all the same, so every other response of the day
        // stays as it was).
        var joined = day >= SmallShopsFrom(firstDay);
        return list.Where(r => DateTimeOffset.Parse(r.RespondedAt!, CultureInfo.InvariantCulture) <= now
                               && (joined || r.ShopId is null || Shops.ContainsKey(r.ShopId))).ToList();
    }

    /// <summary>A whole number of responses around <paramref name="mean"/>: its integer part and one more with the chance of
    /// its fraction, give or take one now and then.</summary>
    private static int Count(Random random, double mean)
    {
        var n = (int)mean + (random.NextDouble() < mean - Math.Floor(mean) ? 1 : 0);
        var wobble = random.NextDouble();
        return Math.Max(0, n + (wobble < 0.15 ? -1 : wobble > 0.85 ? 1 : 0) * (mean >= 1 ? 1 : 0));
    }

    private static void Add(List<ResponseInput> list, Random random, DateOnly day, DateTimeOffset now, string channel, string? partnerId, string? shopId,
        string? city, double nps)
    {
        var local = day.ToDateTime(new TimeOnly(8, 0)).AddMinutes(random.Next(0, 13 * 60)).AddSeconds(random.Next(0, 60));
        var at = new DateTimeOffset(local, BerlinTime.Zone.GetUtcOffset(local));
        var touchpoint = Score(random, nps);
        var business = random.NextDouble() < (channel == Channels.Hotline ? 0.3 : 0.2);
        var input = new ResponseInput
        {
            RespondedAt = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            Segment = business ? Segments.Business : Segments.Private,
            Channel = channel, PartnerId = partnerId, ShopId = shopId,
            Touchpoint = touchpoint,
            Brand = Near(random, touchpoint, 2),
            Product = random.NextDouble() < 0.12 ? null : Near(random, touchpoint, 3),
        };
        if (random.NextDouble() < (channel == Channels.PartnerShop ? 0.45 : 0.3)) input.Comment = ShowcaseComments.For(random, channel, touchpoint, city);
        list.Add(input);
    }

    /// <summary>A touchpoint score from a population whose NPS is <paramref name="nps"/> with about 22 % passives.</summary>
    internal static int Score(Random random, double nps)
    {
        var net = Math.Clamp(nps, -90, 90) / 100;
        const double passives = 0.22;
        var promoters = (1 - passives + net) / 2;
        var u = random.NextDouble();
        if (u < promoters) return random.NextDouble() < 0.55 ? 10 : 9;
        if (u < promoters + passives) return random.NextDouble() < 0.5 ? 8 : 7;
        return random.Next(0, 10) switch { < 1 => 0, < 2 => 2, < 3 => 3, < 5 => 4, < 7 => 5, _ => 6 };
    }

    private static int Near(Random random, int score, int spread) => Math.Clamp(score + random.Next(-spread, spread + 1), 0, 10);
}
