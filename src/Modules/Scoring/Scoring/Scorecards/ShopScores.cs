using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Scoring.Scorecards;

/// <summary>One shop of a partner in the Übersicht's shop table: its touchpoint card of the quarter, null without responses.</summary>
public sealed record ShopRow(ShopInfo Shop, ScoreCardView? Touchpoint);

/// <summary>One shop's page: its three figures of the quarter and its four-quarter touchpoint trend.</summary>
public sealed record ShopSummaryView(string PartnerId, string PartnerName, ShopInfo Shop, string Quarter, string Segment, DimensionCards Dimensions,
    IReadOnlyList<TrendPoint> Trend);

/// <summary>
/// Shop level (issue 18): every shop of a partner with its touchpoint NPS, and one shop's figures and trend, from the
/// shop-scope score cards Scoring already writes (DOMAIN.md: a partner's shops are its partner-shop responses by shop).
/// A partner user reaches its own partner only (403 for another), a shop that is not the partner's is 404.
/// </summary>
internal static class ShopScores
{
    /// <summary>Every shop of the partner in the directory's order, worst sufficient NPS first is left to the page.</summary>
    public static async Task<IReadOnlyList<ShopRow>> ListAsync(PartnerInfo partner, Quarter quarter, string segment, IQuerySession session, CancellationToken ct)
    {
        var cards = await session.QueryAsync<ScoreCard>(
            "where quarter = ? and segment = ? and scope = ? and partner_id = ? and dimension = ?",
            ct, quarter.ToString(), segment, CardScopes.Shop, partner.PartnerId, Dimensions.Touchpoint);
        var byShop = cards.Where(c => c.ShopId is not null).ToDictionary(c => c.ShopId!, StringComparer.Ordinal);
        return partner.Shops.Select(s => new ShopRow(s, byShop.TryGetValue(s.ShopId, out var c) ? ScoreCardView.Of(c) : null)).ToArray();
    }

    public static async Task<Outcome<ShopSummaryView>> HandleAsync(string partnerId, string shopId, string? quarter, string? segment, Caller caller,
        ScoreCardQueries queries, IPartnerDirectory partners, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!Identifiers.IsValid(partnerId)) errors.Add("partnerId", "'partnerId' is not a partner id.");
        if (!Identifiers.IsValid(shopId)) errors.Add("shopId", "'shopId' is not a shop id.");
        Quarter q = Quarter.Of(clock.GetUtcNow());
        if (!string.IsNullOrEmpty(quarter) && errors.Quarter("quarter", quarter, out var parsed)) q = parsed;
        segment = string.IsNullOrEmpty(segment) ? "all" : segment;
        if (segment is not ("all" or "private" or "business")) errors.Add("segment", "'segment' must be one of: private, business, all.");
        if (!errors.IsValid) return Outcome<ShopSummaryView>.Invalid(errors.ToDictionary());
        if (!caller.CanAccessPartner(partnerId)) return Outcome<ShopSummaryView>.PartnerForbidden(partnerId);
        var partner = await partners.FindAsync(partnerId, ct);
        if (partner is null) return Outcome<ShopSummaryView>.NotFound($"Partner '{partnerId}' does not exist.");
        var shop = partner.Shops.FirstOrDefault(s => s.ShopId == shopId);
        if (shop is null) return Outcome<ShopSummaryView>.NotFound($"Shop '{shopId}' does not exist.");

        var quarters = PartnerSummary.QuartersOf(q);
        var cards = (await queries.ForPartnerAsync(partnerId, quarters.Select(x => x.ToString()), segment, ct))
            .Where(c => c.Scope == CardScopes.Shop && c.ShopId == shopId).ToArray();
        ScoreCard? Card(Quarter at, string dimension) => cards.FirstOrDefault(c => c.Quarter == at.ToString() && c.Dimension == dimension);
        ScoreCardView? View(ScoreCard? c) => c is null ? null : ScoreCardView.Of(c);
        return Outcome<ShopSummaryView>.Done(new ShopSummaryView(partnerId, partner.Name, shop, q.ToString(), segment,
            new DimensionCards(View(Card(q, Dimensions.Brand)), View(Card(q, Dimensions.Product)), View(Card(q, Dimensions.Touchpoint))),
            PartnerSummary.TrendOf(quarters, at => Card(at, Dimensions.Touchpoint))));
    }
}
