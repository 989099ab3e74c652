using Hangfire;
using Marten;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Incentives.Statements;

/// <summary>
/// <c>POST /statements/{quarter}/{partnerId}/approve</c> (back office): approves the latest draft under the quarter's lock
/// (shared with the recalculation and with filing an appeal). Refused while the partner has open appeals in the quarter
/// (409 naming them in <c>openAppeals</c>), when there is no statement (404) or it is approved already (409). The API
/// endpoint and the approval page both map the typed outcome.
/// </summary>
internal static class ApproveStatement
{
    public enum Outcome { Approved, Forbidden, NotFound, ApprovedAlready, OpenAppeals }

    public sealed record Result(Outcome Outcome, Statement? Statement = null, IReadOnlyList<string>? OpenAppeals = null, string? Message = null);

    public static async Task<Result> RunAsync(string quarter, string partnerId, Caller caller, IDocumentSession session, JobStorage jobs,
        IEnumerable<IOpenAppeals> appeals, TimeProvider clock, CancellationToken ct)
    {
        if (caller.IsPartnerBound) return new Result(Outcome.Forbidden, Message: "Statements are approved by back office only.");
        // The recalculation's lock: a draft cannot gain a new revision, nor its partner file an appeal, while it is being approved.
        using var connection = jobs.GetConnection();
        using var quarterLock = connection.AcquireDistributedLock(IncentivesRecalculation.LockOf(quarter), TimeSpan.FromMinutes(1));
        var statement = await StatementEndpoints.LatestAsync(session, quarter, partnerId, ct);
        if (statement is null) return new Result(Outcome.NotFound, Message: $"There is no statement of {quarter} for partner '{partnerId}'.");
        if (statement.Status == "approved")
            return new Result(Outcome.ApprovedAlready, statement, Message: $"The statement of {quarter} for partner '{partnerId}' is approved already.");
        // Surveys is always there with Incentives (Incentives needs Scoring, which needs Surveys); asked through its contract.
        foreach (var source in appeals)
        {
            var open = await source.OpenInQuarterAsync(quarter, partnerId, ct);
            if (open.TryGetValue(partnerId, out var ids) && ids.Count > 0)
                return new Result(Outcome.OpenAppeals, statement, ids,
                    $"Partner '{partnerId}' has {ids.Count} open appeal(s) in {quarter}: {string.Join(", ", ids)}. Decide them first.");
        }
        statement.Status = "approved";
        statement.ApprovedBy = caller.Actor;
        statement.ApprovedByName = caller.DisplayName;
        statement.ApprovedAt = clock.GetUtcNow();
        session.Store(statement);
        session.Audit(caller, statement.ApprovedAt.Value, AuditActions.StatementApproved, $"statement {quarter}/{partnerId}",
            $"revision {statement.Revision}, total {statement.Total:0.00} EUR", partnerId);
        await session.SaveChangesAsync(ct);
        return new Result(Outcome.Approved, statement);
    }

    /// <summary>The API adapter: 200 with the statement, 403, 404, 409 (with <c>openAppeals</c> when those are why).</summary>
    public static IResult ToHttp(Result result) => result.Outcome switch
    {
        Outcome.Approved => TypedResults.Ok(StatementEndpoints.View(result.Statement!)),
        Outcome.Forbidden => Problems.Forbidden(result.Message!),
        Outcome.NotFound => Problems.NotFound(result.Message!),
        Outcome.OpenAppeals => Problems.Conflict(result.Message!, new Dictionary<string, object?> { ["openAppeals"] = result.OpenAppeals }),
        _ => Problems.Conflict(result.Message!),
    };
}
