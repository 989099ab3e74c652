using System.Globalization;
using Hangfire;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.Incentives.Plans;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Incentives.Statements;

/// <summary>
/// <c>POST /api/v1/incentives/statements/{quarter}/{partnerId}/approve</c> and the "Freigeben" button on
/// <c>/provision/freigabe</c> (back office): approves the latest draft under the quarter's lock (ADR 0011: shared with
/// the recalculation and with filing an appeal, so no new revision or appeal meanwhile) and the plan lock (ADR 0028: no
/// plan change meanwhile). Refused while the partner has open appeals in the quarter (409 naming them in
/// <c>openAppeals</c>), when there is no statement (404), it is approved already (409), it was calculated under an
/// earlier plan version (409: recalculate first; the rule is <see cref="Statement.ApprovalRefusal"/>) or the lock is busy
/// (409: try again). From the approval's commit on the plan is frozen. The page tells the 409s apart, so the outcome
/// names each.
/// </summary>
internal static class ApproveStatement
{
    public enum Outcome { Approved, Forbidden, NotFound, ApprovedAlready, OpenAppeals, PlanChanged, Busy }

    public sealed record Result(Outcome Outcome, Statement? Statement = null, IReadOnlyList<string>? OpenAppeals = null, string? Message = null);

    public static async Task<Result> HandleAsync(string quarter, string partnerId, Caller caller, IDocumentSession session, JobStorage jobs,
        IEnumerable<IOpenAppeals> appeals, TimeProvider clock, CancellationToken ct)
    {
        if (caller.IsPartnerBound) return new Result(Outcome.Forbidden, Message: "Statements are approved by back office only.");
        // The recalculation's lock: a draft cannot gain a new revision, nor its partner file an appeal, while it is being approved.
        using var quarterLock = QuarterLock.TryAcquire(jobs, quarter, QuarterLock.RequestWait);
        if (quarterLock is null)
            return new Result(Outcome.Busy, Message: $"The statements of {quarter} are being recalculated or approved right now; try again in a moment.");
        await PlanLock.EnterAsync(session, quarter, ct);
        var statement = await LatestStatements.OfPartnerAsync(session, quarter, partnerId, ct);
        if (statement is null) return new Result(Outcome.NotFound, Message: $"There is no statement of {quarter} for partner '{partnerId}'.");
        if (statement.IsApproved)
            return new Result(Outcome.ApprovedAlready, statement, Message: $"The statement of {quarter} for partner '{partnerId}' is approved already.");
        // Surveys is always there with Incentives (Incentives needs Scoring, which needs Surveys); asked through its contract.
        foreach (var source in appeals)
        {
            var open = await source.OpenInQuarterAsync(quarter, partnerId, ct);
            if (open.TryGetValue(partnerId, out var ids) && ids.Count > 0)
                return new Result(Outcome.OpenAppeals, statement, ids,
                    $"Partner '{partnerId}' has {ids.Count} open appeal(s) in {quarter}: {string.Join(", ", ids)}. Decide them first.");
        }
        var plan = await session.LoadAsync<CommissionPlan>(quarter, ct);
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
        await session.SaveChangesAsync(ct);
        return new Result(Outcome.Approved, statement);
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

    public static async Task<IResult> Endpoint(string quarter, string partnerId, Caller caller, IDocumentSession session, JobStorage jobs,
        IEnumerable<IOpenAppeals> appeals, TimeProvider clock, CancellationToken ct) =>
        ToHttp(await HandleAsync(quarter, partnerId, caller, session, jobs, appeals, clock, ct));
}
