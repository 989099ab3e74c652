namespace PartnerPortal.Incentives.Sales;

/// <summary>A sales transaction (Geschäftsvorfall) from the sales system; the id is the transactionId.</summary>
public sealed class SalesTransaction
{
    public string Id { get; set; } = "";
    public string PartnerId { get; set; } = "";
    public string? ShopId { get; set; }
    /// <summary><c>mobile</c> or <c>fixed</c>.</summary>
    public string Category { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>The quarter of <see cref="OccurredAt"/> in Europe/Berlin time.</summary>
    public string Quarter { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>The cancellation (Storno) of a transaction; the id is the transaction's id, so it exists at most once.</summary>
public sealed class Cancellation
{
    public string Id { get; set; } = "";
    public string PartnerId { get; set; } = "";
    public string Category { get; set; } = "";
    public DateTimeOffset CancelledAt { get; set; }
    /// <summary>The quarter of <see cref="CancelledAt"/> in Europe/Berlin time (where a clawback lands).</summary>
    public string Quarter { get; set; } = "";
    /// <summary>The quarter the cancelled transaction occurred in.</summary>
    public string TransactionQuarter { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
}
