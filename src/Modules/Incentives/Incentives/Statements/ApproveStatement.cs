using System.Globalization;
using Hangfire;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.Incentives.Plans;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Incentives.Statements;

/// <summary>The optional body of an approval: <c>revision</c> is the revision the approver saw (a newer one is refused
/// 409), <c>beforeQuarterEnd</c> must be true to approve the running quarter (ADR 0045). Clients that send no body keep
/// approving ended quarters as before.</summary>
internal sealed record ApproveRequest([ApiOptional] int? Revision = null, [ApiOptional] bool? BeforeQuarterEnd = null);

/// <summary>
/// <c>POST /api/v1/incentives/statements/{quarter}/{partnerId}/approve</c> and the confirmed "Freigeben" on
/// <c>/provision/freigabe</c> (back office): approves the latest draft under the quarter's lock (ADR 0011: shared with
/// the recalculation and with filing an appeal, so no new revision or appeal meanwhile) and the plan lock (ADR 0028: no
/// plan change meanwhile). Refused while the partner has open appeals in the quarter (409 naming them in
/// <c>openAppeals</c>), when there is no statement (404), it is approved already (409), it was calculated under an
/// earlier plan version (409: recalculate first; the rule is <see cref="Statement.ApprovalRefusal"/>), it is not the
/// revision the approver confirmed (409), the quarter is still running and the approver did not say so (409, ADR 0045)
/// or the lock is busy (409: try again). From the approval's commit on the plan is frozen. The page tells the 409s apart,
/// so the outcome names each.
/// </summary>
internal static class ApproveStatement
{
    public enum Outcome { Approved, Forbidden, NotFound, ApprovedAlready, OpenAppeals, PlanChanged, Busy, Changed, QuarterRunning }

    public sealed record Result(Outcome Outcome, Statement? Statement = null, IReadOnlyList<string>? OpenAppeals = null, string? Message = null);

