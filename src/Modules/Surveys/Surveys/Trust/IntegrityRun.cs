using System.Text.Json.Serialization;

namespace PartnerPortal.Surveys.Trust;

/// <summary>
/// The last run of <c>surveys:integrity</c> for a quarter (id = the quarter): per partner the flag counts and the counts
/// behind its promoter share. The flagged responses themselves are rows of <c>surveys.integrity_flag</c>, written in the same
/// transaction, so the run and its rows are replaced together (<see cref="IntegrityRecalculation"/>).
/// </summary>
public sealed class IntegrityRun
{
    /// <summary>The quarter, e.g. <c>2023-Q2</c>.</summary>
    public string Id { get; set; } = "";
    public DateTimeOffset CalculatedAt { get; set; }
    /// <summary>False when the host ran without Incentives: <c>unknown-transaction</c> and <c>before-transaction</c> were not computed.</summary>
    public bool TransactionsChecked { get; set; }
    /// <summary>The partner-shop responses of the quarter that are not excluded: what the flags were computed over.</summary>
    public int Responses { get; set; }
    public int FlaggedResponses { get; set; }
    public long DurationMs { get; set; }
    public List<PartnerIntegrity> Partners { get; set; } = [];
}

/// <summary>One partner's figures in an <see cref="IntegrityRun"/>, as counted by PostgreSQL; the promoter share follows
/// from them (<see cref="PromoterShare.Of"/>).</summary>
public sealed class PartnerIntegrity
{
    public string PartnerId { get; set; } = "";
    public int Responses { get; set; }
    public int RepeatTransaction { get; set; }
    public int UnknownTransaction { get; set; }
    public int BeforeTransaction { get; set; }
    public int Burst { get; set; }
    public int DuplicateComment { get; set; }
    /// <summary>The partner's touchpoint scores and promoters among them.</summary>
    public int N { get; set; }
    public int Promoters { get; set; }
    /// <summary>Every other partner's partner-shop touchpoint scores of the quarter, and promoters among them.</summary>
    public int OthersN { get; set; }
    public int OthersPromoters { get; set; }

    [JsonIgnore]
    public PromoterShare PromoterShare => PromoterShare.Of(N, Promoters, OthersN, OthersPromoters);
}

/// <summary><c>GET /api/v1/surveys/integrity</c> (API.md): as of the last run; <c>calculatedAt</c> null when there was none.</summary>
public sealed record IntegrityView(string Quarter, DateTimeOffset? CalculatedAt, bool? TransactionsChecked, IReadOnlyList<PartnerIntegrityView> Partners);

/// <summary>A partner: its flag counts, its promoter share, and its responses with at least one flag.</summary>
public sealed record PartnerIntegrityView(string PartnerId, FlagCountsView FlagCounts, PromoterShareView PromoterShare,
    IReadOnlyList<FlaggedResponseView> Responses);

/// <summary>Responses per flag; <c>promoter-share</c> is 1 when the partner is flagged. The transaction flags are null when
/// the run could not check transactions (Incentives off).</summary>
public sealed record FlagCountsView(
    [property: JsonPropertyName(IntegrityFlags.RepeatTransaction)] int RepeatTransaction,
    [property: JsonPropertyName(IntegrityFlags.UnknownTransaction)] int? UnknownTransaction,
    [property: JsonPropertyName(IntegrityFlags.BeforeTransaction)] int? BeforeTransaction,
    [property: JsonPropertyName(IntegrityFlags.Burst)] int Burst,
    [property: JsonPropertyName(IntegrityFlags.DuplicateComment)] int DuplicateComment,
    [property: JsonPropertyName(IntegrityFlags.PromoterShare)] int PromoterShare);

/// <summary>The unrounded figures: <c>p</c> and <c>p0</c> are shares (0–1); <c>z</c> is null where it has no value.</summary>
public sealed record PromoterShareView(int N, double? P, double? P0, double? Z, bool Flagged);

public sealed record FlaggedResponseView(string ResponseId, DateTimeOffset RespondedAt, string? ShopId,
    [OneOf(IntegrityFlags.RepeatTransaction, IntegrityFlags.UnknownTransaction, IntegrityFlags.BeforeTransaction, IntegrityFlags.Burst, IntegrityFlags.DuplicateComment)] IReadOnlyList<string> Flags);
