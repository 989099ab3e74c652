namespace PartnerPortal.Surveys.Contracts;

/// <summary>
/// The detractor responses of partner shops (channel <c>partner-shop</c>, a partner, touchpoint 0–6: DOMAIN.md "Closing
/// the loop with detractors"), which Surveys publishes as the read-only view <see cref="View"/> for a module that follows
/// them up (FollowUps, ADR 0049). Surveys keeps the view and the index behind it only while such a module asks for them
/// by registering <see cref="Wanted"/>: a host without FollowUps pays nothing at ingestion.
/// </summary>
/// <remarks>
/// The view's columns: <c>id</c> (the response id), <c>partner_id</c>, <c>shop_id</c>, <c>quarter</c> (of respondedAt,
/// Berlin), <c>touchpoint</c>, <c>comment</c>, <c>responded_at</c> (UTC) and <c>received_at</c> (when ingestion stored it,
/// <see cref="StoredResponse.StoredAt"/>). Behind it, a BRIN over <c>received_at</c> (ADR 0064): the view is cheap to read
/// by ranges of the store time near its end, not by partner. A response's store time is taken inside the transaction that
/// stores it, after that transaction began (PostgreSQL's <c>xact_start</c>), by the host's clock: so once no transaction
/// that began before an instant is running, every response stamped before that instant (less the clocks' skew) is
/// committed and visible. A module that copies the detractors (FollowUps) relies on that.
/// </remarks>
public static class DetractorResponses
{
    public const string View = "surveys.detractor_responses";

    /// <summary>The BRIN over the responses' store time behind <see cref="View"/>. A reader of the newest rows may summarise
    /// its new ranges (<c>brin_summarize_new_values</c>) so that only the last one is read whole: a call's responses share
    /// their store time, so ingestion then updates a range's summary about once per call, not per response.</summary>
    public const string StoreTimeIndex = "surveys.ix_surveyresponse_received_brin";

    public static bool Is(string channel, string? partnerId, int? touchpoint) =>
        channel == Channels.PartnerShop && partnerId is not null && touchpoint is >= 0 and <= 6;

    /// <summary>Registered (as a singleton) by a module that reads <see cref="View"/>.</summary>
    public sealed class Wanted;
}
