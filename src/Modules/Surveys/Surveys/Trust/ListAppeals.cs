using System.ComponentModel.DataAnnotations;
using PartnerPortal.BuildingBlocks.Data;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Trust;

/// <summary>The listing's filters (API.md): all optional.</summary>
internal sealed record AppealQuery(string? PartnerId, string? Quarter, string? Status, string? After, int? Limit);

/// <summary>
/// <c>GET /api/v1/surveys/appeals?quarter&amp;partnerId&amp;status&amp;after&amp;limit</c> (oldest first, cursor paging; a bound
/// caller sees its own partner's only; one appeal: <see cref="GetAppeal"/>). Back office's inbox and the
/// partner's "Meine Einsprüche" read through the same query.
/// </summary>
internal static class ListAppeals
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private static string Table(IQuerySession session) => MartenTables.Of<Appeal>(session.DocumentStore);
    private static string Decisions(IQuerySession session) => MartenTables.Of<AppealDecision>(session.DocumentStore);

    public static async Task<IResult> Handle(string? partnerId, string? quarter, [OneOf(typeof(AppealStatus))] string? status, string? after, [Range(1, MaxLimit)] string? limit, Caller caller,
        IQuerySession session, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        int? size = null;
        if (limit is not null)
        {
            if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l is >= 1 and <= MaxLimit) size = l;
            else errors.Add("limit", $"'limit' must be an integer from 1 to {MaxLimit}.");
        }
        var page = await QueryAsync(new AppealQuery(partnerId, quarter, status, after, size), caller, session, errors, ct);
        return page is null ? Problems.Validation(errors.ToDictionary()) : TypedResults.Ok(page);
    }

    /// <summary>Runs a query for the API or a page. Returns null (and fills <paramref name="errors"/>) when a filter is invalid.</summary>
    public static async Task<AppealPage?> QueryAsync(AppealQuery query, Caller caller, IQuerySession session, ValidationErrors errors, CancellationToken ct)
    {
        if (query.Quarter is not null && !SharedKernel.Quarter.TryParse(query.Quarter, out _)) errors.Add("quarter", "'quarter' must be of the form YYYY-Qn.");
        if (query.Status is not null && !AppealStatus.All.Contains(query.Status, StringComparer.Ordinal))
            errors.Add("status", $"'status' must be one of: {string.Join(", ", AppealStatus.All)}.");
        (DateTimeOffset At, string Id)? cursor = null;
        if (query.After is not null)
        {
            if (TimeIdCursor.TryDecode(query.After, out var c)) cursor = c;
            else errors.Add("after", "'after' is not a cursor this API gave out.");
        }
        if (!errors.IsValid) return null;

        var sql = new StringBuilder($"select a.data from {Table(session)} a where true");
        var parameters = new List<object>();
        void Filter(string clause, params object[] values) { sql.Append(" and ").Append(clause); parameters.AddRange(values); }
        if (caller.ConfinePartnerFilter(query.PartnerId) is { } partner) Filter("a.partner_id = ?", partner);
        if (query.Quarter is not null) Filter("a.quarter = ?", query.Quarter);
        if (query.Status == AppealStatus.Open) Filter($"not exists (select 1 from {Decisions(session)} d where d.id = a.id)");
        else if (query.Status is not null) Filter($"exists (select 1 from {Decisions(session)} d where d.id = a.id and d.data ->> 'decision' = ?)", query.Status);
        if (cursor is { } cur) Filter("(a.filed_at, a.id) > (?, ?)", cur.At, cur.Id);
        var limit = query.Limit ?? DefaultLimit;
        sql.Append(" order by a.filed_at, a.id limit ").Append((limit + 1).ToString(CultureInfo.InvariantCulture));

        var rows = await session.QueryAsync<Appeal>(sql.ToString(), ct, parameters.ToArray());
        var page = rows.Take(limit).ToArray();
        var decisions = await DecisionsAsync(session, page.Select(a => a.Id), ct);
        var items = page.Select(a => AppealView.Of(a, decisions.GetValueOrDefault(a.Id), caller)).ToArray();
        var next = rows.Count > limit ? TimeIdCursor.Encode(rows[limit - 1].FiledAt, rows[limit - 1].Id) : null;
        return new AppealPage(items, next);
    }

    /// <summary>The appeal of a response, if there is one.</summary>
    public static async Task<Appeal?> ForResponseAsync(IQuerySession session, string responseId, CancellationToken ct) =>
        (await session.QueryAsync<Appeal>($"select data from {Table(session)} where response_id = ?", ct, responseId)).FirstOrDefault();

    /// <summary>The appeals (with their decisions) of some responses, by response id: the Kundenstimmen page marks them.</summary>
    public static async Task<IReadOnlyDictionary<string, AppealView>> ForResponsesAsync(IQuerySession session, IReadOnlyCollection<string> responseIds,
        Caller caller, CancellationToken ct)
    {
        if (responseIds.Count == 0) return new Dictionary<string, AppealView>();
        var appeals = await session.QueryAsync<Appeal>($"select data from {Table(session)} where response_id = any(?)", ct, (object)responseIds.ToArray());
        var decisions = await DecisionsAsync(session, appeals.Select(a => a.Id), ct);
        return appeals.ToDictionary(a => a.ResponseId, a => AppealView.Of(a, decisions.GetValueOrDefault(a.Id), caller), StringComparer.Ordinal);
    }

    /// <summary>Open appeal ids of a quarter by partner, oldest first (<see cref="IOpenAppeals"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> OpenInQuarterAsync(IQuerySession session, string quarter, string? partnerId,
        CancellationToken ct)
    {
        var sql = $"select a.data from {Table(session)} a where a.quarter = ? and not exists (select 1 from {Decisions(session)} d where d.id = a.id)"
                  + (partnerId is null ? "" : " and a.partner_id = ?") + " order by a.filed_at, a.id";
        var open = await session.QueryAsync<Appeal>(sql, ct, partnerId is null ? [quarter] : [quarter, partnerId]);
        return open.GroupBy(a => a.PartnerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(a => a.Id).ToArray(), StringComparer.Ordinal);
    }

    private static async Task<Dictionary<string, AppealDecision>> DecisionsAsync(IQuerySession session, IEnumerable<string> appealIds, CancellationToken ct)
    {
        var ids = appealIds.ToArray();
        return ids.Length == 0
            ? new Dictionary<string, AppealDecision>(StringComparer.Ordinal)
            : (await session.LoadManyAsync<AppealDecision>(ct, ids)).ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

}

/// <summary><see cref="IOpenAppeals"/> for Incentives' approval.</summary>
internal sealed class OpenAppeals(IDocumentStore store) : IOpenAppeals
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> OpenInQuarterAsync(string quarter, string? partnerId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await ListAppeals.OpenInQuarterAsync(session, quarter, partnerId, ct);
    }
}
