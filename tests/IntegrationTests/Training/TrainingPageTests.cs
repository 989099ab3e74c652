using System.Net;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Training.TrainingData;

namespace PartnerPortal.IntegrationTests.Training;

/// <summary>The Schulungen pages: a partner books through the form, back office confirms and delivers, WKZ moves.</summary>
public sealed class TrainingPageTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await PortalHost.AntiforgeryTokenAsync(client, page);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
    }

    [Fact]
    public async Task A_partner_books_through_the_form_and_back_office_confirms_and_delivers_it_charging_WKZ()
    {
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(DateTimeOffset.UtcNow));
        await EnsureProgrammeAsync(host, today.Year);
        await EnsureProgrammeAsync(host, today.Year + 1);
        var (partnerId, shops) = await host.CreatePartnerAsync(shops: 2);
        using var admin = host.Admin();
        await AllocateAsync(admin, partnerId, 2000m);
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var (partner, _) = await host.LoginAsync(email, password);
        using var _p = partner;

        var page = await partner.GetStringAsync("/schulungen", Ct);
        Assert.Contains("2.000,00 €", page); // available WKZ in German format
        var booked = await PostFormAsync(partner, "/schulungen", "/schulungen/buchen", new()
        {
            ["ShopId"] = shops[1], ["Date"] = today.ToString("yyyy-MM-dd"), ["Topic"] = "sales-conversation", ["Days"] = "1.0",
            ["Participants"] = "4", ["WkzPercent"] = "50",
        });
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal("/schulungen?meldung=gebucht", booked.Headers.Location?.OriginalString);
        page = await partner.GetStringAsync("/schulungen?meldung=gebucht", Ct);
        Assert.Contains("Ihre Coaching-Anfrage ist eingegangen.", page);
        Assert.Contains("1.722,22 €", page); // 2,000 − 277.78 earmarked for the open booking
        var bookings = (await (await admin.GetAsync($"/api/v1/training/coaching-bookings?partnerId={partnerId}", Ct)).JsonAsync()).GetProperty("items");
        var bookingId = bookings[0].GetProperty("bookingId").GetString()!;
        Assert.Equal(shops[1], bookings[0].GetProperty("shopId").GetString());

        // Invalid input comes back as the page with the field's message, and nothing is stored.
        var invalid = await PostFormAsync(partner, "/schulungen", "/schulungen/buchen", new()
        {
            ["ShopId"] = shops[0], ["Date"] = today.AddDays(7).ToString("yyyy-MM-dd"), ["Topic"] = "sales-conversation", ["Days"] = "0.75",
            ["Participants"] = "4", ["WkzPercent"] = "0",
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("id=\"error-days\"", await invalid.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, (await (await admin.GetAsync($"/api/v1/training/coaching-bookings?partnerId={partnerId}", Ct)).JsonAsync()).GetProperty("items").GetArrayLength());

        var (boEmail, boPassword) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (backOffice, _) = await host.LoginAsync(boEmail, boPassword);
        using var _b = backOffice;
        Assert.Contains(bookingId, await backOffice.GetStringAsync("/schulungen/programm", Ct));
        var confirmed = await PostFormAsync(backOffice, "/schulungen/programm", $"/schulungen/programm/buchungen/{bookingId}/bestaetigen", []);
        Assert.Equal("/schulungen/programm?meldung=bestaetigt", confirmed.Headers.Location?.OriginalString);
        // Delivering is a confirm step first (what WKZ pays, what is invoiced), then the post of exactly that (ADR 0046).
        var step = $"/schulungen/programm/buchungen/{bookingId}/durchfuehren";
        var confirmPage = await backOffice.GetStringAsync(step + "?WkzPercent=50", Ct);
        Assert.Contains("277,78", confirmPage);
        var fields = new Dictionary<string, string>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(confirmPage, "<input type=\"hidden\" name=\"(Version|WkzEur|InvoiceEur|WkzPercent)\" value=\"([^\"]*)\""))
            fields[m.Groups[1].Value] = m.Groups[2].Value;
        var delivered = await PostFormAsync(backOffice, step + "?WkzPercent=50", step, new(fields));
        Assert.Equal("/schulungen/programm?meldung=durchgefuehrt", delivered.Headers.Location?.OriginalString);
        var again = await PostFormAsync(backOffice, "/schulungen/programm", step, new(fields));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        page = await partner.GetStringAsync("/schulungen", Ct);
        Assert.Contains("-277,78 €", page);    // the ledger's charge
        Assert.Contains("1.722,22 €", page);   // the balance after it
        Assert.Contains("durchgeführt", page);
    }

    [Fact]
    public async Task A_partner_cannot_open_the_programme_view_or_post_without_the_antiforgery_token()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var (partner, _) = await host.LoginAsync(email, password);
        using var _p = partner;
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/schulungen/programm", Ct)).StatusCode);
        var token = await PortalHost.AntiforgeryTokenAsync(partner, "/schulungen");
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsync("/schulungen/programm/wkz", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["PartnerId"] = partnerId, ["AmountEur"] = "1000", ["Reason"] = "selbst",
        }), Ct)).StatusCode);
        var withoutToken = await partner.PostAsync("/schulungen/buchen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ShopId"] = shops[0], ["Date"] = "2099-01-01", ["Topic"] = "sales-conversation", ["Days"] = "1", ["Participants"] = "2",
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        using var admin = host.Admin();
        Assert.Equal(0, (await (await admin.GetAsync($"/api/v1/training/partners/{partnerId}/wkz", Ct)).JsonAsync()).GetProperty("entries").GetArrayLength());
    }
}
