using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Partners.ApiKeys;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Foundation;

public sealed class ApiKeyTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_key_is_401_and_an_unknown_key_is_401()
    {
        using var anonymous = host.Anonymous();
        var none = await anonymous.GetAsync("/api/v1/partners/p-any", Ct);
        await none.ProblemAsync(HttpStatusCode.Unauthorized);

        using var stranger = host.WithKey("ppk_not-a-real-key");
        await (await stranger.GetAsync("/api/v1/partners/p-any", Ct)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_without_the_scope_is_403()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        using var reader = host.WithKey(await host.CreateKeyAsync([Scopes.PartnersRead]));
        await (await reader.GetAsync($"/api/v1/partners/{partnerId}", Ct)).EnsureStatus(HttpStatusCode.OK);
        var write = await reader.PutAsJsonAsync($"/api/v1/partners/{partnerId}", new { name = "Renamed", shops = Array.Empty<object>() }, Ct);
        await write.ProblemAsync(HttpStatusCode.Forbidden);

        using var admin = host.Admin();
        var partner = await (await admin.GetAsync($"/api/v1/partners/{partnerId}", Ct)).JsonAsync();
        Assert.Equal("Partner " + partnerId, partner.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_partner_bound_key_sees_and_touches_its_own_partner_only()
    {
        var (mine, _) = await host.CreatePartnerAsync();
        var (theirs, _) = await host.CreatePartnerAsync();
        using var bound = host.WithKey(await host.CreateKeyAsync([Scopes.PartnersRead, Scopes.PartnersWrite], mine));

        await (await bound.GetAsync($"/api/v1/partners/{mine}", Ct)).EnsureStatus(HttpStatusCode.OK);
        await (await bound.GetAsync($"/api/v1/partners/{theirs}", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        var overwrite = await bound.PutAsJsonAsync($"/api/v1/partners/{theirs}", new { name = "Hijacked", shops = Array.Empty<object>() }, Ct);
        await overwrite.ProblemAsync(HttpStatusCode.Forbidden);

        using var admin = host.Admin();
        var partner = await (await admin.GetAsync($"/api/v1/partners/{theirs}", Ct)).JsonAsync();
        Assert.Equal("Partner " + theirs, partner.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_key_is_never_issued_with_more_scopes_or_less_binding_than_its_issuer()
    {
        var (mine, _) = await host.CreatePartnerAsync();
        var (theirs, _) = await host.CreatePartnerAsync();
        using var issuer = host.WithKey(await host.CreateKeyAsync([Scopes.UsersWrite, Scopes.PartnersRead], mine));

        var moreScopes = await issuer.PostAsJsonAsync("/api/v1/api-keys", new { name = "k", scopes = new[] { Scopes.PartnersWrite } }, Ct);
        await moreScopes.ProblemAsync(HttpStatusCode.Forbidden);
        var otherPartner = await issuer.PostAsJsonAsync("/api/v1/api-keys", new { name = "k", scopes = new[] { Scopes.PartnersRead }, partnerId = theirs }, Ct);
        await otherPartner.ProblemAsync(HttpStatusCode.Forbidden);

        // Asking for no binding still yields a key bound to the issuer's partner.
        var created = await (await issuer.PostAsJsonAsync("/api/v1/api-keys", new { name = "k", scopes = new[] { Scopes.PartnersRead } }, Ct))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(mine, created.GetProperty("partnerId").GetString());
        using var child = host.WithKey(created.GetProperty("key").GetString()!);
        await (await child.GetAsync($"/api/v1/partners/{theirs}", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await child.GetAsync($"/api/v1/partners/{mine}", Ct)).EnsureStatus(HttpStatusCode.OK);
    }

    /// <summary>ADR 0055: a bound key with one of back office's scopes would answer 403 to every call it was made for.</summary>
    [Fact]
    public async Task A_key_bound_to_a_partner_is_never_issued_a_scope_only_back_office_can_use()
    {
        // Read from the host's endpoints: every operation needing one of these refuses a bound caller. A guard lost on one
        // of them (a bound key could then change a plan or a partner's WKZ) changes this set.
        string[] backOffice = [Scopes.PlansWrite, Scopes.StatementsApprove, Scopes.StatementsRecalculate, Scopes.ScoringRecalculate,
            Scopes.SurveysReview, Scopes.AuditRead, Scopes.TrainingAdmin];
        Assert.Equal(backOffice.Order(), host.Services.GetRequiredService<PartnerPortal.BuildingBlocks.Security.BackOfficeScopes>().All.Order());

        var (mine, _) = await host.CreatePartnerAsync();
        const string keys = "select count(*) from partners.mt_doc_apikey";
        var before = await host.ScalarAsync<long>(keys);
        using var admin = host.Admin();
        var one = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "k", scopes = new[] { Scopes.PartnersRead, Scopes.AuditRead }, partnerId = mine }, Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal($"'audit:read' cannot be given to a key bound to partner '{mine}': every operation that needs it is back office's and refuses a bound key.",
            Assert.Single(one.Errors("scopes")));
        var all = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "k", scopes = Scopes.All, partnerId = mine }, Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(backOffice.Order(), all.Errors("scopes").Select(m => m.Split('\'')[1]).Order());
        // A bound issuer's keys are bound to its partner without asking: the same refusal.
        using var issuer = host.WithKey(await host.CreateKeyAsync([Scopes.UsersWrite, Scopes.PartnersRead], mine));
        var inherited = await (await issuer.PostAsJsonAsync("/api/v1/api-keys", new { name = "k", scopes = new[] { Scopes.PlansWrite } }, Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'plans:write' cannot be given", Assert.Single(inherited.Errors("scopes")), StringComparison.Ordinal);
        Assert.Equal(before + 1, await host.ScalarAsync<long>(keys)); // the issuer only

        // Every other scope is a bound key's to have; back office's scopes are an unbound key's.
        var partnerScopes = Scopes.All.Except(backOffice).ToArray();
        var bound = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "k", scopes = partnerScopes, partnerId = mine }, Ct))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(partnerScopes, bound.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()!).ToArray());
        await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "k", scopes = backOffice }, Ct)).EnsureStatus(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Keys_are_stored_hashed_and_shown_once()
    {
        using var admin = host.Admin();
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "BI export", scopes = new[] { Scopes.ScoresRead } }, Ct))
            .JsonAsync(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        Assert.StartsWith("ppk_", key, StringComparison.Ordinal);
        Assert.True(key.Length >= 40);

        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var stored = await session.LoadAsync<ApiKey>(created.GetProperty("id").GetString()!, Ct);
        Assert.NotNull(stored);
        Assert.Equal(ApiKey.HashOf(key), stored.Hash);
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from partners.mt_doc_apikey where strpos(data::text, $1) > 0", key));
        Assert.Equal(1L, await host.ScalarAsync<long>("select count(*) from partners.mt_doc_apikey where strpos(data::text, $1) > 0", stored.Hash));
    }

    [Fact]
    public async Task Invalid_key_requests_are_400_with_field_errors()
    {
        using var admin = host.Admin();
        var problem = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "", scopes = new[] { "everything" }, partnerId = "p-missing-partner" }, Ct))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors("name"));
        Assert.Contains(problem.Errors("scopes"), m => m.Contains("everything", StringComparison.Ordinal));
        Assert.Contains(problem.Errors("partnerId"), m => m.Contains("does not exist", StringComparison.Ordinal));
    }
}
