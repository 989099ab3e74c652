using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;
using static PartnerPortal.IntegrationTests.Surveys.SurveyData;

namespace PartnerPortal.IntegrationTests.Surveys;

/// <summary>Ingestion checks partners and shops against a directory this host keeps in memory while the directory's
/// stamp is unchanged: a change to a partner counts for the very next batch.</summary>
public sealed class PartnerDirectoryCacheTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_partner_created_or_a_shop_added_or_removed_counts_for_the_next_batch()
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var client = host.WithKey(await host.CreateKeyAsync([Scopes.SurveysWrite]));
        using var admin = host.Admin();
        var newShop = PortalHost.NewId("s");
        var newPartner = PortalHost.NewId("p");

        // Read (and remembered) once: the partner with one shop, the other partner as unknown.
        Assert.Equal(["accepted", "rejected", "rejected"], Statuses(await PostBatchAsync(client,
            [Response(PortalHost.NewId("r"), partnerId, shops[0]), Response(PortalHost.NewId("r"), partnerId, newShop), Response(PortalHost.NewId("r"), newPartner)])));

        var stampBefore = await StampAsync();
        (await admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}", new
        {
            name = "Partner", shops = new[] { new { shopId = newShop, name = "Neu", city = "Bonn" } },
        }, Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/v1/partners/{newPartner}", new { name = "Neu", shops = Array.Empty<object>() }, Ct)).EnsureSuccessStatusCode();

        // Every change to a partner moves the stamp on (else nothing would be cached, or a change missed).
        Assert.NotEqual(stampBefore, await StampAsync());

        var after = await PostBatchAsync(client,
            [Response(PortalHost.NewId("r"), partnerId, shops[0]), Response(PortalHost.NewId("r"), partnerId, newShop), Response(PortalHost.NewId("r"), newPartner)]);
        Assert.Equal(["rejected", "accepted", "accepted"], Statuses(after));
        Assert.Contains("does not belong", after.GetProperty("results")[0].GetProperty("errors").GetProperty("shopId")[0].GetString());
    }

    private Task<string> StampAsync() =>
        host.ScalarAsync<string>("select data ->> 'version' from partners.mt_doc_partnerdirectorystamp where id = 'directory'", []);
}
