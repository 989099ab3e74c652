using PartnerPortal.FollowUps.Cases;
using PartnerPortal.FollowUps.Demo;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.UnitTests;

/// <summary>The showcase's follow-up work (ADR 0043): what it closes a case with passes the close rules (else the first
/// start would fail), names the root cause the customer's comment names, and which case is worked is fixed by its id.</summary>
public sealed class ShowcaseCasesTests
{
    [Theory]
    [InlineData("Über 25 Minuten gewartet, obwohl nur zwei Kunden vor mir waren.", "waiting-time")]
    [InlineData("37 Minuten in der Warteschleife und dann aus der Leitung geflogen.", "waiting-time")]
    [InlineData("Seit Wochen schlechter Empfang in Bonn, im Laden hieß es nur, da könne man nichts machen.", "network")]
    [InlineData("Auf der ersten Rechnung standen Posten, die mir niemand erklärt hatte.", "billing")]
    [InlineData("Unfreundlich und genervt, als ich nach einer Kündigung gefragt habe.", "friendliness")]
    [InlineData("Mir wurde ein teurer Tarif aufgeschwatzt, den ich gar nicht brauche.", "price-tariff")]
    [InlineData("Das iPhone wurde falsch eingerichtet, ich musste zweimal wiederkommen.", "product")]
    [InlineData("Die Beratung war oberflächlich, meine Fragen zum Vertrag blieben offen.", "advice")]
    [InlineData("Der zugesagte Rückruf kam nie, ich fühle mich im Stich gelassen.", "advice")]
    public void A_comment_names_the_root_cause(string comment, string rootCause) =>
        Assert.Equal(rootCause, ShowcaseCases.Work(comment, 42).RootCause);

    [Fact]
    public void Every_close_the_showcase_makes_passes_the_close_rules()
    {
        string?[] comments = [null, "", "Die Bestellung hing tagelang im Status „in Bearbeitung“, niemand konnte helfen.", "Rechnung", "Netz", "gewartet"];
        foreach (var comment in comments)
            for (var share = 0; share < 100; share++)
            {
                var (rootCause, action, note) = ShowcaseCases.Work(comment, share);
                Assert.Null(CloseCase.Validate(new CloseCaseRequest(rootCause, action, note)));
            }
        // Every chosen root cause but one the comments rarely name, and every action, occur.
        var made = comments.SelectMany(c => Enumerable.Range(0, 100).Select(s => ShowcaseCases.Work(c, s))).ToArray();
        Assert.Equal(CaseActions.All.Order(StringComparer.Ordinal), made.Select(m => m.Action).Distinct().Order(StringComparer.Ordinal));
        Assert.True(made.Select(m => m.RootCause).Distinct().Count() >= 6);
    }

    [Fact]
    public void Which_case_is_worked_is_fixed_by_its_id_and_spread_evenly()
    {
        // FNV-1a of the id, not string.GetHashCode (which changes from process to process): a run stopped halfway must
        // finish the same work when the next start runs it again. The values as a reference FNV-1a (over UTF-16 code
        // units) gives them, computed outside .NET.
        Assert.Equal(37, ShowcaseCases.Share("dm-20261015-017"));
        Assert.Equal(57, ShowcaseCases.Share("Kölner Straße"));
        Assert.Equal((int)(2166136261 % 100), ShowcaseCases.Share(""));
        var deciles = Enumerable.Range(0, 20_000).Select(i => ShowcaseCases.Share($"dm-2026{i:D6}")).GroupBy(s => s / 10).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, deciles.Count);
        Assert.All(deciles.Values, n => Assert.InRange(n, 1_700, 2_300));
    }

    [Fact]
    public void The_small_partners_close_different_shares_in_time()
    {
        var small = DemoPartners.Small.Select(ShowcaseCases.InTimeShare).ToArray();
        Assert.All(small, s => Assert.InRange(s, 40, 94));
        Assert.True(small.Max() - small.Min() >= 40);
        Assert.All(DemoPartners.Featured, p => Assert.Equal(80, ShowcaseCases.InTimeShare(p)));
    }

    /// <summary>A year of cases, one opened every 40 minutes up to now and due by <see cref="DueDates"/>: what the partner
    /// did with each, and when.</summary>
    [Theory]
    [InlineData("p-1001")]
    [InlineData("p-1002")]
    [InlineData("p-1101")]
    public void Every_move_falls_between_the_opening_and_now_and_only_the_last_week_is_left_overdue(string partnerId)
    {
        var now = new DateTimeOffset(2026, 11, 26, 14, 30, 0, TimeSpan.Zero); // a Thursday
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 13_000; i++)
        {
            var openedAt = i == 0 ? now : now.AddMinutes(-40 * i);
            var dueAt = DueDates.DueAt(openedAt);
            var caseId = $"dm-{i:D6}";
            var plan = ShowcaseCases.PlanFor(partnerId, caseId, openedAt, dueAt, now);
            Assert.Equal(plan, ShowcaseCases.PlanFor(partnerId, caseId, openedAt, dueAt, now));
            if (plan.Step != ShowcaseCases.Step.Leave) Assert.InRange(plan.At, openedAt, now);
            var age = dueAt > now ? "not due" : dueAt < now - ShowcaseCases.Backlog ? "settled" : "last week";
            var what = plan.Step switch
            {
                ShowcaseCases.Step.Close => plan.At <= dueAt ? "in time" : "late",
                ShowcaseCases.Step.Start => "in progress",
                _ => "open",
            };
            if (age == "settled") Assert.Equal(ShowcaseCases.Step.Close, plan.Step);
            if (age == "not due") Assert.NotEqual("late", what);
            counts[$"{age}: {what}"] = counts.GetValueOrDefault($"{age}: {what}") + 1;
        }
        // Every kind of case the pages show occurs, and the share closed in time of the settled ones is the partner's.
        foreach (var kind in new[] { "settled: in time", "settled: late", "last week: in time", "last week: late", "last week: in progress",
                     "last week: open", "not due: in time", "not due: in progress", "not due: open" })
            Assert.True(counts.GetValueOrDefault(kind) > 0, $"{partnerId}: no case '{kind}'");
        var settled = counts["settled: in time"] + counts["settled: late"];
        Assert.InRange(100.0 * counts["settled: in time"] / settled, ShowcaseCases.InTimeShare(partnerId) - 3, ShowcaseCases.InTimeShare(partnerId) + 3);
    }
}
