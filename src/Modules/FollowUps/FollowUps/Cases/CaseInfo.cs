using PartnerPortal.FollowUps.Contracts;

namespace PartnerPortal.FollowUps.Cases;

internal static class CaseInfo
{
    public static FollowUpCaseInfo Of(FollowUpCase c) =>
        new(c.Id, c.ResponseId, c.PartnerId, c.ShopId, c.Quarter, c.Score, c.Comment, c.OpenedAt, c.DueAt);
}
