using System.Net;
using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// One id rule everywhere (ADR 0029): ASCII letters, digits and <c>- _ . :</c>, starting with a letter or a digit. A
/// valid id with one flaw (a trailing line feed, which .NET's <c>$</c> once let through; a control character; a letter from
/// another script that looks like a Latin one; an invisible character) is 400 wherever it comes in, in the path or in a
/// body, and nothing is stored.
/// </summary>
public sealed class IdentifierTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Flaws appended to a valid id.</summary>
    public static TheoryData<string> Flaws => new()
    {
        "\n", "\r\n", "\t", "\u0085", "\u001b[0m", " ",
        "\u0430", // Cyrillic а
        "\uFF41", // fullwidth ａ
        "\u00E9", // é
        "\u200B", // zero-width space
        "/x", "#",
    };

    [Theory, MemberData(nameof(Flaws))]
    public async Task A_partner_id_with_a_flaw_in_the_path_is_400_even_on_a_retry_and_nothing_is_stored(string flaw)
    {
        var id = PortalHost.NewId("p");
        using var admin = host.Admin();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var response = await admin.PutAsJsonAsync($"/api/v1/partners/{Uri.EscapeDataString(id + flaw)}", new { name = "X", shops = Array.Empty<object>() }, Ct);
            Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors("partnerId"));
        }
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from partners.mt_doc_partner where id like $1", id + "%"));
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from audit.mt_doc_auditentry where data ->> 'subject' like $1", "%" + id + "%"));
    }

    [Theory, MemberData(nameof(Flaws))]
    public async Task Ids_with_a_flaw_in_the_path_are_400_before_anything_is_read(string flaw)
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        foreach (var url in new[]
                 {
                     $"/api/v1/partners/{Uri.EscapeDataString(partnerId + flaw)}",
                     $"/api/v1/surveys/responses/{Uri.EscapeDataString("r-1" + flaw)}",
                     $"/api/v1/jobs/{Uri.EscapeDataString("1" + flaw)}",
                     $"/api/v1/training/sessions/{Uri.EscapeDataString("ts-1" + flaw)}",
                     $"/api/v1/training/coaching-bookings/{Uri.EscapeDataString("cb-1" + flaw)}",
                     $"/api/v1/training/partners/{Uri.EscapeDataString(partnerId + flaw)}/wkz",
                     $"/api/v1/scoring/partners/{Uri.EscapeDataString(partnerId + flaw)}/summary?quarter=2023-Q2",
                 })
        {
            var response = await admin.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            await response.ProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    [Theory, MemberData(nameof(Flaws))]
    public async Task Ids_with_a_flaw_in_a_body_are_refused_field_by_field_and_nothing_is_stored(string flaw)
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var failures = new List<string>();

        var shop = PortalHost.NewId("s") + flaw;
        await Expect400("PUT partner shops[0].shopId", await admin.PutAsJsonAsync($"/api/v1/partners/{PortalHost.NewId("p")}",
            new { name = "X", shops = new[] { new { shopId = shop, name = "Shop", city = "Köln" } } }, Ct), "shops[0].shopId");

        var responseId = PortalHost.NewId("r") + flaw;
        await Expect400("POST response responseId", await admin.PostAsJsonAsync("/api/v1/surveys/responses",
            Surveys.SurveyData.Response(responseId, partnerId, shops[0]), Ct), "responseId");
        await Expect400("POST response partnerId", await admin.PostAsJsonAsync("/api/v1/surveys/responses",
            Surveys.SurveyData.Response(PortalHost.NewId("r"), partnerId + flaw), Ct), "partnerId");
        await Expect400("POST response shopId", await admin.PostAsJsonAsync("/api/v1/surveys/responses",
            Surveys.SurveyData.Response(PortalHost.NewId("r"), partnerId, shops[0] + flaw), Ct), "shopId");
        var transaction = Surveys.SurveyData.Response(PortalHost.NewId("r"), partnerId, shops[0]);
        transaction["transactionId"] = "t-1" + flaw;
        await Expect400("POST response transactionId", await admin.PostAsJsonAsync("/api/v1/surveys/responses", transaction, Ct), "transactionId");

        var transactionId = PortalHost.NewId("t") + flaw;
        await ExpectRejected("transactions transactionId", await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new
        {
            items = new[] { new { transactionId, partnerId, shopId = shops[0], category = "mobile", occurredAt = "2023-05-02T10:00:00+02:00" } },
        }, Ct), "transactionId");
        await ExpectRejected("transactions shopId", await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new
        {
            items = new[] { new { transactionId = PortalHost.NewId("t"), partnerId, shopId = shops[0] + flaw, category = "mobile", occurredAt = "2023-05-02T10:00:00+02:00" } },
        }, Ct), "shopId");
        await ExpectRejected("transactions partnerId", await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new
        {
            items = new[] { new { transactionId = PortalHost.NewId("t"), partnerId = partnerId + flaw, category = "mobile", occurredAt = "2023-05-02T10:00:00+02:00" } },
        }, Ct), "partnerId");
        await Expect400("booking shopId", await admin.PostAsJsonAsync("/api/v1/training/coaching-bookings",
            new { partnerId, shopId = shops[0] + flaw, date = "2034-06-15", topic = "sales-conversation", days = 1, participants = 2 }, Ct), "shopId");

        var completionId = PortalHost.NewId("c");
        foreach (var field in new[] { "completionId", "personId", "courseId" })
        {
            var item = new Dictionary<string, string>
            {
                ["completionId"] = completionId, ["partnerId"] = partnerId, ["personId"] = "person-1", ["courseId"] = "course-1",
                ["completedAt"] = "2034-02-01T10:00:00+01:00",
            };
            item[field] += flaw;
            await ExpectRejected($"completions {field}", await admin.PostAsJsonAsync("/api/v1/training/elearning-completions/batch", new { items = new[] { item } }, Ct), field);
        }

        var sessionId = (await (await admin.PostAsJsonAsync("/api/v1/training/sessions",
            new { title = "Perfect Pitch", date = "2034-03-01", place = "Köln", seats = 5 }, Ct)).JsonAsync(HttpStatusCode.Created)).GetProperty("sessionId").GetString();
        await Expect400("registration personId", await admin.PostAsJsonAsync($"/api/v1/training/sessions/{sessionId}/registrations",
            new { partnerId, personId = "person-1" + flaw }, Ct), "personId");
        await Expect400("attendance", await admin.PostAsJsonAsync($"/api/v1/training/sessions/{sessionId}/attendance",
            new { attended = new[] { "person-1" + flaw } }, Ct), "attended[0]");
        await Expect400("POST users partnerId", await admin.PostAsJsonAsync("/api/v1/users",
            new { email = $"{PortalHost.NewId("u")}@example.test", password = "Correct-Horse-42", displayName = "X", role = Roles.Partner, partnerId = partnerId + flaw }, Ct),
            "partnerId");
        await Expect400("POST api-keys partnerId", await admin.PostAsJsonAsync("/api/v1/api-keys",
            new { name = "X", scopes = new[] { Scopes.PartnersRead }, partnerId = partnerId + flaw }, Ct), "partnerId");

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from partners.mt_doc_shopownership where id = $1", shop));
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from surveys.mt_doc_surveyresponse where id = $1", responseId));
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from incentives.mt_doc_salestransaction where id = $1", transactionId));
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from training.mt_doc_elearningcompletion where id like $1", completionId + "%"));
        return;

        async Task Expect400(string what, HttpResponseMessage response, string field)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains($"\"{field}\"", StringComparison.Ordinal))
                failures.Add($"{what}: {(int)response.StatusCode} {body}");
        }

        async Task ExpectRejected(string what, HttpResponseMessage response, string field)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains("\"rejected\":1", StringComparison.Ordinal) || !body.Contains($"\"{field}\"", StringComparison.Ordinal))
                failures.Add($"{what}: {(int)response.StatusCode} {body}");
        }
    }

    [Fact]
    public async Task A_created_partner_is_located_by_its_escaped_id_and_ids_may_hold_colons()
    {
        var id = "p:" + Guid.NewGuid().ToString("N")[..12];
        using var admin = host.Admin();
        var created = await admin.PutAsJsonAsync($"/api/v1/partners/{Uri.EscapeDataString(id)}", new { name = "Mit Doppelpunkt", shops = Array.Empty<object>() }, Ct);
        await created.EnsureStatus(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/partners/{Uri.EscapeDataString(id)}", created.Headers.Location!.OriginalString);
        var read = await (await admin.GetAsync(created.Headers.Location, Ct)).JsonAsync();
        Assert.Equal(id, read.GetProperty("partnerId").GetString());
    }
}
