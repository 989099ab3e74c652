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
        // finish the same work when the next start runs it again.
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
    public void The_small_partners_work_different_shares_and_the_featured_ones_leave_cases_to_work()
    {
        var small = DemoPartners.Small.Select(p => ShowcaseCases.Shares(p, runningQuarter: true)).ToArray();
        Assert.All(small, s => Assert.InRange(s.Closed, 20, 94));
        Assert.True(small.Max(s => s.Closed) - small.Min(s => s.Closed) >= 50);
        foreach (var featured in DemoPartners.Featured)
            foreach (var running in new[] { true, false })
            {
                var (closed, started) = ShowcaseCases.Shares(featured, running);
                Assert.True(closed < started && started < 100, $"{featured}: nothing left open or in progress");
            }
    }
}
