using System.Text.Json.Serialization;

namespace PartnerPortal.Surveys;

/// <summary>
/// One customer's answers, stored once per <see cref="Id"/> (the vendor's responseId). Document in schema
/// <c>surveys</c> whose values live in real columns (listing, aggregation and follow-up read them there); the stored JSON
/// keeps only what has no column: the response time as sent, the transaction and the comment (ADR 0058; ingestion writes
/// it, see <see cref="Ingestion.ResponseDocument"/>). Read responses through <see cref="ResponseRows"/>, never with
/// Marten's <c>LoadAsync</c> or <c>Query</c>, which see the stored JSON only.
/// </summary>
public sealed class SurveyResponse
{
    public string Id { get; set; } = "";
    /// <summary>As sent, with the sender's offset.</summary>
    public DateTimeOffset RespondedAt
    {
        get;
        set
        {
            field = value;
            _quarter = null;
        }
    }
    /// <summary>The same instant in UTC: the column listings sort and page on.</summary>
    [JsonIgnore]
    public DateTimeOffset RespondedAtUtc => RespondedAt.ToUniversalTime();
    /// <summary>The quarter of <see cref="RespondedAt"/> in Europe/Berlin time, e.g. <c>2023-Q2</c>.</summary>
    [JsonIgnore]
    public string Quarter => _quarter ??= SharedKernel.Quarter.Of(RespondedAt).ToString();
    /// <summary>Worked out once: ingestion reads it for the COPY and again for the listeners (a time-zone conversion each).</summary>
    private string? _quarter;
    public string Segment { get; set; } = "";
    public string Channel { get; set; } = "";
    public string? PartnerId { get; set; }
    public string? ShopId { get; set; }
    public string? TransactionId { get; set; }
    public int? Brand { get; set; }
    public int? Product { get; set; }
    public int? Touchpoint { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>DOMAIN.md: the same response again is a duplicate, other content under its id a conflict. Same content =
    /// the same instant (the offset it was written with does not count) and the same values; when it arrived does not count.</summary>
    public bool HasSameContentAs(SurveyResponse other) =>
        RespondedAt.UtcTicks == other.RespondedAt.UtcTicks
        && string.Equals(Segment, other.Segment, StringComparison.Ordinal)
        && string.Equals(Channel, other.Channel, StringComparison.Ordinal)
        && string.Equals(PartnerId, other.PartnerId, StringComparison.Ordinal)
        && string.Equals(ShopId, other.ShopId, StringComparison.Ordinal)
        && string.Equals(TransactionId, other.TransactionId, StringComparison.Ordinal)
        && Brand == other.Brand && Product == other.Product && Touchpoint == other.Touchpoint
        && string.Equals(Comment, other.Comment, StringComparison.Ordinal);
}
