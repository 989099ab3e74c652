using System.Net;
using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Surveys.AppealTests;

namespace PartnerPortal.IntegrationTests.Surveys;

/// <summary>
/// The appeal pages: a partner appeals from Kundenstimmen through the form and follows it in "Meine Einsprüche"; back
/// office decides in the inbox; the approval list shows open appeals. Quarters of 2047, as <see cref="AppealTests"/>.
/// </summary>
public sealed class AppealPageTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await PortalHost.AntiforgeryTokenAsync(client, page);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
    }

    /// <summary>The statement's latest revision, as the approval's confirmation carries it (ADR 0045).</summary>
    private static async Task<string> RevisionAsync(HttpClient admin, string partner) =>
        (await (await admin.GetAsync($"/api/v1/incentives/statements/{Q1}/{partner}", Ct)).JsonAsync()).GetProperty("revision").GetInt32()
        .ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<long> AppealCountAsync(string responseId) =>
        host.ScalarAsync<long>("select count(*) from surveys.mt_doc_appeal where response_id = $1", responseId);

    [Fact]
    public async Task A_partner_appeals_from_Kundenstimmen_back_office_accepts_in_the_inbox_and_the_response_shows_excluded()
    {
        var (partner, ids, _) = await PartnerAsync(host, InQ2);
        var (_, otherIds, _) = await PartnerAsync(host, InQ2);
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partner);
        var (user, _) = await host.LoginAsync(email, password);
        using var _u = user;

        var comments = await user.GetStringAsync("/kundenstimmen?quarter=2047-Q2", Ct);
        var form = $"/kundenstimmen/{ids[0]}/einspruch";
        Assert.Contains($"href=\"{form}\"", comments);
        var page = await user.GetStringAsync(form, Ct);
        Assert.Contains("Einspruchsfrist bis 14.07.2047", page);
        Assert.Contains($"Kommentar 0 zu {partner}", page);

        // Another partner's response: no page, no appeal.
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync($"/kundenstimmen/{otherIds[0]}/einspruch", Ct)).StatusCode);
        var foreign = await PostFormAsync(user, form, $"/kundenstimmen/{otherIds[0]}/einspruch", new() { ["Reason"] = "abusive", ["Text"] = "" });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        // Invalid input comes back as the form with the field's message, and nothing is stored.
        var missing = await PostFormAsync(user, form, form, new() { ["Reason"] = "", ["Text"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("id=\"error-reason\"", await missing.Content.ReadAsStringAsync(Ct));
        var tooShort = await PostFormAsync(user, form, form, new() { ["Reason"] = "other", ["Text"] = "kurz" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        var tooShortPage = await tooShort.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"error-text\"", tooShortPage);
        Assert.Contains("kurz</textarea>", tooShortPage); // what was typed stays
        Assert.Equal(0, await AppealCountAsync(ids[0]));
        Assert.Equal(0, await AppealCountAsync(otherIds[0]));

        var filed = await PostFormAsync(user, form, form, new() { ["Reason"] = "other", ["Text"] = "Das war unser Azubi beim Testkauf." });
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        Assert.Equal("/einsprueche?meldung=eingelegt", filed.Headers.Location?.OriginalString);
        var mine = await user.GetStringAsync("/einsprueche?meldung=eingelegt", Ct);
        Assert.Contains("Ihr Einspruch ist eingegangen", mine);
        Assert.Contains($"data-response=\"{ids[0]}\"", mine);
        Assert.Contains(">offen<", mine);
        Assert.Contains("14.07.2047", mine);
        var again = await PostFormAsync(user, form, form, new() { ["Reason"] = "abusive", ["Text"] = "" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("bereits Einspruch eingelegt", await again.Content.ReadAsStringAsync(Ct));
        comments = await user.GetStringAsync("/kundenstimmen?quarter=2047-Q2", Ct);
        Assert.DoesNotContain($"href=\"{form}\"", comments);
        Assert.Contains($"href=\"/kundenstimmen/{ids[1]}/einspruch\"", comments);

        // Back office: the inbox, filtered to the partner; a rejection needs a note; accepting excludes the response.
        var (boEmail, boPassword) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (backOffice, _) = await host.LoginAsync(boEmail, boPassword);
        using var _b = backOffice;
        var inboxPath = $"/einsprueche?partnerId={partner}";
        var inbox = await backOffice.GetStringAsync(inboxPath, Ct);
        Assert.Contains("Das war unser Azubi beim Testkauf.", inbox);
        using var admin = host.Admin();
        var appealId = (await (await admin.GetAsync($"/api/v1/surveys/appeals?partnerId={partner}", Ct)).JsonAsync())
            .GetProperty("items")[0].GetProperty("appealId").GetString()!;
        var decide = $"/einsprueche/{appealId}/entscheidung";
        Assert.Contains($"action=\"{decide}\"", inbox);
        // A partner may not decide (no surveys:review), not even its own appeal.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(user, "/einsprueche", decide, new() { ["Decision"] = "accepted", ["Note"] = "" })).StatusCode);

        var noNote = await PostFormAsync(backOffice, inboxPath, decide, new() { ["Decision"] = "rejected", ["Note"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Contains($"id=\"error-note-{appealId}\"", await noNote.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_appealdecision where id = $1", appealId));

        var accepted = await PostFormAsync(backOffice, inboxPath, decide, new() { ["Decision"] = "accepted", ["Note"] = "" });
        Assert.Equal("/einsprueche?meldung=angenommen", accepted.Headers.Location?.OriginalString);
        var twice = await PostFormAsync(backOffice, inboxPath, decide, new() { ["Decision"] = "rejected", ["Note"] = "zu spät" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.DoesNotContain(appealId, await backOffice.GetStringAsync(inboxPath, Ct)); // the inbox shows open appeals by default
        Assert.Contains(appealId, await backOffice.GetStringAsync(inboxPath + "&status=accepted", Ct));

        mine = await user.GetStringAsync("/einsprueche", Ct);
        Assert.Contains(">angenommen<", mine);
        comments = await user.GetStringAsync("/kundenstimmen?quarter=2047-Q2", Ct);
        var item = comments[comments.IndexOf($"data-response=\"{ids[0]}\"", StringComparison.Ordinal)..];
        item = item[..item.IndexOf("</li>", StringComparison.Ordinal)];
        Assert.Contains("data-testid=\"excluded\"", item);
        Assert.Contains("ausgeschlossen", item);

        // And in English.
        await user.GetAsync("/sprache/en?returnUrl=%2Feinsprueche", Ct);
        mine = await user.GetStringAsync("/einsprueche", Ct);
        Assert.Contains("My appeals", mine);
        Assert.Contains(">accepted<", mine);
    }

    [Fact]
    public async Task The_approval_list_shows_open_appeals_per_partner_and_refuses_to_approve_over_them()
    {
        await EnsureQ1PlanAsync(host);
        var (partner, ids, key) = await PartnerAsync(host, InQ1);
        using var admin = host.Admin();
        await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new
        {
            items = new[] { new { transactionId = PortalHost.NewId("t"), partnerId = partner, category = "mobile", occurredAt = "2047-02-05T10:00:00+01:00" } },
        }, Ct)).JsonAsync();
        Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/incentives/recalculations", Q1)).GetProperty("state").GetString());
        using var client = host.WithKey(key);
        var appealId = await FileAsync(client, ids[0]);

        var (boEmail, boPassword) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (backOffice, _) = await host.LoginAsync(boEmail, boPassword);
        using var _b = backOffice;
        var list = $"/provision/freigabe?quarter={Q1}";
        var html = await backOffice.GetStringAsync(list, Ct);
        var row = html[html.IndexOf($"data-partner=\"{partner}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("1 offen", row);
        Assert.Contains(appealId, row);
        Assert.DoesNotContain("Freigeben", row);

        var refused = await PostFormAsync(backOffice, list, $"/provision/freigabe/{Q1}/{partner}", new() { ["revision"] = await RevisionAsync(admin, partner) });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("wenn alle Einsprüche entschieden sind", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal("draft", (await (await admin.GetAsync($"/api/v1/incentives/statements/{Q1}/{partner}", Ct)).JsonAsync()).GetProperty("status").GetString());

        await (await DecideAsync(admin, appealId, "rejected", "Kein Anhaltspunkt")).JsonAsync();
        var approved = await PostFormAsync(backOffice, list, $"/provision/freigabe/{Q1}/{partner}", new() { ["revision"] = await RevisionAsync(admin, partner) });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
    }
}
