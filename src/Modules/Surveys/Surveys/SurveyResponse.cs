namespace PartnerPortal.Surveys;

/// <summary>
/// One customer's answers, stored once per <see cref="Id"/> (the vendor's responseId). Document in schema
/// <c>surveys</c>; the fields Scoring aggregates on are duplicated into real columns.
/// </summary>
public sealed class SurveyResponse
{
    public string Id { get; set; } = "";
    /// <summary>As sent, with the sender's offset.</summary>
    public DateTimeOffset RespondedAt { get; set; }
    /// <summary>The same instant in UTC: the column listings sort and page on.</summary>
    public DateTimeOffset RespondedAtUtc { get; set; }
    /// <summary>The quarter of <see cref="RespondedAt"/> in Europe/Berlin time, e.g. <c>2023-Q2</c>.</summary>
    public string Quarter { get; set; } = "";
    public string Segment { get; set; } = "";
    public string Channel { get; set; } = "";
    public string? PartnerId { get; set; }
    public string? ShopId { get; set; }
    public string? TransactionId { get; set; }
    public int? Brand { get; set; }
    public int? Product { get; set; }
    public int? Touchpoint { get; set; }
    public string? Comment { get; set; }
    /// <summary>SHA-256 of the content as sent: equal hash = duplicate, other hash = conflict.</summary>
    public string ContentHash { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
}
