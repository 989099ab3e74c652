using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.BuildingBlocks.Data;

namespace PartnerPortal.FollowUps.Cases;

/// <summary>One move of a case, inserted with the case under <c>{caseId}#{n}</c> (n = the case's move count before it):
/// of two concurrent moves of the same case the second fails on this id and runs again on the new state (ADR 0014, 0041),
/// so a move happens exactly once. Kept as the case's history.</summary>
public sealed class CaseMove
{
    public string Id { get; set; } = "";
    public string CaseId { get; set; } = "";
    public string From { get; set; } = "";
    public string To { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
}

/// <summary>What start, close, reopen and the exclusion's close share: load (the document, or for a case never moved its
/// detractor: <see cref="CaseRows.FindAsync"/>), let the move decide, save the case with its <see cref="CaseMove"/> and
/// audit entry in one transaction, run again when a concurrent move won. The first move writes the case's document.</summary>
internal static class CaseMoves
{
    public const string StartedAction = BuildingBlocks.Audit.AuditActions.FollowUpStarted;
    public const string ClosedAction = BuildingBlocks.Audit.AuditActions.FollowUpClosed;
    public const string ReopenedAction = BuildingBlocks.Audit.AuditActions.FollowUpReopened;

    /// <param name="mayAccess">False for a case the caller may not see: answered like an unknown one (404).</param>
    /// <param name="move">Changes the loaded case and returns the audit action and details, or returns a refusal.</param>
    public static Task<Outcome<FollowUpCase>> ApplyAsync(string caseId, string actor, Func<string, bool> mayAccess, IDocumentSession session,
        DateTimeOffset at, Func<FollowUpCase, Outcome<FollowUpCase>?> refusal, Func<FollowUpCase, (string Action, FormattableString Details)> move,
        CancellationToken ct) =>
        InsertRace.RetryAsync(async () =>
        {
            session.EjectAllPendingChanges();
            var followUp = await CaseRows.FindAsync(session, caseId, ct);
            if (followUp is null || !mayAccess(followUp.PartnerId)) return NotFound(caseId);
            if (refusal(followUp) is { } refused) return refused;
            var from = followUp.Status;
            var (action, details) = move(followUp);
            session.Insert(new CaseMove { Id = $"{followUp.Id}#{followUp.Moves}", CaseId = followUp.Id, From = from, To = followUp.Status, At = at, By = actor });
            followUp.Moves++;
            session.Store(followUp);
            session.Audit(actor, at, action, $"followup {followUp.Id}", details, followUp.PartnerId);
            // Last, so that its row lock is taken after every other one and held only until the commit.
            session.Store(Stats.CaseFiguresStamp.New(followUp.Quarter));
            await session.SaveChangesAsync(ct);
            if (followUp.Moves == 1) await AdvanceFloorAsync(session.DocumentStore, followUp.PartnerId, at, ct);
            return Outcome<FollowUpCase>.Done(followUp);
        }, ct);

    /// <summary>A case's first move wrote its document: the partner's <see cref="WorkedFloor"/> may move up. The move is
    /// committed; should this fail, the mark stays where it was (true, only less far) and the next first move tries again.</summary>
    private static async Task AdvanceFloorAsync(IDocumentStore store, string partnerId, DateTimeOffset at, CancellationToken ct)
    {
        try
        {
            await WorkedFloor.AdvanceAsync(store, partnerId, at, ct);
        }
        catch (Npgsql.NpgsqlException)
        {
        }
    }

    public static Outcome<FollowUpCase> NotFound(string caseId) => Outcome<FollowUpCase>.NotFound($"Follow-up case '{caseId}' does not exist.");

    public static Outcome<FollowUpCase> Conflict(FollowUpCase c, string verb, string why) =>
        Outcome<FollowUpCase>.Conflict($"Follow-up case '{c.Id}' is {c.Status} and cannot be {verb}: {why}.");
}
