namespace PartnerPortal.Funds.Ledger;

/// <summary>
/// A partner's WKZ lock (ADR 0046): a PostgreSQL advisory lock per partner, taken inside the session's transaction
/// and held until it commits or rolls back. Everything that moves a partner's balance or earmarks (bookings, cancels,
/// deliveries, allocations, adjustments, a programme's new rates) takes it before its first read, so the earmarks are
/// shared out against a balance nobody else is changing: concurrent bookings never earmark more than the balance.
/// Several partners are locked in id order, so two such transactions cannot wait for each other.
/// </summary>
internal static class WkzLock
{
    /// <summary>Starts the session's transaction and waits for the partners' locks in it.</summary>
    public static async Task EnterAsync(IDocumentSession session, IEnumerable<string> partnerIds, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        foreach (var partnerId in partnerIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            await session.QueryAsync<long>("select count(*) from (select pg_advisory_xact_lock(hashtextextended(?, 0))) taken", ct, KeyOf(partnerId));
    }

    public static string KeyOf(string partnerId) => $"funds:wkz:{partnerId}";
}
