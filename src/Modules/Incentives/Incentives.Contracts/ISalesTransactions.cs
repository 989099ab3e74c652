namespace PartnerPortal.Incentives.Contracts;

/// <summary>
/// What other modules may learn of the sales transactions Incentives holds (DOMAIN.md "Trust in the score": Surveys
/// checks that a response's transaction is its partner's and came first). A query interface, not the table: no module
/// reads another's schema. A host without Incentives has no implementation; callers must cope with that.
/// </summary>
public interface ISalesTransactions
{
    /// <summary>
    /// The known transactions among <paramref name="transactionIds"/> (unknown ids are simply absent; an id given twice
    /// is returned once), streamed both ways: the ids may be millions. The ids may be read to their end before the first
    /// transaction is returned, so a caller must not wait for results before it has handed over every id. Cancelled
    /// transactions are known transactions too.
    /// </summary>
    IAsyncEnumerable<SalesTransactionFact> FindAsync(IAsyncEnumerable<string> transactionIds, CancellationToken cancellationToken);
}

/// <summary>A transaction as others may see it: its id, its partner, when it happened.</summary>
public sealed record SalesTransactionFact(string TransactionId, string PartnerId, DateTimeOffset OccurredAt);
