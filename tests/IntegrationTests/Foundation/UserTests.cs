using System.Net;
using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Foundation;

public sealed class UserTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_are_validated_field_by_field()
    {
        using var admin = host.Admin();
        var problem = await (await admin.PostAsJsonAsync("/api/v1/users",
            new { email = "not-an-email", password = "", displayName = "", role = "king", partnerId = (string?)null }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.Errors("email"));
        Assert.NotEmpty(problem.Errors("password"));
        Assert.NotEmpty(problem.Errors("displayName"));
        Assert.NotEmpty(problem.Errors("role"));

        var noPartner = await (await admin.PostAsJsonAsync("/api/v1/users",
            new { email = "x@example.test", password = "Long-enough-1", displayName = "X", role = "partner", partnerId = "p-unknown-1" }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(noPartner.Errors("partnerId"), m => m.Contains("does not exist", StringComparison.Ordinal));

        var weak = await (await admin.PostAsJsonAsync("/api/v1/users",
            new { email = $"{PortalHost.NewId("u")}@example.test", password = "short", displayName = "X", role = "back-office" }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(weak.Errors("password"));
    }

    [Fact]
    public async Task The_same_email_twice_is_a_conflict()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (email, _) = await host.CreateUserAsync(Roles.Partner, partnerId);
        using var admin = host.Admin();
        var again = await admin.PostAsJsonAsync("/api/v1/users",
            new { email = email.ToUpperInvariant(), password = "Another-pass-1", displayName = "Twin", role = "partner", partnerId }, Ct);
        await again.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_partner_bound_issuer_cannot_create_back_office_users_or_users_of_other_partners()
    {
        var (mine, _) = await host.CreatePartnerAsync();
        var (theirs, _) = await host.CreatePartnerAsync();
        using var issuer = host.WithKey(await host.CreateKeyAsync([Scopes.UsersWrite, .. Scopes.PartnerUser], mine));

        var backOffice = await issuer.PostAsJsonAsync("/api/v1/users",
            new { email = $"{PortalHost.NewId("u")}@example.test", password = "Long-enough-1", displayName = "BO", role = "back-office" }, Ct);
        await backOffice.ProblemAsync(HttpStatusCode.Forbidden);
        var other = await issuer.PostAsJsonAsync("/api/v1/users",
            new { email = $"{PortalHost.NewId("u")}@example.test", password = "Long-enough-1", displayName = "O", role = "partner", partnerId = theirs }, Ct);
        await other.ProblemAsync(HttpStatusCode.Forbidden);
        var own = await issuer.PostAsJsonAsync("/api/v1/users",
            new { email = $"{PortalHost.NewId("u")}@example.test", password = "Long-enough-1", displayName = "Own", role = "partner", partnerId = mine }, Ct);
        await own.EnsureStatus(HttpStatusCode.Created);
    }
}
