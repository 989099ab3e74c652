
namespace PartnerPortal.Incentives.Plans;

/// <summary><c>GET /api/v1/incentives/plans/{quarter}</c> (back office): a quarter's commission plan.</summary>
internal static class GetPlan
{
    public static async Task<Outcome<CommissionPlan>> HandleAsync(string quarter, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<CommissionPlan>(quarter, ct) is { } plan
            ? Outcome<CommissionPlan>.Done(plan)
            : Outcome<CommissionPlan>.NotFound($"There is no plan for '{quarter}'.");

    public static async Task<IResult> Endpoint(string quarter, IQuerySession session, CancellationToken ct) =>
        (await HandleAsync(quarter, session, ct)).ToHttp(PlanView.Of);
}
