using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.Scoring.Scorecards;

public sealed record ScoreCardList(IReadOnlyList<ScoreCardView> Items);

/// <summary><c>GET /api/v1/scoring/scorecards</c>.</summary>
internal static class ListScoreCards
{
    public static async Task<IResult> Handle(string? quarter, string? dimension, string? segment, string? scope, string? partnerId,
        string? shopId, string? channel, Caller caller, ScoreCardQueries queries, CancellationToken ct)
    {
        var filter = new ScoreCardFilter(quarter, dimension, segment, scope, partnerId, shopId, channel);
        var errors = ScoreCardQueries.Validate(filter);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var cards = await queries.ListAsync(filter, caller, ct);
        return TypedResults.Ok(new ScoreCardList(cards.Select(ScoreCardView.Of).ToArray()));
    }
}
