using System.Globalization;
using PartnerPortal.BuildingBlocks.Demo;
using PartnerPortal.FollowUps.Cases;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.FollowUps.Demo;

/// <summary>
/// Seeds the showcase's follow-up work (ADR 0043) through the module's own use cases: the demo partners have worked part
/// of their cases, each as its own partner login: closed (<see cref="CloseCase"/>, with a root cause read from the
/// customer's comment, an action and a note) or started (<see cref="StartCase"/>), the featured partners in the last and
/// the running quarter, the small ones in the running quarter. Rückmeldungen then shows closed-loop rates that differ
/// from partner to partner, a root-cause mix and cases still to work on the first start.
/// Which case is worked is fixed by its id, so a run that was stopped halfway finishes the same work when it runs again.
/// The cases were all opened when the showcase stored their responses, so every one closed here is closed in time, and
/// none is overdue on the first start.
/// </summary>
internal static class ShowcaseCases
{
    /// <summary>Out of 100 (by the case id): the featured partners' share of the running quarter's cases closed, and up to
    /// which share the rest is started (in progress); the last quarter's.</summary>
    private const int FeaturedClosedNow = 50, FeaturedStartedNow = 65, FeaturedClosedBefore = 85, FeaturedStartedBefore = 90;

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var clock = sp.GetRequiredService<TimeProvider>();
        var store = sp.GetRequiredService<IDocumentStore>();
        var current = Quarter.Of(clock.GetUtcNow());
        var names = await sp.GetRequiredService<IPartnerDirectory>().FindManyAsync(DemoPartners.Ids, ct);

