using Microsoft.Extensions.Configuration;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Partners.Directory;

/// <summary>Reads partners through <see cref="PartnerDirectoryCache"/>: one primary-key read of the
/// <see cref="PartnerDirectoryStamp"/> per lookup, the partners themselves only when this host has not read them
/// under the current stamp.</summary>
internal sealed class PartnerDirectory(IQuerySession session, PartnerDirectoryCache cache, PartnerPickerSettings picker) : IPartnerDirectory
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

    public async Task<PartnerChoices> ChoicesAsync(string? selected, CancellationToken cancellationToken)
    {
        var max = picker.Max;
        var rows = await session.Query<Partner>().OrderBy(p => p.Name).ThenBy(p => p.Id).Take(max + 1).ToListAsync(cancellationToken);
        var listed = rows.Take(max).Select(ToInfo).ToList();
        if (!string.IsNullOrEmpty(selected) && listed.All(p => p.PartnerId != selected) && await FindAsync(selected, cancellationToken) is { } chosen)
        {
            // Beyond the first thousand by name: listed too, in its place by name, so the picker shows it chosen.
            var at = listed.FindIndex(p => string.CompareOrdinal(p.Name, chosen.Name) > 0);
            listed.Insert(at < 0 ? listed.Count : at, chosen);
        }
        return new PartnerChoices(listed, rows.Count <= max, max);
    }

    internal static PartnerInfo ToInfo(Partner p) =>
        new(p.Id, p.Name, p.Shops.Select(s => new ShopInfo(s.ShopId, s.Name, s.City)).ToArray());
}

/// <summary>How many partners a page's picker lists at most (<c>PartnerPortal:Pages:PartnerPickerMax</c>, 1 to 10,000).</summary>
internal sealed record PartnerPickerSettings(int Max)
{
    public static PartnerPickerSettings From(IConfiguration configuration)
    {
        var max = configuration.GetValue<int?>("PartnerPortal:Pages:PartnerPickerMax") ?? PartnerChoices.DefaultMax;
        if (max is < 1 or > 10_000)
            throw new InvalidOperationException($"PartnerPortal:Pages:PartnerPickerMax must be from 1 to 10000; it is {max}.");
        return new PartnerPickerSettings(max);
    }
}
