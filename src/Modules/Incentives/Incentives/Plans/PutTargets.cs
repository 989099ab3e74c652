using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Incentives.Plans;

/// <summary><c>PUT /api/v1/incentives/plans/{quarter}/targets/{partnerId}</c> (back office): a partner's quarterly volume
/// targets in the quarter's plan. Under the plan lock, refused once the plan is frozen; counts up the plan's version.</summary>
internal static class PutTargets
{
    public static async Task<Outcome<CommissionPlan>> HandleAsync(string quarter, string partnerId, TargetsRequest? request, Caller caller,
        IDocumentSession session, IPartnerDirectory partners, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Quarter("quarter", quarter, out _);
        if (request is null) errors.Add("body", "A JSON body { mobile, fixed } is required.");
        else PutPlan.ValidateTargets(errors, "", request);
        if (!errors.IsValid) return Outcome<CommissionPlan>.Invalid(errors.ToDictionary());
        if (await partners.FindAsync(partnerId, ct) is null) return Outcome<CommissionPlan>.NotFound($"Partner '{partnerId}' does not exist.");
        await PlanLock.EnterAsync(session, quarter, ct);
        var plan = await session.LoadAsync<CommissionPlan>(quarter, ct);
        if (plan is null) return Outcome<CommissionPlan>.NotFound($"There is no plan for {quarter}; create it first.");
        if (await PlanLock.IsFrozenAsync(session, quarter, ct)) return PlanLock.Frozen<CommissionPlan>(quarter);

        plan.PartnerTargets[partnerId] = new CategoryTargets(request!.Mobile, request.Fixed);
        plan.UpdatedAt = clock.GetUtcNow();
        plan.UpdatedBy = caller.Actor;
        plan.Version++; // a draft's attainment used the old targets: it is recalculated before approval
        session.Store(plan);
        session.Audit(caller, plan.UpdatedAt, AuditActions.PlanTargetsSaved, $"plan {quarter}",
            $"targets mobile {request.Mobile?.ToString() ?? "–"}, fixed {request.Fixed?.ToString() ?? "–"} (plan version {plan.Version})", partnerId);
        await session.SaveChangesAsync(ct);
        return Outcome<CommissionPlan>.Done(plan);
    }

    public static async Task<IResult> Endpoint(string quarter, string partnerId, TargetsRequest? request, Caller caller, IDocumentSession session,
        IPartnerDirectory partners, TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(quarter, partnerId, request, caller, session, partners, clock, ct)).ToHttp(PlanView.Of);
}
