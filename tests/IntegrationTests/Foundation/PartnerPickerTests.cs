using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Foundation;

/// <summary>
/// Back office's partner pickers (Kundenstimmen, Einsprüche, the WKZ form of the Schulungsprogramm) list at most
/// <see cref="PortalHost.PartnerPickerMax"/> partners on this host. With more partners they do not hide the others: the field
/// takes a partner id as typed, suggests the listed partners, and keeps a chosen partner chosen even when it is not among
/// them. (The select, while every partner fits, is what the UI tests use.)
/// </summary>
public sealed partial class PartnerPickerTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_more_partners_than_a_picker_lists_it_takes_a_typed_id_and_keeps_a_chosen_partner_beyond_the_list()
    {
        // More partners than a picker lists (the host may not have them yet), and one whose name sorts after every other
        // (C collation: 'Ω' is bytes 0xCE 0xA9, after ASCII and Latin-1), so it is never among the listed.
        for (var i = 0; i <= PortalHost.PartnerPickerMax; i++) await host.CreatePartnerAsync(prefix: "pk");
        var last = PartnerPortal.TestSupport.PortalTestHost.NewId("pk");
        using var admin = host.Admin();
        await (await admin.PutAsJsonAsync($"/api/v1/partners/{last}",
            new { name = "Ωmega Mobilfunk " + last, shops = new[] { new { shopId = last + "-s", name = "Shop", city = "Köln" } } }, Ct))
            .EnsureStatus(HttpStatusCode.Created);
        var (email, password) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (backOffice, _) = await host.LoginAsync(email, password);
        using var _b = backOffice;

        foreach (var (path, field, id) in new[] { ("/kundenstimmen", "partner", "partner"), ("/einsprueche", "partnerId", "partner"),
                     ("/schulungen/programm", "PartnerId", "wkz-partner") })
        {
            var html = await backOffice.GetStringAsync(path, Ct);
            var input = Field(html, id);
            Assert.Contains($"name=\"{field}\"", input);
            Assert.Contains("type=\"text\"", input);
            Assert.DoesNotContain($"<select id=\"{id}\"", html);
            Assert.Equal(PortalHost.PartnerPickerMax, Suggestions(html, id).Count);
            Assert.DoesNotContain(last, Suggestions(html, id));
            // A filter may stay empty (all partners); the WKZ form needs a partner.
            Assert.Equal(path == "/schulungen/programm", input.Contains("required", StringComparison.Ordinal));
        }

        // Chosen by id: the filter keeps it (the field shows it, the suggestions name it), and the list is its own.
        foreach (var (path, id) in new[] { ($"/kundenstimmen?partner={last}", "partner"), ($"/einsprueche?partnerId={last}", "partner") })
        {
            var html = await backOffice.GetStringAsync(path, Ct);
            Assert.Contains($"value=\"{last}\"", Field(html, id));
            Assert.Contains(last, Suggestions(html, id));
            Assert.Equal(PortalHost.PartnerPickerMax + 1, Suggestions(html, id).Count);
        }

        // The WKZ form books to a partner beyond the list, typed by id; an unknown id is refused and books nothing.
        var token = await PortalHost.AntiforgeryTokenAsync(backOffice, "/schulungen/programm");
        var posted = await backOffice.PostAsync("/schulungen/programm/wkz", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["PartnerId"] = last, ["AmountEur"] = "250,00", ["Reason"] = "Budget",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(250m, (await Training.TrainingData.WkzAsync(admin, last)).GetProperty("balanceEur").GetDecimal());
        var unknown = await backOffice.PostAsync("/schulungen/programm/wkz", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["PartnerId"] = last + "-x", ["AmountEur"] = "250,00", ["Reason"] = "Budget",
        }), Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode); // the page again, saying so, as the API answers an unknown partner
        Assert.Contains("Diesen Partner gibt es nicht.", await unknown.Content.ReadAsStringAsync(Ct));
        Assert.Equal(250m, (await Training.TrainingData.WkzAsync(admin, last)).GetProperty("balanceEur").GetDecimal());
    }

    /// <summary>The picker's form field (its tag).</summary>
    private static string Field(string html, string id)
    {
        var match = Regex.Match(html, $"<(input|select) id=\"{id}\"[^>]*>");
        Assert.True(match.Success, $"no field #{id}");
        return match.Value;
    }

    /// <summary>The partner ids the picker suggests (its datalist).</summary>
    private static List<string> Suggestions(string html, string id)
    {
        var list = Regex.Match(html, $"<datalist id=\"{id}-choices\">(.*?)</datalist>", RegexOptions.Singleline);
        Assert.True(list.Success, $"no suggestions for #{id}");
        return [.. OptionValue().Matches(list.Groups[1].Value).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("<option value=\"([^\"]*)\"")]
    private static partial Regex OptionValue();
}
