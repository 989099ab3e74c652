using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Partners.Logins;

/// <summary><see cref="IPortalUsers"/> on short-lived query sessions of its own (a singleton: the mail listener runs inside
/// another module's transaction and only reads here).</summary>
internal sealed class PortalUsers(IDocumentStore store) : IPortalUsers
{
    public async Task<PortalUserInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        if (LoginEmail.Normalise(email) is not { } key) return null;
        await using var session = store.QuerySession();
        var user = await session.Query<PortalUser>().Where(u => u.NormalizedEmail == key).FirstOrDefaultAsync(cancellationToken);
        return user is null ? null : ToInfo(user);
    }

    public async Task<IReadOnlyList<PortalUserInfo>> FindManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Where(TextRules.IsStorable).Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0) return [];
        await using var session = store.QuerySession();
        return (await session.LoadManyAsync<PortalUser>(cancellationToken, ids)).Select(ToInfo).ToArray();
    }

    public async Task<IReadOnlyList<PortalUserInfo>> OfPartnersAsync(IReadOnlyCollection<string> partnerIds, CancellationToken cancellationToken)
    {
        var ids = partnerIds.Where(TextRules.IsStorable).Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0) return [];
        await using var session = store.QuerySession();
        var users = await session.Query<PortalUser>().Where(u => u.Role == Roles.Partner && u.PartnerId != null && ids.Contains(u.PartnerId))
            .ToListAsync(cancellationToken);
        return users.Select(ToInfo).ToArray();
    }

    public async Task<IReadOnlyList<PortalUserInfo>> BackOfficeAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var users = await session.Query<PortalUser>().Where(u => u.Role == Roles.BackOffice).ToListAsync(cancellationToken);
        return users.Select(ToInfo).ToArray();
    }

    private static PortalUserInfo ToInfo(PortalUser u) => new(u.Id, u.Email, u.DisplayName, u.Role, u.PartnerId);
}
