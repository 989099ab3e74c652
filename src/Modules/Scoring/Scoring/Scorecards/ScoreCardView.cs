using PartnerPortal.Surveys.Contracts;
using System.Text.Json.Serialization;

namespace PartnerPortal.Scoring.Scorecards;

/// <summary>A score card as the API shows it: figures rounded to one decimal, half away from zero.</summary>
public sealed record ScoreCardView(
    string Quarter, [OneOf(typeof(Dimensions))] string Dimension, [OneOf(typeof(CardSegments))] string Segment, [OneOf(typeof(CardScopes))] string Scope,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PartnerId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ShopId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), OneOf(typeof(Channels))] string? Channel,
    int N, int Promoters, int Passives, int Detractors, double Nps, double CiLow, double CiHigh, double Moe95,
    bool SufficientSample, DateTimeOffset CalculatedAt)
{
    public static ScoreCardView Of(ScoreCard c) => new(
        c.Quarter, c.Dimension, c.Segment, c.Scope, c.PartnerId, c.ShopId, c.Channel, c.N, c.Promoters, c.Passives, c.Detractors,
        NpsMath.Round1(c.Nps), NpsMath.Round1(c.CiLow), NpsMath.Round1(c.CiHigh), NpsMath.Round1(c.Moe95), c.SufficientSample, c.CalculatedAt);
}
