using System.ComponentModel.DataAnnotations;

namespace PartnerPortal.FollowUps.Cases;

/// <summary>The body of <c>POST /api/v1/followups/{caseId}/close</c>.</summary>
internal sealed record CloseCaseRequest(
    [OneOf(typeof(RootCauses), nameof(RootCauses.Chosen))] string? RootCause,
    [OneOf(typeof(CaseActions), nameof(CaseActions.All))] string? Action,
    [MaxLength(CloseCase.NoteMaxLength)] string? Note);

/// <summary><c>POST /api/v1/followups/{caseId}/close</c> <c>{ rootCause, action, note }</c> and the close form on
/// Rückmeldungen: an open or in-progress case is closed with what the partner found and did; all three are required
/// (400 with field errors before anything is read); a closed case is 409.</summary>
internal static class CloseCase
{
    public const int NoteMaxLength = 2000;

    public static async Task<Outcome<FollowUpCase>> HandleAsync(string caseId, CloseCaseRequest? request, Caller caller, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        if (Validate(request) is { } errors) return Outcome<FollowUpCase>.Invalid(errors);
        var at = clock.GetUtcNow();
        var note = request!.Note!.Trim();
        return await CaseMoves.ApplyAsync(caseId, caller.Actor, caller.CanAccessPartner, session, at,
            c => c.Status == CaseStatus.Closed ? CaseMoves.Conflict(c, "closed", "it is closed already") : null,
            c =>
            {
                Close(c, request.RootCause!, request.Action!, note, at, caller.Actor);
                return (CaseMoves.ClosedAction, $"partner {c.PartnerId}, quarter {c.Quarter}, root cause {c.RootCause}, action {c.Action}, {(c.ClosedAt <= c.DueAt ? "in time" : "late")}");
            }, ct);
    }

    public static void Close(FollowUpCase c, string rootCause, string? action, string? note, DateTimeOffset at, string actor)
    {
        c.Status = CaseStatus.Closed;
        c.RootCause = rootCause;
        c.Action = action;
        c.Note = note;
        c.ClosedAt = at;
        c.ClosedBy = actor;
    }

    /// <summary>Root cause and action required and known (DOMAIN.md; <c>excluded</c> is the exclusion's, not a choice),
    /// note required, plain text of at most 2,000 characters.</summary>
    public static IDictionary<string, string[]>? Validate(CloseCaseRequest? request)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request?.RootCause)) errors.Add("rootCause", $"'rootCause' is required: one of {string.Join(", ", RootCauses.Chosen)}.");
        else if (!RootCauses.Chosen.Contains(request.RootCause, StringComparer.Ordinal))
            errors.Add("rootCause", $"'rootCause' must be one of: {string.Join(", ", RootCauses.Chosen)}.");
        if (string.IsNullOrWhiteSpace(request?.Action)) errors.Add("action", $"'action' is required: one of {string.Join(", ", CaseActions.All)}.");
        else if (!CaseActions.All.Contains(request.Action, StringComparer.Ordinal))
            errors.Add("action", $"'action' must be one of: {string.Join(", ", CaseActions.All)}.");
        errors.Text("note", request?.Note, NoteMaxLength);
        return errors.IsValid ? null : errors.ToDictionary();
    }

    public static async Task<IResult> Endpoint(string caseId, CloseCaseRequest? request, Caller caller, IDocumentSession session, TimeProvider clock,
        CancellationToken ct) =>
        (await HandleAsync(caseId, request, caller, session, clock, ct)).ToHttp(c => CaseView.Of(c, clock.GetUtcNow()));
}
