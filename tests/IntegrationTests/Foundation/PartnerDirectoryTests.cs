using System.Net;
using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Foundation;

public sealed class PartnerDirectoryTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Put_creates_with_201_then_replaces_with_200()
    {
        using var admin = host.Admin();
        var id = PortalHost.NewId("p");
        var s1 = PortalHost.NewId("s");
        var s2 = PortalHost.NewId("s");
        var created = await (await admin.PutAsJsonAsync($"/api/v1/partners/{id}",
            new { name = "Mobilfunk Müller GmbH", shops = new[] { new { shopId = s1, name = "Köln", city = "Köln" } } }, Ct)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(id, created.GetProperty("partnerId").GetString());

        var replaced = await (await admin.PutAsJsonAsync($"/api/v1/partners/{id}",
            new { name = "Mobilfunk Müller GmbH & Co. KG", shops = new[] { new { shopId = s2, name = "Bonn", city = "Bonn" } } }, Ct)).JsonAsync();
        Assert.Equal("Mobilfunk Müller GmbH & Co. KG", replaced.GetProperty("name").GetString());

        var read = await (await admin.GetAsync($"/api/v1/partners/{id}", Ct)).JsonAsync();
        var shops = read.GetProperty("shops").EnumerateArray().Select(s => s.GetProperty("shopId").GetString()).ToArray();
        Assert.Equal([s2], shops);

        // The dropped shop is free again for another partner.
        var other = PortalHost.NewId("p");
        await (await admin.PutAsJsonAsync($"/api/v1/partners/{other}",
            new { name = "Other", shops = new[] { new { shopId = s1, name = "Köln", city = "Köln" } } }, Ct)).EnsureStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_shop_belongs_to_one_partner_only()
    {
        var (owner, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var thief = PortalHost.NewId("p");
        var response = await admin.PutAsJsonAsync($"/api/v1/partners/{thief}",
            new { name = "Thief", shops = new[] { new { shopId = shops[0], name = "Mine now", city = "Bonn" } } }, Ct);
        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(shops[0], problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await admin.GetAsync($"/api/v1/partners/{thief}", Ct)).ProblemAsync(HttpStatusCode.NotFound);
        var ownerNow = await (await admin.GetAsync($"/api/v1/partners/{owner}", Ct)).JsonAsync();
        Assert.Equal(shops[0], ownerNow.GetProperty("shops")[0].GetProperty("shopId").GetString());
    }

    [Fact]
    public async Task Invalid_partners_are_400_with_field_errors_and_not_stored()
    {
        using var admin = host.Admin();
        var id = PortalHost.NewId("p");
        var problem = await (await admin.PutAsJsonAsync($"/api/v1/partners/{id}", new
        {
            name = "",
            shops = new object?[] { new { shopId = "s 1", name = "A", city = "B" }, new { shopId = "dup", name = "", city = "B" }, new { shopId = "dup", name = "C", city = "D" }, null },
        }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors("name"));
        Assert.NotEmpty(problem.Errors("shops[0].shopId"));
        Assert.NotEmpty(problem.Errors("shops[1].name"));
        Assert.Contains(problem.Errors("shops[2].shopId"), m => m.Contains("twice", StringComparison.Ordinal));
        Assert.NotEmpty(problem.Errors("shops[3]"));
        await (await admin.GetAsync($"/api/v1/partners/{id}", Ct)).ProblemAsync(HttpStatusCode.NotFound);

        var badId = await admin.PutAsJsonAsync("/api/v1/partners/bad%20id", new { name = "X", shops = Array.Empty<object>() }, Ct);
        Assert.NotEmpty((await badId.ProblemAsync(HttpStatusCode.BadRequest)).Errors("partnerId"));
        var noShops = await admin.PutAsJsonAsync($"/api/v1/partners/{id}", new { name = "X" }, Ct);
        Assert.NotEmpty((await noShops.ProblemAsync(HttpStatusCode.BadRequest)).Errors("shops"));
    }

    [Fact]
    public async Task Unknown_partner_is_404()
    {
        using var admin = host.Admin();
        await (await admin.GetAsync($"/api/v1/partners/{PortalHost.NewId("p")}", Ct)).ProblemAsync(HttpStatusCode.NotFound);
    }
}
