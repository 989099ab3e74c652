using PartnerPortal.BuildingBlocks.Caching;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Partners.Logins;

/// <summary><see cref="IPortalUsers"/> on short-lived query sessions of its own (a singleton: the mail listener runs inside
/// another module's transaction and only reads here). A partner's users are kept in memory while no change to a login
/// has been announced on <see cref="Channel"/> (<see cref="ChangeNotices"/>, ADR 0061): ingestion asks for the users of
/// every batch's partners, and then usually needs no round trip.</summary>
internal sealed class PortalUsers(IDocumentStore store, ChangeNotices notices, PortalUsers.PartnerUsersCache cache) : IPortalUsers
{
    /// <summary>Announced by every session that stores or deletes a <see cref="PortalUser"/> (<see cref="NotifyChangesOf{T}"/>).
    /// The sign-in's plain SQL changes only the security stamp, which nothing here keeps.</summary>
    public const string Channel = "partners_users";

    /// <summary>A partner's users (none: an empty array) under a generation of <see cref="Channel"/>.</summary>
    internal sealed class PartnerUsersCache() : StampedCache<string, long, PortalUserInfo[]>(MaxEntries)
    {
        public const int MaxEntries = 200_000;
    }

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
        // Asked before reading: a change announced meanwhile leaves what is read under the older generation.
        var generation = notices.Generation(Channel);
        var found = new List<PortalUserInfo>();
        var missing = new List<string>();
        foreach (var id in ids)
        {
            if (generation is { } g && cache.TryGet(id, g, out var kept)) found.AddRange(kept);
            else missing.Add(id);
        }
        if (missing.Count == 0) return found;

        await using var session = store.QuerySession();
        var users = await session.Query<PortalUser>().Where(u => u.Role == Roles.Partner && u.PartnerId != null && missing.Contains(u.PartnerId))
            .ToListAsync(cancellationToken);
        var byPartner = users.Select(ToInfo).ToLookup(u => u.PartnerId!, StringComparer.Ordinal);
        foreach (var id in missing)
        {
            var ofPartner = byPartner[id].ToArray();
            found.AddRange(ofPartner);
            if (generation is { } g) cache.Set(id, g, ofPartner, size: 1 + ofPartner.Length);
        }
        return found;
    }

    public async Task<IReadOnlyList<PortalUserInfo>> BackOfficeAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var users = await session.Query<PortalUser>().Where(u => u.Role == Roles.BackOffice).ToListAsync(cancellationToken);
        return users.Select(ToInfo).ToArray();
    }

    private static PortalUserInfo ToInfo(PortalUser u) => new(u.Id, u.Email, u.DisplayName, u.Role, u.PartnerId);
}
