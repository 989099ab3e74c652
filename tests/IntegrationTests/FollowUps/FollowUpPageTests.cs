using System.Net;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.FollowUps.FollowUpData;

namespace PartnerPortal.IntegrationTests.FollowUps;

/// <summary>
/// Rückmeldungen: the partner starts and closes a case through the page's forms (same use cases as the API), a refused
/// close shows its field errors and changes nothing, the rate moves; back office sees every partner's figures and the
/// overdue cases. This class owns 2069-Q3.
/// </summary>
public sealed class FollowUpPageTests(PortalHost host)
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
}
