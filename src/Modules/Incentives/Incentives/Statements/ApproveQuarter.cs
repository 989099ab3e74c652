using Hangfire;
using PartnerPortal.Incentives.Plans;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Incentives.Statements;

/// <summary>One statement as the approver confirmed it: the partner and the revision shown.</summary>
internal sealed record ConfirmedStatement(string PartnerId, int Revision);

/// <summary>The body of <c>POST /api/v1/incentives/statements/{quarter}/approve</c>: the statements confirmed (each partner
/// once, with the revision seen, e.g. from <see cref="ListStatements"/>), and true to approve the running quarter.</summary>
internal sealed record ApproveQuarterRequest(IReadOnlyList<ConfirmedStatementRequest?>? Statements, [ApiOptional] bool? BeforeQuarterEnd = null);

internal sealed record ConfirmedStatementRequest(string? PartnerId, int? Revision);

/// <summary>What an approval of a quarter did: the statements it approved, the partners approved already (a second
/// request, a colleague) and those left for their open appeals (by partner, the appeal ids).</summary>
internal sealed record QuarterApprovalView(IReadOnlyList<StatementView> Approved, IReadOnlyList<string> ApprovedAlready,
    IReadOnlyDictionary<string, IReadOnlyList<string>> OpenAppeals);

/// <summary>
/// "Alle freigeben" on <c>/provision/freigabe</c> and <c>POST /api/v1/incentives/statements/{quarter}/approve</c> (back
/// office): approves, in one transaction, every statement the approver
/// confirmed (partner and revision, as the confirmation listed them) under the quarter lock and the plan lock, each by
/// <see cref="ApproveStatement.ApproveLocked"/> and audited on its own. Statements whose partner has open appeals are
/// skipped and named; statements approved meanwhile (a second click, a colleague) are skipped as approved already, so
/// two concurrent runs approve each statement once. A confirmed statement that has a newer revision (or is gone), or a
/// plan changed since the drafts were calculated, refuses the whole step (409: confirm again / recalculate first):
/// nothing is approved on an out-of-date confirmation. Drafts not in the confirmation are left alone.
/// </summary>
internal static class ApproveQuarter
{
    public enum Outcome { Done, Forbidden, Invalid, QuarterRunning, Busy, Changed, PlanChanged }

    public sealed record Result(Outcome Outcome, IReadOnlyList<Statement> Approved, IReadOnlyList<string> ApprovedAlready,
        IReadOnlyDictionary<string, IReadOnlyList<string>> SkippedForAppeals, string? Message = null)
    {
        public static Result Refused(Outcome outcome, string message) => new(outcome, [], [], new Dictionary<string, IReadOnlyList<string>>(), message);
    }

    /// <summary>The most statements one confirmation may carry (far above the number of partners).</summary>
    public const int MaxStatements = 5000;

