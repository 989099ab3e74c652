using Microsoft.AspNetCore.Identity;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Partners.Directory;
using PartnerPortal.Partners.Logins;

namespace PartnerPortal.Partners;

/// <summary>Demo partners and logins for the embedded development database (idempotent).</summary>
internal static class DemoData
{
    public const string PartnerEmail = DemoLogins.PartnerEmail;
    public const string PartnerPassword = DemoLogins.PartnerPassword;
    public const string BackOfficeEmail = DemoLogins.BackOfficeEmail;
    public const string BackOfficePassword = DemoLogins.BackOfficePassword;

    public static readonly Partner[] Partners =
    [
        new() { Id = "p-1001", Name = "Mobilfunk Müller GmbH", Shops = [new("s-1001-1", "Müller Köln Zentrum", "Köln"), new("s-1001-2", "Müller Bonn", "Bonn")] },
        new() { Id = "p-1002", Name = "TelePunkt Schmidt e.K.", Shops = [new("s-1002-1", "TelePunkt Leipzig", "Leipzig")] },
        new() { Id = "p-1003", Name = "Handy & Co. Wagner OHG", Shops = [new("s-1003-1", "Handy & Co. München", "München"), new("s-1003-2", "Handy & Co. Augsburg", "Augsburg")] },
    ];

    internal static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        foreach (var partner in Partners)
        {
            if (await session.LoadAsync<Partner>(partner.Id, ct) is not null) continue;
            partner.UpdatedAt = clock.GetUtcNow();
            session.Store(partner);
            foreach (var shop in partner.Shops)
                session.Store(new ShopOwnership { Id = shop.ShopId, PartnerId = partner.Id });
        }
        await session.SaveChangesAsync(ct);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await EnsureUser(users, PartnerEmail, PartnerPassword, "Petra Partner", Roles.Partner, "p-1001", clock);
        await EnsureUser(users, BackOfficeEmail, BackOfficePassword, "Bernd Backoffice", Roles.BackOffice, null, clock);
    }

    private static async Task EnsureUser(UserManager<PortalUser> users, string email, string password, string name,
        string role, string? partnerId, TimeProvider clock)
    {
        if (await users.FindByEmailAsync(email) is not null) return;
        var result = await users.CreateAsync(new PortalUser
        {
            Id = Guid.NewGuid().ToString("N"), Email = email, DisplayName = name, Role = role, PartnerId = partnerId,
            CreatedAt = clock.GetUtcNow(), CreatedBy = "demo-data",
        }, password);
        if (!result.Succeeded)
            throw new InvalidOperationException("Demo user not created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
