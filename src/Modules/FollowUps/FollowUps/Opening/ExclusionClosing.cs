using PartnerPortal.FollowUps.Cases;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.FollowUps.Opening;

/// <summary>
/// An excluded response's case closes itself with root cause <c>excluded</c> (DOMAIN.md); a case the partner closed
/// already keeps its closure. A released response (a quarantine lifted) reopens a case the exclusion closed, due two
/// working days after the release: the partner could not work it meanwhile (ADR 0041). Both are moves with their audit
/// entry, exactly once under concurrency like the partner's.
/// </summary>
internal sealed class ExclusionClosing(IDocumentStore store) : IResponseExclusionChangedListener
{
    public async Task ResponseExcludedAsync(string responseId, DateTimeOffset at, string actor, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await CaseMoves.ApplyAsync(responseId, actor, _ => true, session, at,
            c => c.Status == CaseStatus.Closed ? Outcome<FollowUpCase>.Done(c) : null,
            c =>
            {
                CloseCase.Close(c, RootCauses.Excluded, null, null, at, actor);
                return (CaseMoves.ClosedAction, $"partner {c.PartnerId}, quarter {c.Quarter}, root cause {RootCauses.Excluded}: its response was excluded");
            }, ct);
    }

    public async Task ResponseReleasedAsync(string responseId, DateTimeOffset at, string actor, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await CaseMoves.ApplyAsync(responseId, actor, _ => true, session, at,
            c => c.Status == CaseStatus.Closed && c.RootCause == RootCauses.Excluded ? null : Outcome<FollowUpCase>.Done(c),
            c =>
            {
                ReopenCase.Reopen(c);
                c.DueAt = DueDates.DueAt(at);
                return (CaseMoves.ReopenedAction, $"partner {c.PartnerId}, quarter {c.Quarter}: its response was released, due {c.DueAt:O}");
            }, ct);
    }
}
