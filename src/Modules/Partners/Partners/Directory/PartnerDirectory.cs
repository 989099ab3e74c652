using Marten;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Partners.Directory;

internal sealed class PartnerDirectory(IQuerySession session) : IPartnerDirectory
{
    public async Task<PartnerInfo?> FindAsync(string partnerId, CancellationToken cancellationToken)
    {
        if (!TextRules.IsStorable(partnerId)) return null; // no stored id holds a NUL, and PostgreSQL refuses it in a query
        var partner = await session.LoadAsync<Partner>(partnerId, cancellationToken);
        return partner is null ? null : ToInfo(partner);
    }

    public async Task<IReadOnlyDictionary<string, PartnerInfo>> FindManyAsync(IEnumerable<string> partnerIds, CancellationToken cancellationToken)
    {
        var ids = partnerIds.Where(TextRules.IsStorable).Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0) return new Dictionary<string, PartnerInfo>();
        var partners = await session.LoadManyAsync<Partner>(cancellationToken, ids);
        return partners.ToDictionary(p => p.Id, ToInfo, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<PartnerInfo>> ListAsync(int max, CancellationToken cancellationToken) =>
        (await session.Query<Partner>().OrderBy(p => p.Name).Take(max).ToListAsync(cancellationToken)).Select(ToInfo).ToArray();

    internal static PartnerInfo ToInfo(Partner p) =>
        new(p.Id, p.Name, p.Shops.Select(s => new ShopInfo(s.ShopId, s.Name, s.City)).ToArray());
}
