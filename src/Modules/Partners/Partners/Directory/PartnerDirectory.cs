using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Partners.Directory;

/// <summary>Reads partners through <see cref="PartnerDirectoryCache"/>: one primary-key read of the
/// <see cref="PartnerDirectoryStamp"/> per lookup, the partners themselves only when this host has not read them
/// under the current stamp.</summary>
internal sealed class PartnerDirectory(IQuerySession session, PartnerDirectoryCache cache) : IPartnerDirectory
{
    public async Task<PartnerInfo?> FindAsync(string partnerId, CancellationToken cancellationToken) =>
        (await FindManyAsync([partnerId], cancellationToken)).GetValueOrDefault(partnerId);

    public async Task<IReadOnlyDictionary<string, PartnerInfo>> FindManyAsync(IEnumerable<string> partnerIds, CancellationToken cancellationToken)
    {
        // No stored id holds a NUL or a lone surrogate, and PostgreSQL refuses a NUL in a query.
        var ids = partnerIds.Where(TextRules.IsStorable).Distinct(StringComparer.Ordinal).ToArray();
        var found = new Dictionary<string, PartnerInfo>(StringComparer.Ordinal);
        if (ids.Length == 0) return found;

        // The stamp is read before the partners: what is cached under a version is at least as new as that version.
        var stamp = await session.LoadAsync<PartnerDirectoryStamp>(PartnerDirectoryStamp.TheId, cancellationToken);
        var missing = new List<string>();
        foreach (var id in ids)
        {
            if (stamp is not null && cache.TryGet(id, stamp.Version, out var known)) { if (known is not null) found[id] = known; }
            else missing.Add(id);
        }
        if (missing.Count == 0) return found;

        var loaded = (await session.LoadManyAsync<Partner>(cancellationToken, missing)).ToDictionary(p => p.Id, ToInfo, StringComparer.Ordinal);
        foreach (var id in missing)
        {
            var info = loaded.GetValueOrDefault(id);
            if (info is not null) found[id] = info;
            if (stamp is not null) cache.Set(id, stamp.Version, info);
        }
        return found;
    }

    public async Task<IReadOnlyList<PartnerInfo>> ListAsync(int max, CancellationToken cancellationToken) =>
        (await session.Query<Partner>().OrderBy(p => p.Name).Take(max).ToListAsync(cancellationToken)).Select(ToInfo).ToArray();

    internal static PartnerInfo ToInfo(Partner p) =>
        new(p.Id, p.Name, p.Shops.Select(s => new ShopInfo(s.ShopId, s.Name, s.City)).ToArray());
}
