using System.Globalization;
using Microsoft.Extensions.Logging;
using PartnerPortal.BuildingBlocks.Demo;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys.Contracts;
using PartnerPortal.Surveys.Ingestion;
using PartnerPortal.Surveys.Trust;

namespace PartnerPortal.Surveys.Demo;

/// <summary>
/// Seeds the showcase's survey side (ADR 0043, 0056) through the module's own use cases: a year of responses through the
/// ingestion (<see cref="SurveyIngestion"/>: the vendor's exports, each stored as of the morning it arrived), in the
/// running quarter a burst at one shop (the integrity flags find it; back office quarantines one of its responses) and
/// two appeals of the partner login's partner, one decided (accepted) and one open; then the integrity flags of the last
/// and the running quarter.
/// Every step is idempotent: responses are duplicates the second time, appeals and decisions are looked up first.
/// </summary>
internal static class ShowcaseData
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var clock = sp.GetRequiredService<TimeProvider>();
        var store = sp.GetRequiredService<IDocumentStore>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ShowcaseData).FullName!);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(now));
        var partners = (await sp.GetRequiredService<IPartnerDirectory>().FindManyAsync(DemoPartners.Ids, ct)).Values
            .OrderBy(p => p.PartnerId, StringComparer.Ordinal).ToArray();

        // Stored as they arrived (ShowcaseResponses.Arrival), not all at once today: their follow-up cases are opened and
        // due through the year, so the FollowUps showcase can work them in time, late, or not yet (ADR 0056). Each export
        // through an ingestion of its own, whose clock reads its arrival; two at a time (their ids are distinct).
        var firstDay = ShowcaseResponses.FirstDay(today);
        var current = Quarter.Of(now);
        var (burst, appealed) = Specials(current, now);
        var exports = new List<(DateTimeOffset Arrival, List<ResponseInput> Responses)>();
        for (var day = firstDay; day <= today; day = day.AddDays(1))
        {
            var arrival = ShowcaseResponses.Arrival(day, now);
            if (exports.Count == 0 || exports[^1].Arrival != arrival) exports.Add((arrival, []));
            exports[^1].Responses.AddRange(ShowcaseResponses.Day(day, firstDay, partners, now));
        }
        exports.AddRange(burst.Concat(appealed).GroupBy(r => ShowcaseResponses.Arrival(DayOf(r), now)).Select(g => (g.Key, g.ToList())));
        var stored = 0;
        await Parallel.ForEachAsync(exports, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct }, async (export, ct) =>
        {
            var ingestion = ActivatorUtilities.CreateInstance<SurveyIngestion>(sp, new ShowcaseClock(export.Arrival));
            Interlocked.Add(ref stored, await IngestAsync(ingestion, export.Responses, ct));
        });
        logger.LogInformation("Showcase: {Count} survey responses from {First:yyyy-MM-dd} on", stored, firstDay);

        var backOffice = DemoCallers.BackOffice();
        var exclusions = sp.GetRequiredService<Exclusions>();
        if (burst.Count > 0)
            await QuarantineResponse.RunAsync(burst[0].ResponseId!, "Serie von sechs Bewertungen in wenigen Minuten mit gleichem Text – zur Prüfung ausgeschlossen.",
                backOffice, store, exclusions, clock, ct);
        if (appealed.Count == 2) await AppealAsync(sp, store, exclusions, clock, appealed, backOffice, ct);

        var integrity = sp.GetRequiredService<IntegrityRecalculation>();
        await integrity.RunAsync(current.Previous().ToString(), ct);
        await integrity.RunAsync(current.ToString(), ct);
    }

    private static async Task<int> IngestAsync(SurveyIngestion ingestion, List<ResponseInput> export, CancellationToken ct)
    {
        if (export.Count == 0) return 0;
        var results = await ingestion.IngestAsync(export, 0, ct);
        if (results.FirstOrDefault(r => r.Status == ItemStatus.Rejected) is { } rejected)
            throw new InvalidOperationException($"A showcase response was rejected: {rejected.Id}: " +
                string.Join("; ", rejected.Errors?.SelectMany(e => e.Value) ?? []));
        return results.Count(r => r.Status == ItemStatus.Accepted);
    }

    /// <summary>The running quarter's special responses, when their time has come: six enthusiastic ones at Augsburg within
    /// seven minutes, nine days ago (a burst, and a duplicated comment), and two angry ones at Bonn from yesterday and the
    /// day before that <c>p-1001</c> appeals. Their ids name the quarter, so a later run of the same quarter finds them.</summary>
    private static (List<ResponseInput> Burst, List<ResponseInput> Appealed) Specials(Quarter quarter, DateTimeOffset now)
    {
        var start = quarter.Start;
        var burstAt = Later(start.AddHours(10), now.AddDays(-9));
        var burst = new List<ResponseInput>();
        for (var i = 0; i < 6 && burstAt.AddSeconds(i * 80) < now; i++)
            burst.Add(Response($"dm-{quarter}-burst-{i + 1}", burstAt.AddSeconds(i * 80), "s-1003-2", "p-1003", 10, 10,
                "Bester Handyladen der ganzen Stadt, alle super freundlich!"));
        var appealed = new List<ResponseInput>();
        var first = Later(start.AddMinutes(30), now.AddHours(-50));
        var second = Later(start.AddMinutes(50), now.AddHours(-26));
        if (second < now)
        {
            appealed.Add(Response($"dm-{quarter}-appeal-1", first, "s-1001-2", "p-1001", 0, 1,
                "Totaler Reinfall, hier wird man nur abgezockt. Nie wieder!"));
            appealed.Add(Response($"dm-{quarter}-appeal-2", second, "s-1001-2", "p-1001", 1, 2,
                "Chef hat keine Ahnung, Personal lustlos. Ich kenne den Laden von innen."));
        }
        return (burst, appealed);
    }

    private static DateOnly DayOf(ResponseInput r) =>
        DateOnly.FromDateTime(BerlinTime.ToLocal(DateTimeOffset.Parse(r.RespondedAt!, CultureInfo.InvariantCulture)));

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static ResponseInput Response(string id, DateTimeOffset at, string shopId, string partnerId, int touchpoint, int brand, string comment) => new()
    {
        ResponseId = id, RespondedAt = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), Segment = Segments.Private,
        Channel = Channels.PartnerShop, PartnerId = partnerId, ShopId = shopId, Touchpoint = touchpoint, Brand = brand, Product = brand, Comment = comment,
    };

    /// <summary>The partner appeals both angry responses; back office accepts the second (a former employee), the first
    /// stays open.</summary>
    private static async Task AppealAsync(IServiceProvider sp, IDocumentStore store, Exclusions exclusions, TimeProvider clock,
        List<ResponseInput> appealed, Caller backOffice, CancellationToken ct)
    {
        var partner = DemoCallers.Partner(DemoPartners.LoginPartnerId, "Petra Partner");
        var windows = sp.GetRequiredService<AppealWindowLookup>();
        string? decide = null;
        foreach (var (response, reason, text) in new[]
                 {
                     (appealed[0], AppealReasons.NotOurCustomer, "Zu dieser Zeit gab es in Bonn keinen Vorgang mit diesem Anliegen; im Kassensystem ist nichts zu finden."),
                     (appealed[1], AppealReasons.StaffOrRelative, "Die Bewertung stammt nach eigener Aussage von einem ehemaligen Mitarbeiter der Filiale."),
                 })
        {
            await using var session = store.QuerySession();
            var appeal = await ListAppeals.ForResponseAsync(session, response.ResponseId!, ct);
            if (appeal is null)
            {
                var filed = await FileAppeal.RunAsync(response.ResponseId!, reason, text, partner, store, windows, clock, ct);
                appeal = filed.Appeal;
            }
            if (response == appealed[1]) decide = appeal?.Id;
        }
        if (decide is not null)
            await DecideAppeal.RunAsync(decide, AppealStatus.Accepted, "Geprüft: Absender war bis Mai in der Filiale beschäftigt, die Antwort zählt nicht.",
                backOffice, store, exclusions, clock, ct);
    }
}