        // Partners side by side: each move is a short transaction of its own, and one partner's wait for the database is
        // another's turn (the moves' own concurrency rules hold, ADR 0041).
        await Parallel.ForEachAsync(DemoPartners.Ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (partnerId, ct) =>
        {
            var caller = DemoCallers.Partner(partnerId, partnerId == DemoPartners.LoginPartnerId ? "Petra Partner"
                : names.TryGetValue(partnerId, out var partner) ? partner.Name : "Partner-Login");
            // The last quarter too for the featured partners: its figures are the ones a partner compares with. A move is a
            // transaction of its own (a few milliseconds), so the sixty small partners work the running quarter only.
            foreach (var quarter in DemoPartners.Featured.Contains(partnerId) ? new[] { current.Previous(), current } : [current])
            {
                var (closed, started) = Shares(partnerId, quarter == current);
                foreach (var c in await ToWorkAsync(store, caller, clock, partnerId, quarter.ToString(), ct))
                {
                    var share = Share(c.CaseId);
                    if (share >= started) continue;
                    await using var session = store.LightweightSession();
                    if (share < closed)
                    {
                        var (rootCause, action, note) = Work(c.Comment, share);
                        Check(await CloseCase.HandleAsync(c.CaseId, new CloseCaseRequest(rootCause, action, note), caller, session, clock, ct), c.CaseId);
                    }
                    else if (c.Status == CaseStatus.Open)
                    {
                        Check(await StartCase.HandleAsync(c.CaseId, caller, session, clock, ct), c.CaseId);
                    }
                }
            }
        });
    }

    /// <summary>Out of 100: below the first the case is closed, below the second started. The sixty small partners work
    /// from a fifth to nearly all of their cases, so back office's list sorted by rate has a spread.</summary>
    internal static (int Closed, int Started) Shares(string partnerId, bool runningQuarter)
    {
        if (DemoPartners.Featured.Contains(partnerId))
            return runningQuarter ? (FeaturedClosedNow, FeaturedStartedNow) : (FeaturedClosedBefore, FeaturedStartedBefore);
        var small = Math.Max(0, IndexOf(DemoPartners.Small, partnerId));
        var closed = 20 + small * 37 % 75;
        return (closed, closed);
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        return -1;
    }

    /// <summary>A number from 0 to 99 fixed by the case id (FNV-1a), the same in every run and on every machine.</summary>
    internal static int Share(string caseId)
    {
        var hash = 2166136261u;
        foreach (var ch in caseId) hash = unchecked((hash ^ ch) * 16777619u);
        return (int)(hash % 100);
    }

    /// <summary>What the partner found and did: the root cause the customer's comment names (the showcase's comments are
    /// written to fit the score), else one of the common ones; mostly a call back, some a visit to the shop or a mail, a
    /// few not reached.</summary>
    internal static (string RootCause, string Action, string Note) Work(string? comment, int share)
    {
        var rootCause = RootCauseOf(comment) ?? (share % 4) switch { 0 => "advice", 1 => "waiting-time", 2 => "product", _ => "other" };
        var action = (share % 10) switch { 0 => "no-contact-possible", 1 or 2 => "visited-shop", 3 => "other", _ => "called-back" };
        if (action == "no-contact-possible") return (rootCause, action, "Zweimal angerufen und nicht erreicht; Nachricht mit Rückrufnummer hinterlassen.");
        var found = rootCause switch
        {
            "advice" => "Offene Fragen zum Vertrag in Ruhe geklärt; Kunde ist jetzt zufrieden.",
            "waiting-time" => "Für die Wartezeit entschuldigt; samstags gibt es jetzt Termine.",
            "product" => "Gerät im Shop neu eingerichtet, alles funktioniert.",
            "price-tariff" => "Tarif gemeinsam geprüft und in einen passenderen gewechselt.",
            "network" => "Empfangsproblem an die Netzabteilung gemeldet, Kunde erhält Bescheid.",
            "billing" => "Rechnungsposten erklärt und eine Gutschrift veranlasst.",
            "friendliness" => "Mit dem Team besprochen und beim Kunden entschuldigt.",
            _ => "Anliegen geklärt.",
        };
        return (rootCause, action, action == "other" ? "Per E-Mail geantwortet. " + found : found);
    }

    private static readonly (string Word, string RootCause)[] Words =
    [
        ("gewartet", "waiting-time"), ("warten", "waiting-time"), ("Warte", "waiting-time"), ("Empfang", "network"), ("Netz", "network"), ("Rechnung", "billing"),
        ("nfreundlich", "friendliness"), ("Tarif", "price-tariff"), ("teuer", "price-tariff"), ("eingerichtet", "product"),
        ("Rufnummernmitnahme", "product"), ("Aktivierung", "product"), ("Beratung", "advice"), ("Fragen", "advice"), ("Rückruf", "advice"),
    ];

    private static string? RootCauseOf(string? comment) =>
        comment is null ? null : Words.FirstOrDefault(w => comment.Contains(w.Word, StringComparison.Ordinal)).RootCause;

    /// <summary>The partner's open and in-progress cases of the quarter, all pages, as the partner's Rückmeldungen lists them.</summary>
    private static async Task<List<CaseView>> ToWorkAsync(IDocumentStore store, Caller caller, TimeProvider clock, string partnerId, string quarter,
        CancellationToken ct)
    {
        var cases = new List<CaseView>();
        string? after = null;
        await using var session = store.QuerySession();
        do
        {
            var page = await ListCases.HandleAsync(new CaseQuery(partnerId, quarter, null, null, after, ListCases.MaxLimit.ToString(CultureInfo.InvariantCulture),
                Open: true), caller, session, clock, ct);
            if (page.Value is null) throw new InvalidOperationException($"The showcase could not list {partnerId}'s cases: {page.Message}");
            cases.AddRange(page.Value.Items);
            after = page.Value.Next;
        }
        while (after is not null);
        return cases;
    }

    private static void Check(Outcome<FollowUpCase> outcome, string caseId)
    {
        if (outcome.Kind != OutcomeKind.Done)
            throw new InvalidOperationException($"The showcase could not move follow-up case {caseId}: {outcome.Kind} {outcome.Message}");
    }
}
