namespace PartnerPortal.FollowUps.Cases;

/// <summary><c>POST /api/v1/followups/{caseId}/reopen</c>: a closed case goes back to open, once (DOMAIN.md), keeping
/// its due time; a case closed by an exclusion is not reopened (its response does not count); anything else is 409.</summary>
internal static class ReopenCase
{
    public const int MaxReopens = 1;

    public static Task<Outcome<FollowUpCase>> HandleAsync(string caseId, Caller caller, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        return CaseMoves.ApplyAsync(caseId, caller.Actor, caller.CanAccessPartner, session, at,
            c => c.Status != CaseStatus.Closed ? CaseMoves.Conflict(c, "reopened", "only a closed case can be reopened")
                : c.RootCause == RootCauses.Excluded ? CaseMoves.Conflict(c, "reopened", "its response is excluded from the figures")
                : c.Reopened >= MaxReopens ? CaseMoves.Conflict(c, "reopened", "a case may be reopened once")
                : null,
            c =>
            {
                var was = c.RootCause;
                Reopen(c);
                c.Reopened++;
                return (CaseMoves.ReopenedAction, $"partner {c.PartnerId}, quarter {c.Quarter}, was closed with {was}");
            }, ct);
    }

    public static void Reopen(FollowUpCase c)
    {
        c.Status = CaseStatus.Open;
        c.StartedAt = null;
        c.RootCause = null;
        c.Action = null;
        c.Note = null;
        c.ClosedAt = null;
        c.ClosedBy = null;
    }

    public static async Task<IResult> Endpoint(string caseId, Caller caller, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(caseId, caller, session, clock, ct)).ToHttp(c => CaseView.Of(c, clock.GetUtcNow()));
}
