using Hangfire;
using PartnerPortal.Incentives.Contracts;
using PartnerPortal.Incentives.Plans;

namespace PartnerPortal.Incentives.Appeals;

/// <summary>
/// <see cref="IAppealWindows"/> for Surveys: the window's days come from the quarter's plan (default 14, also without a
/// plan), and it is closed once the partner's statement of the quarter is approved. Filing an appeal holds the same
/// per-quarter lock that approval takes (<see cref="IncentivesRecalculation.LockOf"/>), so the two cannot overlap.
/// </summary>
internal sealed class AppealWindows(IDocumentStore store, JobStorage jobs) : IAppealWindows
{
    public async Task<AppealWindow> ForAsync(string quarter, string partnerId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var plan = await session.LoadAsync<CommissionPlan>(quarter, ct);
        var approved = await session.Query<Statement>().AnyAsync(s => s.Quarter == quarter && s.PartnerId == partnerId && s.Status == StatementStatus.Approved, ct);
        return new AppealWindow(quarter, plan?.AppealWindowDays ?? AppealWindow.DefaultDays, approved);
    }

    /// <summary>The approval's lock, waited for as long as an approval waits (<see cref="QuarterLock.RequestWait"/>).</summary>
    public IDisposable? HoldApprovals(string quarter) => QuarterLock.TryAcquire(jobs, quarter, QuarterLock.RequestWait);
}
