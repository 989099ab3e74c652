using System.Net;
using System.Net.Http.Json;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Foundation;

/// <summary>
/// <c>/protokoll</c> as a person reads it (issue 18, ADR 0045): actors by name (a user's, a key's), actions as German or
/// English labels, never <c>user:…</c>, <c>key:…</c> or <c>statement.approved</c> where a person reads; filtered by who,
/// action, partner and days. Owns 2082-Q1; partner ids <c>mo-</c>.
/// </summary>
public sealed class AuditLogPageTests(PortalHost host)
{
    private const string Quarter = "2082-Q1";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_log_names_people_and_keys_labels_actions_in_both_languages_and_filters_by_who_and_day()
    {
        using var admin = host.Admin();
        var partnerId = PortalHost.NewId("mo");
        await (await admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}", new
        {
            name = "Protokoll Partner GmbH", shops = new[] { new { shopId = PortalHost.NewId("mos"), name = "Laden", city = "Trier" } },
        }, Ct)).EnsureStatus(HttpStatusCode.Created);
        // A key with a name saves the plan; a back-office person with a name approves the statement.
        var keyName = "Planungs-Werkzeug " + PortalHost.NewId("k")[2..];
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = keyName, scopes = new[] { Scopes.PlansWrite } }, Ct))
            .JsonAsync(HttpStatusCode.Created);
        using (var key = host.WithKey(created.GetProperty("key").GetString()!))
            await (await key.PutAsJsonAsync($"/api/v1/incentives/plans/{Quarter}", new { baseRates = new { mobile = 10m, @fixed = 5m } }, Ct))
                .EnsureStatus(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/incentives/transactions/batch", new
        {
            items = new[] { new { transactionId = PortalHost.NewId("mot"), partnerId, category = "mobile", occurredAt = "2082-02-01T10:00:00+01:00" } },
        }, Ct)).JsonAsync();
        Assert.Equal("succeeded", (await host.RunJobAsync("/api/v1/incentives/recalculations", Quarter)).GetProperty("state").GetString());
        var person = "Petra Prüfer " + PortalHost.NewId("x")[2..];
        var email = $"{PortalHost.NewId("petra")}@example.test";
        await (await admin.PostAsJsonAsync("/api/v1/users", new { email, password = "Correct-Horse-42", displayName = person, role = Roles.BackOffice }, Ct))
            .EnsureStatus(HttpStatusCode.Created);
        var (browser, _) = await host.LoginAsync(email, "Correct-Horse-42");
        using var _b = browser;
        var token = await PortalHost.AntiforgeryTokenAsync(browser, $"/provision/freigabe?quarter={Quarter}");
        var approve = await browser.PostAsync($"/provision/freigabe/{Quarter}/{partnerId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["revision"] = "1" }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);

        var log = await browser.GetStringAsync($"/protokoll?partnerId={partnerId}", Ct);
        var table = log[log.IndexOf("data-testid=\"audit\"", StringComparison.Ordinal)..];
        Assert.Contains($"<span translate=\"no\">{person}</span>", table, StringComparison.Ordinal);
        Assert.Contains(">Abrechnung freigegeben<", table, StringComparison.Ordinal);
        Assert.Contains(">Protokoll Partner GmbH<", table, StringComparison.Ordinal);
        Assert.DoesNotContain(">user:", table, StringComparison.Ordinal);
        Assert.DoesNotContain(">statement.approved<", table, StringComparison.Ordinal);

        // Filtered by who: the key's entries under its name, the person's not among them.
        var byKey = await browser.GetStringAsync($"/protokoll?who={Uri.EscapeDataString(keyName)}", Ct);
        var keyTable = byKey[byKey.IndexOf("data-testid=\"audit\"", StringComparison.Ordinal)..];
        Assert.Contains($"API-Schlüssel <span translate=\"no\">„{keyName}“</span>", keyTable, StringComparison.Ordinal);
        Assert.Contains(">Provisionsplan gespeichert<", keyTable, StringComparison.Ordinal);
        Assert.DoesNotContain(person, keyTable, StringComparison.Ordinal);
        Assert.DoesNotContain(">key:", keyTable, StringComparison.Ordinal);
        var byPerson = await browser.GetStringAsync($"/protokoll?who={Uri.EscapeDataString(person)}", Ct);
        Assert.Contains(">Abrechnung freigegeben<", byPerson, StringComparison.Ordinal);
        Assert.DoesNotContain(keyName, byPerson, StringComparison.Ordinal);

        // By day (Berlin): nothing from tomorrow on; today's entries up to today.
        var today = BerlinTime.ToLocal(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = BerlinTime.ToLocal(DateTimeOffset.UtcNow).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Keine Einträge.", await browser.GetStringAsync($"/protokoll?partnerId={partnerId}&from={tomorrow}", Ct), StringComparison.Ordinal);
        Assert.Contains(">Abrechnung freigegeben<", await browser.GetStringAsync($"/protokoll?partnerId={partnerId}&from={today}&to={today}", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/protokoll?from=gestern", Ct)).StatusCode);

        // Every action the portal records has a label in the filter (none shown as its code), and English has its own.
        var actions = typeof(AuditActions).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToArray();
        foreach (var action in actions)
        {
            Assert.Contains($"<option value=\"{action}\"", log, StringComparison.Ordinal);
            Assert.DoesNotContain($"<option value=\"{action}\">{action}<", log, StringComparison.Ordinal);
        }
        var english = await browser.GetAsync("/sprache/en?returnUrl=/protokoll", Ct);
        Assert.Equal(HttpStatusCode.Redirect, english.StatusCode);
        var inEnglish = await browser.GetStringAsync($"/protokoll?partnerId={partnerId}", Ct);
        Assert.Contains(">Statement approved<", inEnglish, StringComparison.Ordinal);
    }
}
