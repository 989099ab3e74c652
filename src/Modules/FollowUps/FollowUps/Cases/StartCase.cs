namespace PartnerPortal.FollowUps.Cases;

/// <summary><c>POST /api/v1/followups/{caseId}/start</c> and the start button on Rückmeldungen: an open case goes
/// in progress; anything else is 409.</summary>
internal static class StartCase
{
    public static Task<Outcome<FollowUpCase>> HandleAsync(string caseId, Caller caller, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        return CaseMoves.ApplyAsync(caseId, caller.Actor, caller.CanAccessPartner, session, at,
            c => c.Status == CaseStatus.Open ? null : CaseMoves.Conflict(c, "started", "only an open case can be started"),
            c =>
            {
                c.Status = CaseStatus.InProgress;
                c.StartedAt = at;
                return (CaseMoves.StartedAction, $"partner {c.PartnerId}, quarter {c.Quarter}");
            }, ct);
    }

    public static async Task<IResult> Endpoint(string caseId, Caller caller, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(caseId, caller, session, clock, ct)).ToHttp(c => CaseView.Of(c, clock.GetUtcNow()));
}
