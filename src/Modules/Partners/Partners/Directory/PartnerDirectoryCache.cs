using PartnerPortal.BuildingBlocks.Caching;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Partners.Directory;

/// <summary>
/// Partners (and ids known not to be partners: null) as read under one <see cref="PartnerDirectoryStamp"/> version. Survey
/// ingestion looks up the partners of every batch; reading and deserialising them per batch was a sixth of its CPU.
/// At most <see cref="MaxEntries"/>. See ADRs 0023 and 0036.
/// </summary>
internal sealed class PartnerDirectoryCache() : StampedCache<string, Guid, PartnerInfo?>(MaxEntries)
{
    public const int MaxEntries = 100_000;
}
