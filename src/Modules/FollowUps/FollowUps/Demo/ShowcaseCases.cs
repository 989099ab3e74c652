using System.Globalization;
using PartnerPortal.BuildingBlocks.Demo;
using PartnerPortal.FollowUps.Cases;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.FollowUps.Demo;

/// <summary>
/// Seeds the showcase's follow-up work (ADR 0043, 0056) through the module's own use cases, each as its partner's login:
/// <see cref="CloseCase"/> (with a root cause read from the customer's comment, an action and a note) and
/// <see cref="StartCase"/>. The responses arrived through the year (the Surveys showcase stores them as of their arrival),
/// so their cases were opened and fell due through the year too; each move is made at the time the partner made it
/// (<see cref="ShowcaseClock"/>): <see cref="PlanFor"/> decides it from the case's id, its times and the partner's habits.
/// Cases due more than <see cref="Backlog"/> ago are all closed, in time or late; of those due since then some are still
/// open or in progress, so overdue; of those not due yet a part is worked already. Rückmeldungen then shows closed-loop
/// rates that differ from partner to partner, late closes, a root-cause mix, overdue cases and cases still to work.
/// Which case is worked, and when, is fixed by the case, so a run that was stopped halfway finishes the same work.
/// </summary>
internal static class ShowcaseCases
{
    /// <summary>How far back a partner still has cases that are due and not closed: the older ones it has all closed.</summary>
    internal static readonly TimeSpan Backlog = TimeSpan.FromDays(7);

    /// <summary>How late, at most, a partner closes a case it did not close in time (before <see cref="Backlog"/>).</summary>
    private static readonly TimeSpan LateBy = TimeSpan.FromDays(6);

    internal enum Step { Leave, Start, Close }

    /// <summary>What the partner has done with a case by <c>now</c>, and when.</summary>
    internal readonly record struct Plan(Step Step, DateTimeOffset At);

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var clock = sp.GetRequiredService<TimeProvider>();
        var store = sp.GetRequiredService<IDocumentStore>();
        var now = clock.GetUtcNow();
        var names = await sp.GetRequiredService<IPartnerDirectory>().FindManyAsync(DemoPartners.Ids, ct);
        var callers = DemoPartners.Ids.ToDictionary(p => p, p => DemoCallers.Partner(p, p == DemoPartners.LoginPartnerId ? "Petra Partner"
            : names.TryGetValue(p, out var partner) ? partner.Name : "Partner-Login"), StringComparer.Ordinal);

        // Partners side by side, four at a time (one's wait for the database is another's turn); each partner's cases one
        // after the other, oldest due first, as the partner worked them: each first move walks the partner's follow-up floor
        // only from the case before (WorkedFloor.AdvanceAsync), where moves out of order would walk its worked cases again.
        await Parallel.ForEachAsync(DemoPartners.Ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (partnerId, ct) =>
        {
            var caller = callers[partnerId];
            foreach (var c in await ToWorkAsync(store, caller, clock, partnerId, ct))
            {
                var plan = PlanFor(partnerId, c.CaseId, c.OpenedAt, c.DueAt, now);
                if (plan.Step == Step.Leave || (plan.Step == Step.Start && c.Status != CaseStatus.Open)) continue;
                await using var session = store.LightweightSession();
                var at = new ShowcaseClock(plan.At);
                if (plan.Step == Step.Close)
                {
                    var (rootCause, action, note) = Work(c.Comment, Share(c.CaseId));
                    Check(await CloseCase.HandleAsync(c.CaseId, new CloseCaseRequest(rootCause, action, note), caller, session, at, ct), c.CaseId);
                }
                else Check(await StartCase.HandleAsync(c.CaseId, caller, session, at, ct), c.CaseId);
            }
        });
    }

    /// <summary>
    /// What the partner has done with a case by <paramref name="now"/>. Out of 100 (<see cref="Share"/>), against the
    /// partner's share of cases closed in time (<see cref="InTimeShare"/>):
    /// <list type="bullet">
    /// <item>due more than <see cref="Backlog"/> ago: below the share closed in time, else closed late (up to
    /// <see cref="LateBy"/> after the due time);</item>
    /// <item>due since then: 25 points fewer closed in time, 15 closed late (before now), 15 in progress, the rest open;</item>
    /// <item>not due yet: half the share closed, 20 more in progress, the rest open.</item>
    /// </list>
    /// A move falls at a point of its window fixed by the case, never before the case was opened or after now.
    /// </summary>
    internal static Plan PlanFor(string partnerId, string caseId, DateTimeOffset openedAt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var share = Share(caseId);
        var inTime = InTimeShare(partnerId);
        var within = (share * 37 % 100 + 0.5) / 100; // a second number from the case, spread over (0, 1)
        DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) => from + (to - from) * within;

        if (dueAt > now)
            return share < inTime / 2 ? new(Step.Close, Between(openedAt, now))
                : share < inTime / 2 + 20 ? new(Step.Start, Between(openedAt, now))
                : new(Step.Leave, now);
        if (dueAt < now - Backlog)
            return share < inTime ? new(Step.Close, Between(openedAt, dueAt)) : new(Step.Close, Between(dueAt, dueAt + LateBy));
        return share < inTime - 25 ? new(Step.Close, Between(openedAt, dueAt))
            : share < inTime - 10 ? new(Step.Close, Between(dueAt, now))
            : share < inTime + 5 ? new(Step.Start, Between(openedAt, dueAt))
            : new(Step.Leave, now);
    }

    /// <summary>Out of 100: the partner's cases closed in time (of those due a while ago). The featured partners close four
    /// in five in time; the sixty small ones from 40 to 94 in 100, so back office's list sorted by rate has a spread.</summary>
    internal static int InTimeShare(string partnerId) =>
        DemoPartners.Featured.Contains(partnerId) ? 80 : 40 + Math.Max(0, IndexOf(DemoPartners.Small, partnerId)) * 37 % 55;

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

    /// <summary>The partner's open and in-progress cases of every quarter, oldest due first, all pages, as the API lists them.</summary>
    private static async Task<List<CaseView>> ToWorkAsync(IDocumentStore store, Caller caller, TimeProvider clock, string partnerId, CancellationToken ct)
    {
        var cases = new List<CaseView>();
        string? after = null;
        await using var session = store.QuerySession();
        do
        {
            var page = await ListCases.HandleAsync(new CaseQuery(partnerId, null, null, null, after, ListCases.MaxLimit.ToString(CultureInfo.InvariantCulture),
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