    public static async Task<Result> HandleAsync(string quarter, string partnerId, int? confirmedRevision, bool beforeQuarterEnd, Caller caller,
        IDocumentSession session, JobStorage jobs, IEnumerable<IOpenAppeals> appeals, TimeProvider clock, CancellationToken ct)
    {
        if (caller.IsPartnerBound) return new Result(Outcome.Forbidden, Message: "Statements are approved by back office only.");
        if (RunningQuarterRefusal(quarter, beforeQuarterEnd, clock) is { } running) return new Result(Outcome.QuarterRunning, Message: running);
        // The recalculation's lock: a draft cannot gain a new revision, nor its partner file an appeal, while it is being approved.
        using var quarterLock = QuarterLock.TryAcquire(jobs, quarter, QuarterLock.RequestWait);
        if (quarterLock is null)
            return new Result(Outcome.Busy, Message: $"The statements of {quarter} are being recalculated or approved right now; try again in a moment.");
        await PlanLock.EnterAsync(session, quarter, ct);
        var statement = await LatestStatements.OfPartnerAsync(session, quarter, partnerId, ct);
        if (statement is null) return new Result(Outcome.NotFound, Message: $"There is no statement of {quarter} for partner '{partnerId}'.");
        var open = await OpenAppealsAsync(appeals, quarter, partnerId, ct);
        var plan = await session.LoadAsync<CommissionPlan>(quarter, ct);
        var result = ApproveLocked(session, statement, confirmedRevision, open.GetValueOrDefault(partnerId) ?? [], plan, caller, clock);
        if (result.Outcome == Outcome.Approved) await session.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>
    /// The approval rule for one latest revision, inside a transaction that holds the quarter lock and the plan lock (the
    /// caller commits): refused when approved already, not the <paramref name="confirmedRevision"/>, with open appeals
    /// or under an earlier plan; otherwise approved, stored and audited. Shared with <see cref="ApproveQuarter"/>.
    /// </summary>
    internal static Result ApproveLocked(IDocumentSession session, Statement statement, int? confirmedRevision, IReadOnlyList<string> openAppeals,
        CommissionPlan? plan, Caller caller, TimeProvider clock)
    {
        var (quarter, partnerId) = (statement.Quarter, statement.PartnerId);
        if (statement.IsApproved)
            return new Result(Outcome.ApprovedAlready, statement, Message: $"The statement of {quarter} for partner '{partnerId}' is approved already.");
        if (confirmedRevision is { } confirmed && confirmed != statement.Revision)
            return new Result(Outcome.Changed, statement, Message:
                $"The statement of {quarter} for partner '{partnerId}' is at revision {statement.Revision.ToString(CultureInfo.InvariantCulture)}, " +
                $"not the confirmed revision {confirmed.ToString(CultureInfo.InvariantCulture)}: check the new revision and confirm again.");
        // Surveys is always there with Incentives (Incentives needs Scoring, which needs Surveys); asked through its contract.
        if (openAppeals.Count > 0)
            return new Result(Outcome.OpenAppeals, statement, openAppeals,
                $"Partner '{partnerId}' has {openAppeals.Count} open appeal(s) in {quarter}: {string.Join(", ", openAppeals)}. Decide them first.");
        switch (statement.ApprovalRefusal(plan))
        {
            case StatementRefusal.PlanChanged:
                return new Result(Outcome.PlanChanged, statement, Message:
                    $"The plan of {quarter} has changed since this statement was calculated (statement: plan version {statement.PlanVersion?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}, " +
                    $"plan: version {plan?.Version.ToString(CultureInfo.InvariantCulture) ?? "none"}): recalculate first (POST /api/v1/incentives/recalculations), then approve.");
            case { } refusal:
                return new Result(Outcome.ApprovedAlready, statement, Message: $"The statement of {quarter} for partner '{partnerId}' cannot be approved: {refusal}.");
        }
        statement.Approve(plan, caller.Actor, caller.DisplayName, clock.GetUtcNow());
        session.Store(statement);
        session.Audit(caller, statement.ApprovedAt!.Value, AuditActions.StatementApproved, $"statement {quarter}/{partnerId}",
            $"revision {statement.Revision}, plan version {plan!.Version}, total {statement.Total:0.00} EUR", partnerId);
        return new Result(Outcome.Approved, statement);
    }

    /// <summary>
    /// ADR 0045: the running quarter (the one "now" falls in, Berlin time) is approved only when the approver says so
    /// (<paramref name="beforeQuarterEnd"/>): its sales and answers are still coming in. Null when allowed.
    /// </summary>
    internal static string? RunningQuarterRefusal(string quarter, bool beforeQuarterEnd, TimeProvider clock) =>
        !beforeQuarterEnd && SharedKernel.Quarter.TryParse(quarter, out var q) && q == SharedKernel.Quarter.Of(clock.GetUtcNow())
            ? $"{quarter} is still running: approve its statements before it ends only on purpose, with {{ \"beforeQuarterEnd\": true }}."
            : null;

    /// <summary>Open appeals of the quarter by partner (of one partner, or of all when <paramref name="partnerId"/> is null).</summary>
    internal static async Task<Dictionary<string, IReadOnlyList<string>>> OpenAppealsAsync(IEnumerable<IOpenAppeals> appeals, string quarter,
        string? partnerId, CancellationToken ct)
    {
        var open = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var source in appeals)
            foreach (var (partner, ids) in await source.OpenInQuarterAsync(quarter, partnerId, ct))
                if (ids.Count > 0) open[partner] = ids;
        return open;
    }

    /// <summary>The API adapter: 200 with the statement, 403, 404, 409 (with <c>openAppeals</c> when those are why).</summary>
    public static IResult ToHttp(Result result) => result.Outcome switch
    {
        Outcome.Approved => TypedResults.Ok(StatementView.Of(result.Statement!)),
        Outcome.Forbidden => Problems.Forbidden(result.Message!),
        Outcome.NotFound => Problems.NotFound(result.Message!),
        Outcome.OpenAppeals => Problems.Conflict(result.Message!, new Dictionary<string, object?> { ["openAppeals"] = result.OpenAppeals }),
        _ => Problems.Conflict(result.Message!),
    };

    public static async Task<IResult> Endpoint(string quarter, string partnerId, [ApiOptional] ApproveRequest? request, Caller caller, IDocumentSession session,
        JobStorage jobs, IEnumerable<IOpenAppeals> appeals, TimeProvider clock, CancellationToken ct) =>
        ToHttp(await HandleAsync(quarter, partnerId, request?.Revision, request?.BeforeQuarterEnd == true, caller, session, jobs, appeals, clock, ct));
}