    public static async Task<Result> HandleAsync(string quarter, IReadOnlyList<ConfirmedStatement> confirmed, bool beforeQuarterEnd, Caller caller,
        IDocumentSession session, JobStorage jobs, IEnumerable<IOpenAppeals> appeals, TimeProvider clock, CancellationToken ct)
    {
        if (caller.IsPartnerBound) return Result.Refused(Outcome.Forbidden, "Statements are approved by back office only.");
        if (confirmed.Count == 0 || confirmed.Count > MaxStatements || confirmed.Select(c => c.PartnerId).Distinct(StringComparer.Ordinal).Count() != confirmed.Count)
            return Result.Refused(Outcome.Invalid, "The confirmation lists no statements, or one twice: open the confirmation again.");
        if (ApproveStatement.RunningQuarterRefusal(quarter, beforeQuarterEnd, clock) is { } running) return Result.Refused(Outcome.QuarterRunning, running);
        using var quarterLock = QuarterLock.TryAcquire(jobs, quarter, QuarterLock.RequestWait);
        if (quarterLock is null)
            return Result.Refused(Outcome.Busy, $"The statements of {quarter} are being recalculated or approved right now; try again in a moment.");
        await PlanLock.EnterAsync(session, quarter, ct);
        var latest = (await LatestStatements.OfQuarterAsync(session, quarter, ct)).ToDictionary(s => s.PartnerId, StringComparer.Ordinal);
        var open = await ApproveStatement.OpenAppealsAsync(appeals, quarter, null, ct);
        var plan = await session.LoadAsync<CommissionPlan>(quarter, ct);
        var approved = new List<Statement>();
        var already = new List<string>();
        var skipped = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var item in confirmed)
        {
            if (!latest.TryGetValue(item.PartnerId, out var statement))
                return Result.Refused(Outcome.Changed, $"There is no statement of {quarter} for partner '{item.PartnerId}': open the confirmation again.");
            var result = ApproveStatement.ApproveLocked(session, statement, item.Revision, open.GetValueOrDefault(item.PartnerId) ?? [], plan, caller, clock);
            switch (result.Outcome)
            {
                case ApproveStatement.Outcome.Approved: approved.Add(statement); break;
                case ApproveStatement.Outcome.ApprovedAlready: already.Add(item.PartnerId); break;
                case ApproveStatement.Outcome.OpenAppeals: skipped[item.PartnerId] = result.OpenAppeals!; break;
                case ApproveStatement.Outcome.PlanChanged: return Result.Refused(Outcome.PlanChanged, result.Message!);
                default: return Result.Refused(Outcome.Changed, result.Message!);
            }
        }
        if (approved.Count > 0) await session.SaveChangesAsync(ct);
        return new Result(Outcome.Done, approved, already, skipped);
    }

    /// <summary>The body's rules, before anything is read: at least one and at most <see cref="MaxStatements"/> statements,
    /// each with a partner id (once) and a revision from 1.</summary>
    public static (IReadOnlyList<ConfirmedStatement>? Confirmed, IDictionary<string, string[]>? Errors) Validate(ApproveQuarterRequest? request)
    {
        var errors = new ValidationErrors();
        var statements = request?.Statements;
        if (statements is null || statements.Count == 0)
            errors.Add("statements", "'statements' is required: the statements confirmed, each { partnerId, revision }.");
        else if (statements.Count > MaxStatements)
            errors.Add("statements", $"At most {MaxStatements} statements per approval; this one has {statements.Count}.");
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < statements.Count; i++)
            {
                var item = statements[i];
                if (item is null)
                {
                    errors.Add($"statements[{i}]", "Each statement must be an object { partnerId, revision }.");
                    continue;
                }
                if (errors.Identifier($"statements[{i}].partnerId", item.PartnerId) && !seen.Add(item.PartnerId!))
                    errors.Add($"statements[{i}].partnerId", $"Partner '{item.PartnerId}' is listed twice.");
                if (item.Revision is not >= 1) errors.Add($"statements[{i}].revision", "'revision' is required: the revision confirmed, from 1.");
            }
        }
        return errors.IsValid ? (statements!.Select(s => new ConfirmedStatement(s!.PartnerId!, s.Revision!.Value)).ToArray(), null) : (null, errors.ToDictionary());
    }

    /// <summary>The API adapter: 200 with what was done, 400 with field errors, 403, 409 (running quarter, out-of-date
    /// confirmation, changed plan, busy lock: nothing approved).</summary>
    public static async Task<IResult> Endpoint(string quarter, ApproveQuarterRequest? request, Caller caller, IDocumentSession session, JobStorage jobs,
        IEnumerable<IOpenAppeals> appeals, TimeProvider clock, CancellationToken ct)
    {
        var (confirmed, errors) = Validate(request);
        if (errors is not null) return Problems.Validation(errors);
        var result = await HandleAsync(quarter, confirmed!, request!.BeforeQuarterEnd == true, caller, session, jobs, appeals, clock, ct);
        return result.Outcome switch
        {
            Outcome.Done => TypedResults.Ok(new QuarterApprovalView(result.Approved.Select(StatementView.Of).ToArray(), result.ApprovedAlready,
                result.SkippedForAppeals)),
            Outcome.Forbidden => Problems.Forbidden(result.Message!),
            Outcome.Invalid => Problems.Validation("statements", result.Message!),
            _ => Problems.Conflict(result.Message!),
        };
    }
}
