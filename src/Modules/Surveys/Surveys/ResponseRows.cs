using PartnerPortal.BuildingBlocks.Data;

namespace PartnerPortal.Surveys;

/// <summary>
/// Every read of stored <see cref="SurveyResponse"/>s (ADR 0058). A response's values live in the columns of its table;
/// its Marten document keeps only what has no column: <see cref="SurveyResponse.RespondedAt"/> as sent (with the sender's
/// offset), <see cref="SurveyResponse.TransactionId"/> and <see cref="SurveyResponse.Comment"/> (the comment search's
/// index reads it there). So Marten's own <c>LoadAsync&lt;SurveyResponse&gt;</c> would give a response without its
/// partner or scores: reads go through here, which put the columns and the document together into the whole JSON that
/// Marten's serializer reads. A test keeps <c>LoadAsync</c>, <c>LoadManyAsync</c> and <c>Query</c> of
/// <see cref="SurveyResponse"/> out of the code.
/// </summary>
internal static class ResponseRows
{
    /// <summary>The row <c>d</c> of the responses' table as the whole document: its columns, with the document's fields
    /// over them. A document written before ADR 0058 holds every field; its values are the columns' (the arrival time to
    /// the tick, where the column keeps microseconds).</summary>
    public const string Json =
        "(jsonb_build_object('id', d.id, 'segment', d.segment, 'channel', d.channel, 'partnerId', d.partner_id, 'shopId', d.shop_id, "
        + "'brand', d.brand, 'product', d.product, 'touchpoint', d.touchpoint, 'receivedAt', d.received_at) || d.data)";

    /// <summary>The responses of the table's rows <c>d</c> that <paramref name="conditions"/> select (<c>where …</c>,
    /// then <c>order by</c> and <c>limit</c> as needed; Marten's <c>?</c> parameters).</summary>
    public static Task<IReadOnlyList<SurveyResponse>> QueryAsync(IQuerySession session, string conditions, CancellationToken ct, params object[] parameters) =>
        session.QueryAsync<SurveyResponse>($"select {Json} from {MartenTables.Of<SurveyResponse>(session.DocumentStore)} d {conditions}", ct, parameters);

    /// <summary>The response of <paramref name="id"/>, or null.</summary>
    public static async Task<SurveyResponse?> LoadAsync(IQuerySession session, string id, CancellationToken ct) =>
        (await QueryAsync(session, "where d.id = ?", ct, id)).FirstOrDefault();

    /// <summary>The responses of <paramref name="ids"/> that exist, by id (the ids one array parameter).</summary>
    public static async Task<Dictionary<string, SurveyResponse>> LoadManyAsync(IQuerySession session, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        ids.Count == 0
            ? new Dictionary<string, SurveyResponse>(StringComparer.Ordinal)
            : (await QueryAsync(session, "where d.id = any(?)", ct, [ids.ToArray()])).ToDictionary(r => r.Id, StringComparer.Ordinal);
}
