namespace PartnerPortal.Scoring.Scorecards;

/// <summary>One score card: a quarter × dimension × segment × scope, with unrounded figures. Schema <c>scoring</c>.</summary>
public sealed class ScoreCard
{
    public string Id { get; set; } = "";
    public string Quarter { get; set; } = "";
    public string Dimension { get; set; } = "";
    public string Segment { get; set; } = "";
    public string Scope { get; set; } = "";
    public string? PartnerId { get; set; }
    public string? ShopId { get; set; }
    public string? Channel { get; set; }
    public int N { get; set; }
    public int Promoters { get; set; }
    public int Passives { get; set; }
    public int Detractors { get; set; }
    public double Nps { get; set; }
    public double Adjusted { get; set; }
    public double StandardError { get; set; }
    public double CiLow { get; set; }
    public double CiHigh { get; set; }
    public double Moe95 { get; set; }
    public bool SufficientSample { get; set; }
    public DateTimeOffset CalculatedAt { get; set; }

    public NpsFigures Figures => new(Nps, Adjusted, StandardError, CiLow, CiHigh, Moe95);

    public static string IdOf(string quarter, string dimension, string segment, string scope, string? partnerId, string? shopId, string? channel) =>
        string.Join('|', quarter, dimension, segment, scope, partnerId ?? channel ?? "-", shopId ?? "-");

    public static ScoreCard From(string quarter, string dimension, string segment, string scope, string? partnerId, string? shopId,
        string? channel, int n, int promoters, int passives, int detractors, DateTimeOffset calculatedAt)
    {
        var f = NpsMath.Compute(n, promoters, detractors);
        return new ScoreCard
        {
            Id = IdOf(quarter, dimension, segment, scope, partnerId, shopId, channel),
            Quarter = quarter, Dimension = dimension, Segment = segment, Scope = scope,
            PartnerId = partnerId, ShopId = shopId, Channel = channel,
            N = n, Promoters = promoters, Passives = passives, Detractors = detractors,
            Nps = f.Nps, Adjusted = f.Adjusted, StandardError = f.StandardError, CiLow = f.CiLow, CiHigh = f.CiHigh, Moe95 = f.Moe95,
            SufficientSample = NpsMath.IsSufficient(n),
            CalculatedAt = calculatedAt,
        };
    }
}
