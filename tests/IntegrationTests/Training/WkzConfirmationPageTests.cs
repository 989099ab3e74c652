using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Training.TrainingData;

namespace PartnerPortal.IntegrationTests.Training;

/// <summary>
/// The Schulungen pages' money (ADR 0046): each booking's earmark and expected invoice, the price preview on the request
/// form, and the confirm steps of cancelling and delivering, whose posts carry what was shown: a changed booking or
/// balance is 409 and nothing changes. Programme years 2086 and this year (bookings dated today), partners <c>wz-…</c>.
/// </summary>
public sealed partial class WkzConfirmationPageTests(PortalHost host) : IAsyncLifetime
{
    private const int Year = 2086;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = DateOnly.FromDateTime(BerlinTime.ToLocal(DateTimeOffset.UtcNow));

    public async ValueTask InitializeAsync()
    {
        await EnsureProgrammeAsync(host, Year);
        await EnsureProgrammeAsync(host, Today.Year);
        await EnsureProgrammeAsync(host, Today.Year + 1);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<(string PartnerId, string Shop, HttpClient Partner)> PartnerAsync(decimal wkz)
    {
        var (partnerId, shops) = await host.CreatePartnerAsync(prefix: "wz");
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, wkz);
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var (partner, _) = await host.LoginAsync(email, password);
        return (partnerId, shops[0], partner);
    }

    private async Task<HttpClient> BackOfficeAsync()
    {
        var (email, password) = await host.CreateUserAsync(Roles.BackOffice, null);
        return (await host.LoginAsync(email, password)).Client;
    }

