using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Foundation;

/// <summary>The audit log: every administrative or money-moving action leaves one entry with who, what and when;
/// only back office reads it; no secret is written into it.</summary>
public sealed class AuditTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement[]> EntriesAsync(string query)
    {
        using var admin = host.Admin();
        return (await (await admin.GetAsync("/api/v1/audit?" + query, Ct)).JsonAsync()).GetProperty("entries").EnumerateArray().ToArray();
    }

    [Fact]
    public async Task Partner_key_user_plan_WKZ_delivery_and_recalculation_are_recorded_with_actor_and_time()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (partnerId, shops) = await host.CreatePartnerAsync();
        var key = await host.CreateKeyAsync([Scopes.TrainingRead], partnerId);
        await host.CreateUserAsync(Roles.Partner, partnerId);
        using var admin = host.Admin();
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2038-Q1", new
        {
            baseRates = new { mobile = 10, @fixed = 20 }, tiers = Array.Empty<object>(), minSample = 30, tierBasis = "point",
        }, Ct)).EnsureStatus(HttpStatusCode.Created);
        await (await admin.PostAsJsonAsync("/api/v1/scoring/recalculations", new { quarter = "2038-Q1" }, Ct)).EnsureStatus(HttpStatusCode.Accepted);
        var today = DateOnly.FromDateTime(PartnerPortal.SharedKernel.BerlinTime.ToLocal(DateTimeOffset.UtcNow));
        await Training.TrainingData.EnsureProgrammeAsync(host, today.Year); // a booking dated today: delivered now, at the real time

        await Training.TrainingData.AllocateAsync(admin, partnerId, 500m);
        var booking = (await Training.TrainingData.BookAsync(admin, partnerId, shops[0], wkzPercent: 100, date: today.ToString("yyyy-MM-dd"))).GetProperty("bookingId").GetString()!;
        await Training.TrainingData.ActAsync(admin, booking, "confirm");
        await Training.TrainingData.ActAsync(admin, booking, "deliver", now: DateTimeOffset.UtcNow);

        var ofPartner = await EntriesAsync($"partnerId={partnerId}");
        var actions = ofPartner.Select(e => e.GetProperty("action").GetString()).ToArray();
        Assert.Equal(["api-key.created", "coaching.delivered", "partner.saved", "user.created", "wkz.allocated", "wkz.charged"], actions.Order());
        Assert.All(ofPartner, e =>
        {
            Assert.Equal("key:bootstrap", e.GetProperty("actor").GetString());
            Assert.InRange(e.GetProperty("at").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
            Assert.DoesNotContain(key, e.GetProperty("details").GetString()!, StringComparison.Ordinal);
        });
        var charge = ofPartner.Single(e => e.GetProperty("action").GetString() == "wkz.charged");
        Assert.Contains("-500.00 EUR", charge.GetProperty("details").GetString());

        Assert.Contains(await EntriesAsync("action=plan.saved"), e => e.GetProperty("subject").GetString() == "plan 2038-Q1");
        Assert.Contains(await EntriesAsync("action=recalculation.started"), e => e.GetProperty("subject").GetString() == "ScoringRecalculation 2038-Q1");
    }

    [Fact]
    public async Task Only_back_office_reads_the_log_and_pages_go_back_in_time()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        using var partnerKey = host.WithKey(await host.StoreKeyAsync([Scopes.AuditRead], partnerId));
        await (await partnerKey.GetAsync("/api/v1/audit", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        using var noScope = host.WithKey(await host.CreateKeyAsync([Scopes.PartnersRead]));
        await (await noScope.GetAsync("/api/v1/audit", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        using var admin = host.Admin();
        Assert.NotEmpty((await (await admin.GetAsync("/api/v1/audit?from=yesterday", Ct)).ProblemAsync(HttpStatusCode.BadRequest)).Errors("from"));

        var first = await (await admin.GetAsync("/api/v1/audit?limit=2", Ct)).JsonAsync();
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await admin.GetAsync($"/api/v1/audit?limit=2&before={cursor}", Ct)).JsonAsync();
        var firstIds = first.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToArray();
        var secondIds = second.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToArray();
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.True(secondIds.Max() < firstIds.Min());

        var (email, password) = await host.CreateUserAsync(Roles.Partner, partnerId);
        var (partner, _) = await host.LoginAsync(email, password);
        using var _p = partner;
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/protokoll", Ct)).StatusCode);
        var (boEmail, boPassword) = await host.CreateUserAsync(Roles.BackOffice, null);
        var (backOffice, _) = await host.LoginAsync(boEmail, boPassword);
        using var _b = backOffice;
        Assert.Contains(partnerId, await backOffice.GetStringAsync($"/protokoll?partnerId={partnerId}", Ct));
    }
}
