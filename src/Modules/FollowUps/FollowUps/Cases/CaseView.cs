namespace PartnerPortal.FollowUps.Cases;

/// <summary>A case as the API shows it (API.md "Follow-up of detractors").</summary>
public sealed record CaseView(
    string CaseId,
    string ResponseId,
    string PartnerId,
    string? ShopId,
    string Quarter,
    int Score,
    string? Comment,
    [OneOf(typeof(CaseStatus))] string Status,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt,
    bool Overdue,
    [OneOf(typeof(RootCauses), nameof(RootCauses.All))] string? RootCause,
    [OneOf(typeof(CaseActions), nameof(CaseActions.All))] string? Action,
    string? Note,
    DateTimeOffset? ClosedAt)
{
    public static CaseView Of(FollowUpCase c, DateTimeOffset now) =>
        new(c.Id, c.ResponseId, c.PartnerId, c.ShopId, c.Quarter, c.Score, c.Comment, c.Status, c.OpenedAt, c.DueAt, c.IsOverdue(now),
            c.RootCause, c.Action, c.Note, c.ClosedAt);
}

/// <summary>A page of cases: <c>{ items, next }</c>.</summary>
internal sealed record CasePage(IReadOnlyList<CaseView> Items, string? Next);
