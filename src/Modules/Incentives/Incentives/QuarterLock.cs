using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartnerPortal.Incentives;

/// <summary>
/// The recalculation's per-quarter lock of ADR 0011 (<see cref="IncentivesRecalculation.LockOf"/>, a Hangfire distributed
/// lock in PostgreSQL), as an approval takes it: so a draft gains no new revision while it is being approved. A lock
/// that is not free within the wait is a 409 "try again", not a 500. (Plan changes take the <see cref="Plans.PlanLock"/>.)
/// </summary>
internal static class QuarterLock
{
    /// <summary>How long an approval waits for the lock (a recalculation takes seconds) before it answers 409.</summary>
    public static readonly TimeSpan RequestWait = TimeSpan.FromSeconds(30);

    /// <summary>The held lock (dispose it after the commit), or null when it was not free within <paramref name="wait"/>.</summary>
    public static IDisposable? TryAcquire(JobStorage jobs, string quarter, TimeSpan wait)
    {
        var connection = jobs.GetConnection();
        try
        {
            return new Held(connection.AcquireDistributedLock(IncentivesRecalculation.LockOf(quarter), wait), connection);
        }
        catch (DistributedLockTimeoutException)
        {
            connection.Dispose();
            return null;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static ProblemHttpResult Busy(string quarter) =>
        Problems.Conflict($"The statements of {quarter} are being recalculated or approved right now; try again in a moment.");

    private sealed class Held(IDisposable quarterLock, IDisposable connection) : IDisposable
    {
        public void Dispose()
        {
            try { quarterLock.Dispose(); }
            finally { connection.Dispose(); }
        }
    }
}
