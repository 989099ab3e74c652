namespace PartnerPortal.Surveys.Contracts;

/// <summary>
/// The detractor responses of partner shops (channel <c>partner-shop</c>, a partner, touchpoint 0–6: DOMAIN.md "Closing
/// the loop with detractors"), which Surveys publishes as the read-only view <see cref="View"/> for a module that follows
/// them up (FollowUps, ADR 0049). Surveys keeps the view and a partial index behind it (one entry per detractor, none
/// for the other responses) only while such a module asks for them by registering <see cref="Wanted"/>: a host without
/// FollowUps pays nothing at ingestion.
/// </summary>
/// <remarks>
/// The view's columns: <c>id</c> (the response id), <c>partner_id</c>, <c>shop_id</c>, <c>quarter</c> (of respondedAt,
/// Berlin), <c>touchpoint</c>, <c>comment</c>, <c>responded_at</c> (UTC) and <c>received_at</c> (when ingestion stored it,
/// <see cref="StoredResponse.StoredAt"/>). A partner's rows are cheapest read by <c>partner_id</c> in
/// <c>(received_at, id)</c> order, the index's order; <c>quarter</c> is in the index too.
/// </remarks>
public static class DetractorResponses
{
    public const string View = "surveys.detractor_responses";

    public static bool Is(string channel, string? partnerId, int? touchpoint) =>
        channel == Channels.PartnerShop && partnerId is not null && touchpoint is >= 0 and <= 6;

    /// <summary>Registered (as a singleton) by a module that reads <see cref="View"/>.</summary>
    public sealed class Wanted;
}