    /// <summary>The confirm step's form fields as the page shows them, with its antiforgery token.</summary>
    private static Dictionary<string, string> Fields(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match m in HiddenField().Matches(html)) fields[m.Groups[1].Value] = WebUtility.HtmlDecode(m.Groups[2].Value);
        Assert.Contains("Version", fields.Keys);
        return fields;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields) =>
        await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);

    private static async Task<string> StatusAsync(HttpClient admin, string bookingId) =>
        (await (await admin.GetAsync($"/api/v1/training/coaching-bookings/{bookingId}", Ct)).JsonAsync()).GetProperty("status").GetString()!;

    [Fact]
    public async Task The_partner_page_shows_each_bookings_earmark_and_expected_invoice_and_prices_a_request_before_it_is_sent()
    {
        var (partnerId, shop, partner) = await PartnerAsync(700m);
        using var _ = partner;
        using var admin = host.Admin();
        await BookAsync(admin, partnerId, shop, days: 1m, wkzPercent: 100, date: $"{Year}-03-03"); // holds 555.56
        await BookAsync(admin, partnerId, shop, days: 1m, wkzPercent: 100, date: $"{Year}-03-04"); // holds 144.44, invoice 411.12

        var page = await partner.GetStringAsync("/schulungen", Ct);
        Assert.Contains("144,44 €", page);
        Assert.Contains("411,12 €", page);
        Assert.DoesNotContain("Rechnung 0,00 €", page);

        // "Preis berechnen" posts the form's values to /schulungen/vorschau: the page prices them (2 days, 50 % from WKZ; nothing
        // available) and stores nothing.
        var previewed = await partner.PostAsync("/schulungen/vorschau", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await PortalHost.AntiforgeryTokenAsync(partner, "/schulungen"),
            ["ShopId"] = shop, ["Date"] = $"{Year}-05-05", ["Topic"] = "sales-conversation", ["Days"] = "2.0", ["Participants"] = "4", ["WkzPercent"] = "50",
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        page = await previewed.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"value=\"{Year}-05-05\"", page); // the form as typed, ready to be sent
        Assert.Contains("data-testid=\"preview\"", page);
        Assert.Matches("data-testid=\"preview-total\">2\\.469,14\\s€", page);
        Assert.Matches("data-testid=\"preview-partner\">1\\.111,11\\s€", page);
        Assert.Matches("data-testid=\"preview-earmark\">0,00\\s€", page);
        Assert.Matches("data-testid=\"preview-invoice\">1\\.111,11\\s€", page);
        Assert.Equal(2, (await (await admin.GetAsync($"/api/v1/training/coaching-bookings?partnerId={partnerId}", Ct)).JsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Cancelling_confirms_the_released_earmark_and_a_post_whose_earmark_changed_meanwhile_is_409_and_changes_nothing()
    {
        var (partnerId, shop, partner) = await PartnerAsync(400m);
        using var _ = partner;
        using var admin = host.Admin();
        var id = (await BookAsync(admin, partnerId, shop, days: 1m, wkzPercent: 50, date: $"{Year}-04-07")).GetProperty("bookingId").GetString()!;
        var url = $"/schulungen/buchungen/{id}/stornieren";

        var html = await partner.GetStringAsync(url, Ct);
        Assert.Contains("Partner " + partnerId, html);
        Assert.Contains("07.04.2086", html);
        Assert.Matches("data-testid=\"confirm-days\">1<", html);
        Assert.Matches("data-testid=\"confirm-wkz\">277,78\\s€", html);
        Assert.Matches("data-testid=\"confirm-invoice\">0,00\\s€", html);
        var fields = Fields(html);

        // A post that skipped the confirm step (no amounts) is 400; nothing changes.
        var unconfirmed = await PostAsync(partner, url, new() { ["__RequestVerificationToken"] = fields["__RequestVerificationToken"] });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal("requested", await StatusAsync(admin, id));

        // The balance drops meanwhile: the earmark is 200 now, not the 277.78 confirmed.
        await (await admin.PostAsJsonAsync($"/api/v1/training/partners/{partnerId}/wkz/adjustments", new { amountEur = -200, reason = "Korrektur" }, Ct))
            .EnsureStatus(HttpStatusCode.Created);
        var stale = await PostAsync(partner, url, fields);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var body = await stale.Content.ReadAsStringAsync(Ct);
        Assert.Contains("seit Ihrer Bestätigung geändert", body);
        Assert.Matches("data-testid=\"confirm-wkz\">200,00\\s€", body); // the confirm step again, with today's amount
        Assert.Equal("requested", await StatusAsync(admin, id));
        Assert.Equal(200m, (await WkzAsync(admin, partnerId)).GetProperty("reservedEur").GetDecimal());

        var done = await PostAsync(partner, url, Fields(body));
        Assert.Equal("/schulungen?meldung=storniert", done.Headers.Location?.OriginalString);
        Assert.Equal("cancelled", await StatusAsync(admin, id));
        Assert.Equal(0m, (await WkzAsync(admin, partnerId)).GetProperty("reservedEur").GetDecimal());
    }

    [Fact]
    public async Task Delivering_confirms_the_WKZ_charge_and_invoice_and_a_changed_balance_or_an_early_date_is_409_and_changes_nothing()
    {
        var (partnerId, shop, partner) = await PartnerAsync(1000m);
        partner.Dispose();
        using var admin = host.Admin();
        var id = (await BookAsync(admin, partnerId, shop, days: 1m, wkzPercent: 50, date: Today.ToString("yyyy-MM-dd"))).GetProperty("bookingId").GetString()!;
        var early = (await BookAsync(admin, partnerId, shop, days: 1m, wkzPercent: 50, date: Today.AddDays(3).ToString("yyyy-MM-dd"))).GetProperty("bookingId").GetString()!;
        await ActAsync(admin, id, "confirm");
        await ActAsync(admin, early, "confirm");
        using var backOffice = await BackOfficeAsync();

        var programme = await backOffice.GetStringAsync($"/schulungen/programm?year={Today.Year}", Ct);
        Assert.Contains($"action=\"/schulungen/programm/buchungen/{id}/durchfuehren\"", programme);
        var url = $"/schulungen/programm/buchungen/{id}/durchfuehren";
        var html = await backOffice.GetStringAsync(url + "?WkzPercent=100", Ct);
        Assert.Contains("Partner " + partnerId, html);
        Assert.Contains(Today.ToString("dd.MM.yyyy"), html);
        Assert.Matches("data-testid=\"confirm-wkz\">555,56\\s€", html);
        Assert.Matches("data-testid=\"confirm-invoice\">0,00\\s€", html);
        var fields = Fields(html);
        Assert.Equal("100", fields["WkzPercent"]);

        // The balance drops to 300 meanwhile: WKZ would pay 300 and 255.56 be invoiced, not what was confirmed.
        await (await admin.PostAsJsonAsync($"/api/v1/training/partners/{partnerId}/wkz/adjustments", new { amountEur = -700, reason = "Korrektur" }, Ct))
            .EnsureStatus(HttpStatusCode.Created);
        var stale = await PostAsync(backOffice, url, fields);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var body = await stale.Content.ReadAsStringAsync(Ct);
        Assert.Matches("data-testid=\"confirm-invoice\">255,56\\s€", body);
        Assert.Equal("confirmed", await StatusAsync(admin, id));
        Assert.Equal(300m, (await WkzAsync(admin, partnerId)).GetProperty("balanceEur").GetDecimal());

        var done = await PostAsync(backOffice, url, Fields(body));
        Assert.Equal("/schulungen/programm?meldung=durchgefuehrt", done.Headers.Location?.OriginalString);
        Assert.Equal("delivered", await StatusAsync(admin, id));
        Assert.Equal(0m, (await WkzAsync(admin, partnerId)).GetProperty("balanceEur").GetDecimal());

        // A booking dated in three days: the confirm step already says why not (and offers no button), a post is 409 and changes nothing.
        var earlyUrl = $"/schulungen/programm/buchungen/{early}/durchfuehren";
        var refused = await backOffice.GetStringAsync(earlyUrl, Ct);
        Assert.Contains("erst ab seinem Datum", refused);
        Assert.DoesNotContain("confirm-button", refused);
        var token = await PortalHost.AntiforgeryTokenAsync(backOffice, "/schulungen/programm");
        var posted = await PostAsync(backOffice, earlyUrl, new()
        {
            ["__RequestVerificationToken"] = token, ["Version"] = "2", ["WkzEur"] = "0.00", ["InvoiceEur"] = "555.56", ["WkzPercent"] = "0",
        });
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Contains("erst ab seinem Datum", await posted.Content.ReadAsStringAsync(Ct));
        Assert.Equal("confirmed", await StatusAsync(admin, early));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([A-Za-z_]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
