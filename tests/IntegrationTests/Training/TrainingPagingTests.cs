using System.Net;
using System.Text.RegularExpressions;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Training.TrainingData;

namespace PartnerPortal.IntegrationTests.Training;

/// <summary>
/// The Schulungen pages page their lists instead of cutting them off: back office's open bookings of a year (the oldest
/// date first, with their count) and a partner's coachings (the newest first), each with a link to the next page, every
/// booking exactly once. Owns the training year 2092.
/// </summary>
public sealed partial class TrainingPagingTests(PortalHost host)
{
    private const int BookingYear = 2092;
    private const int PageSize = 50; // both pages' (ProgrammePageEndpoint.PageSize, PartnerTrainingPageEndpoint.PageSize)

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_bookings_and_a_partners_coachings_are_paged_each_booking_once_in_the_lists_order()
    {
        await EnsureProgrammeAsync(host, BookingYear);
        var (partnerId, shops) = await host.CreatePartnerAsync(prefix: "tp");
        using var admin = host.Admin();
        // Two more than a page, on 13 dates, several on one day (the id orders those); one of them cancelled.
        var booked = new List<(string Date, string Id)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, PageSize + 2), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct },
            async (i, _) =>
            {
                var date = new DateOnly(BookingYear, 1 + i % 12, 1 + i % 13 % 3).ToString("yyyy-MM-dd");
                var booking = await BookAsync(admin, partnerId, shops[0], date: date);
                lock (booked) booked.Add((date, booking.GetProperty("bookingId").GetString()!));
            });
        var cancelled = booked[7];
        await ActAsync(admin, cancelled.Id, "cancel");
        var open = booked.Where(b => b != cancelled).OrderBy(b => b.Date, StringComparer.Ordinal).ThenBy(b => b.Id, StringComparer.Ordinal).ToArray();

        // Back office: 50 open bookings, the count of all 51, and a link to the last one.
        var (boEmail, boPassword) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (backOffice, _) = await host.LoginAsync(boEmail, boPassword);
        using var _b = backOffice;
        var (pages, first) = await WalkAsync(backOffice, $"/schulungen/programm?year={BookingYear}", "more-open-bookings");
        Assert.Equal([PageSize, 1], pages.Select(p => p.Length));
        Assert.Equal(open.Select(b => b.Id), pages.SelectMany(p => p));
        Assert.Contains($"data-testid=\"open-count\">({open.Length})", first);

        // The partner: all 52 coachings (the cancelled one too), the newest date first.
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var (partner, _) = await host.LoginAsync(email, password);
        using var _p = partner;
        (pages, _) = await WalkAsync(partner, "/schulungen", "older-bookings");
        Assert.Equal([PageSize, 2], pages.Select(p => p.Length));
        Assert.Equal(booked.OrderByDescending(b => b.Date, StringComparer.Ordinal).ThenBy(b => b.Id, StringComparer.Ordinal).Select(b => b.Id),
            pages.SelectMany(p => p));

        // A cursor these pages did not give out is refused.
        foreach (var (client, url) in new[] { (backOffice, $"/schulungen/programm?year={BookingYear}&after=not-a-cursor"), (partner, "/schulungen?after=not-a-cursor") })
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(url, Ct)).StatusCode);
    }

    /// <summary>Follows the page's "more" link to the end; answers each page's booking ids and the first page's HTML.</summary>
    private static async Task<(List<string[]> Pages, string First)> WalkAsync(HttpClient client, string url, string moreTestId)
    {
        var pages = new List<string[]>();
        string? first = null;
        for (string? next = url; next is not null;)
        {
            var html = await client.GetStringAsync(next, Ct);
            first ??= html;
            pages.Add([.. BookingRow().Matches(html).Select(m => m.Groups[1].Value)]);
            var more = Regex.Match(html, $"<a class=\"button\" href=\"([^\"]+)\" data-testid=\"{moreTestId}\"");
            next = more.Success ? WebUtility.HtmlDecode(more.Groups[1].Value) : null;
            Assert.True(pages.Count <= 10, "the link never ends");
        }
        return (pages, first!);
    }

    [GeneratedRegex("<tr data-booking=\"([^\"]+)\"")]
    private static partial Regex BookingRow();
}
