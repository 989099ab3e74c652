
namespace PartnerPortal.Incentives.Plans;

/// <summary>
/// The plan lock of ADR 0028: a PostgreSQL advisory lock per quarter, taken inside the session's transaction and held
/// until that transaction commits or rolls back. Every plan change (the plan or a partner's targets) and every approval
/// take it before their first read. So a plan change sees every approval committed before it (and answers 409: frozen),
/// and an approval sees every plan change committed before it (and answers 409: recalculate first) — nothing can commit
/// between one's check and its write. Waiters are woken by PostgreSQL at the holder's commit; nothing polls.
/// </summary>
internal static class PlanLock
{
    /// <summary>Starts the session's transaction and waits for the quarter's plan lock in it.</summary>
    public static async Task EnterAsync(IDocumentSession session, string quarter, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<long>("select count(*) from (select pg_advisory_xact_lock(hashtextextended(?, 0))) taken", ct, KeyOf(quarter));
    }

    public static string KeyOf(string quarter) => $"incentives:plan:{quarter}";

    /// <summary>A plan is frozen once a statement of its quarter is approved. Decisive only under the lock.</summary>
    public static Task<bool> IsFrozenAsync(IQuerySession session, string quarter, CancellationToken ct) =>
        session.Query<Statement>().AnyAsync(s => s.Quarter == quarter && s.Status == StatementStatus.Approved, ct);

    /// <summary>409: the plan is frozen.</summary>
    public static Outcome<T> Frozen<T>(string quarter) =>
        Outcome<T>.Conflict($"The plan of {quarter} is frozen: a statement of that quarter has been approved.");
}
