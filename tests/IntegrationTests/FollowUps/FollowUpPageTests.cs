using System.Net;
using System.Text.RegularExpressions;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.FollowUps.FollowUpData;

namespace PartnerPortal.IntegrationTests.FollowUps;

/// <summary>
/// Rückmeldungen: the partner starts and closes a case through the page's forms (same use cases as the API), a refused
/// close shows its field errors and changes nothing, the rate moves; back office sees every partner's figures and the
/// overdue cases. This class owns 2069-Q3.
/// </summary>
public sealed partial class FollowUpPageTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await PortalHost.AntiforgeryTokenAsync(client, "/rueckmeldungen");
        return await client.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
    }

    [Fact]
    public async Task A_partner_starts_and_closes_a_case_on_Rueckmeldungen_and_back_office_sees_the_figures_and_the_overdue_one()
    {
        var (partner, shop) = await PartnerAsync(host);
        var (other, otherShop) = await PartnerAsync(host);
        var id = PortalHost.NewId("fup");
        // Stored on Monday 2069-09-02: due at the end of Wednesday.
        using (var at = At(host, DateTimeOffset.Parse("2069-09-02T09:00:00+02:00")))
        {
            await BatchAsync(at, [Response($"{id}-1", partner, shop, "2069-09-01T10:00:00+02:00", 1, comment: "Keiner hat mich beraten"),
                Response($"{id}-2", partner, shop, "2069-09-01T11:00:00+02:00", 5, comment: "Lange Schlange"),
                Response($"{id}-x", other, otherShop, "2069-09-01T11:00:00+02:00", 3, comment: "Fremder Kommentar")]);
        }
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partner);
        var (user, _) = await host.LoginAsync(email, password, DateTimeOffset.Parse("2069-09-03T12:00:00+02:00"));
        using var _u = user;

        var page = await user.GetStringAsync("/rueckmeldungen", Ct);
        Assert.Contains("Keiner hat mich beraten", page);
        Assert.Contains("Lange Schlange", page);
        Assert.DoesNotContain("Fremder Kommentar", page);
        Assert.Contains("0,0 %", page);

        var started = await PostFormAsync(user, $"/rueckmeldungen/{id}-1/beginnen", []);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Contains("Der Fall ist in Bearbeitung.", await user.GetStringAsync(started.Headers.Location!.OriginalString, Ct));

        // Without a note: 400, the form again with its message, nothing changed.
        var refused = await PostFormAsync(user, $"/rueckmeldungen/{id}-1/abschliessen", new() { ["RootCause"] = "advice", ["Action"] = "called-back", ["Note"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Bitte beschreiben Sie kurz", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await AuditCountAsync(host, $"{id}-1", "followup.closed"));
        // Another partner's case: 404, unchanged.
        var foreign = await PostFormAsync(user, $"/rueckmeldungen/{id}-x/abschliessen", new() { ["RootCause"] = "advice", ["Action"] = "called-back", ["Note"] = "fremd" });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(0, await AuditCountAsync(host, $"{id}-x", "followup.closed"));

        var closed = await PostFormAsync(user, $"/rueckmeldungen/{id}-1/abschliessen",
            new() { ["RootCause"] = "advice", ["Action"] = "called-back", ["Note"] = "Zurückgerufen und beraten." });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        page = await user.GetStringAsync("/rueckmeldungen", Ct);
        Assert.Contains("Der Fall ist abgeschlossen.", await user.GetStringAsync(closed.Headers.Location!.OriginalString, Ct));
        Assert.DoesNotContain("Keiner hat mich beraten", page);
        Assert.Contains("50,0 %", page);
        // The Übersicht's tile shows the rate too, with the open and overdue cases.
        var overviewTile = await user.GetStringAsync("/uebersicht?quarter=2069-Q3", Ct);
        Assert.Contains("data-testid=\"followup-tile\"", overviewTile);
        Assert.Contains("50,0 %", overviewTile);
        Assert.Contains("1 offen · 0 überfällig", overviewTile);

        // Back office on Thursday: the other open case of the partner is overdue; the partner's row shows 50 %.
        var (boEmail, boPassword) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (backOffice, _) = await host.LoginAsync(boEmail, boPassword, DateTimeOffset.Parse("2069-09-05T12:00:00+02:00"));
        using var _b = backOffice;
        var overview = await backOffice.GetStringAsync("/rueckmeldungen?quarter=2069-Q3&sort=ueberfaellig", Ct);
        Assert.Contains($"data-partner=\"{partner}\"", overview);
        Assert.Contains($"data-case=\"{id}-2\"", overview);
        Assert.Contains($"data-case=\"{id}-x\"", overview);
        Assert.Contains("data-cause=\"advice\"", overview);
        Assert.Contains("50,0 %", overview);
    }

    [Fact]
    public async Task A_mails_link_shows_its_case_first_with_the_form_unfolded_though_it_is_beyond_the_first_page()
    {
        var (partner, shop) = await PartnerAsync(host);
        var (other, otherShop) = await PartnerAsync(host);
        var id = PortalHost.NewId("fuf");
        var late = $"{id}-late";
        // A page of cases stored on Monday 2069-09-09 and one more to close, then the newest on Tuesday: due last, so on page 2.
        using (var at = At(host, DateTimeOffset.Parse("2069-09-09T09:00:00+02:00")))
            await BatchAsync(at, [.. Enumerable.Range(0, PageSize).Select(i => Response($"{id}-{i:D2}", partner, shop, "2069-09-08T10:00:00+02:00", 2, comment: $"Fall {i}")),
                Response($"{id}-closed", partner, shop, "2069-09-08T11:00:00+02:00", 3), Response($"{id}-x", other, otherShop, "2069-09-08T11:00:00+02:00", 3)]);
        using (var at = At(host, DateTimeOffset.Parse("2069-09-10T09:00:00+02:00")))
            await BatchAsync(at, [Response(late, partner, shop, "2069-09-09T18:00:00+02:00", 4, comment: "Der neueste Fall")]);
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partner);
        var (user, _) = await host.LoginAsync(email, password, DateTimeOffset.Parse("2069-09-10T12:00:00+02:00"));
        using var _u = user;
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(user, $"/rueckmeldungen/{id}-closed/abschliessen",
            new() { ["RootCause"] = "advice", ["Action"] = "called-back", ["Note"] = "Erledigt." })).StatusCode);

        // The list alone: a page of the oldest due, without the newest.
        var first = await user.GetStringAsync("/rueckmeldungen", Ct);
        Assert.Equal(PageSize, Cases(first).Count);
        Assert.DoesNotContain(late, Cases(first));

        // The mail's link: the newest first, marked, its form unfolded; the others' forms folded; the page otherwise the same.
        var linked = await user.GetStringAsync($"/rueckmeldungen?fall={late}#fall-{late}", Ct);
        Assert.Equal([late, .. Cases(first)], Cases(linked));
        Assert.Contains($"<tr id=\"fall-{late}\" data-case=\"{late}\" class=\"focused\">", linked);
        Assert.Equal(1, Regex.Count(linked, "<details class=\"close-case\" open"));
        Assert.Contains("Der neueste Fall", linked);

        // A closed case of its own is named so; another partner's case reads as an unknown one, and neither is shown.
        Assert.Contains("Dieser Fall ist bereits abgeschlossen.", await user.GetStringAsync($"/rueckmeldungen?fall={id}-closed", Ct));
        var foreign = await user.GetStringAsync($"/rueckmeldungen?fall={id}-x", Ct);
        var unknown = await user.GetStringAsync($"/rueckmeldungen?fall={id}-unknown", Ct);
        Assert.Contains("Diesen Fall gibt es in Ihren Rückmeldungen nicht.", foreign);
        Assert.Contains("Diesen Fall gibt es in Ihren Rückmeldungen nicht.", unknown);
        Assert.DoesNotContain($"data-case=\"{id}-x\"", foreign);
        Assert.Equal(Cases(first), Cases(foreign));
        Assert.Equal(Cases(unknown), Cases(foreign));

        // Taking it over comes back to it; a refused close shows its errors beside it, first on the page, form unfolded.
        var started = await PostFormAsync(user, $"/rueckmeldungen/{late}/beginnen", []);
        Assert.Equal($"/rueckmeldungen?meldung=begonnen&fall={late}#fall-{late}", started.Headers.Location?.OriginalString);
        var refused = await PostFormAsync(user, $"/rueckmeldungen/{late}/abschliessen", new() { ["RootCause"] = "advice", ["Action"] = "called-back", ["Note"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Equal(late, Cases(html)[0]);
        Assert.Contains("field-error", html);
        Assert.Equal(1, Regex.Count(html, "<details class=\"close-case\" open"));

        // A cursor the page did not give out is refused, not answered with an empty list.
        Assert.Equal(HttpStatusCode.BadRequest, (await user.GetAsync("/rueckmeldungen?after=not-a-cursor", Ct)).StatusCode);
    }

    private const int PageSize = 25; // FollowUpPageEndpoints.PageSize

    /// <summary>The page's cases, in its order.</summary>
    private static List<string> Cases(string html) => [.. CaseRow().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<tr id=\"fall-[^\"]+\" data-case=\"([^\"]+)\"")]
    private static partial Regex CaseRow();
}
