using System.Globalization;
using System.Text;
using PartnerPortal.BuildingBlocks.Data;

namespace PartnerPortal.FollowUps.Cases;

/// <summary>The listing's filters (API.md), all optional; <see cref="Open"/> (pages only) = open or in progress.</summary>
internal sealed record CaseQuery(string? PartnerId, string? Quarter, string? Status, string? Overdue, string? After, string? Limit, bool Open = false);

/// <summary>
/// <c>GET /api/v1/followups?partnerId&amp;quarter&amp;status&amp;overdue&amp;after&amp;limit</c> and the Rückmeldungen page:
/// oldest due first (then by id), cursor paging; a bound caller sees its own partner's cases only, whatever it asks for.
/// </summary>
internal static class ListCases
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static async Task<Outcome<CasePage>> HandleAsync(CaseQuery query, Caller caller, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (query.PartnerId is not null) errors.Identifier("partnerId", query.PartnerId);
        if (query.Quarter is not null) errors.Quarter("quarter", query.Quarter, out _);
        if (query.Status is not null && !CaseStatus.All.Contains(query.Status, StringComparer.Ordinal))
            errors.Add("status", $"'status' must be one of: {string.Join(", ", CaseStatus.All)}.");
        bool? overdue = query.Overdue switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        if (query.Overdue is not null && overdue is null) errors.Add("overdue", "'overdue' must be true or false.");
        var limit = DefaultLimit;
        if (query.Limit is not null)
        {
            if (int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l is >= 1 and <= MaxLimit) limit = l;
            else errors.Add("limit", $"'limit' must be an integer from 1 to {MaxLimit}.");
        }
        (DateTimeOffset At, string Id)? cursor = null;
        if (query.After is not null)
        {
            if (TimeIdCursor.TryDecode(query.After, out var c)) cursor = c;
            else errors.Add("after", "'after' is not a cursor this API gave out.");
        }
        if (!errors.IsValid) return Outcome<CasePage>.Invalid(errors.ToDictionary());

        var now = clock.GetUtcNow();
        var sql = new StringBuilder($"select data from {MartenTables.Of<FollowUpCase>(session.DocumentStore)} where true");
        var parameters = new List<object>();
        void Filter(string clause, params object[] values) { sql.Append(" and ").Append(clause); parameters.AddRange(values); }
        if (caller.ConfinePartnerFilter(query.PartnerId) is { } partner) Filter("partner_id = ?", partner);
        if (query.Quarter is not null) Filter("quarter = ?", query.Quarter);
        if (query.Status is not null) Filter("status = ?", query.Status);
        if (query.Open) Filter("status <> ?", CaseStatus.Closed);
        if (overdue == true) Filter("status <> ? and due_at < ?", CaseStatus.Closed, now);
        if (overdue == false) Filter("(status = ? or due_at >= ?)", CaseStatus.Closed, now);
        if (cursor is { } cur) Filter("(due_at, id) > (?, ?)", cur.At, cur.Id);
        sql.Append(" order by due_at, id limit ").Append((limit + 1).ToString(CultureInfo.InvariantCulture));

        var rows = await session.QueryAsync<FollowUpCase>(sql.ToString(), ct, parameters.ToArray());
        var items = rows.Take(limit).Select(c => CaseView.Of(c, now)).ToArray();
        var next = rows.Count > limit ? TimeIdCursor.Encode(rows[limit - 1].DueAt, rows[limit - 1].Id) : null;
        return Outcome<CasePage>.Done(new CasePage(items, next));
    }

    public static async Task<IResult> Endpoint(string? partnerId, string? quarter, string? status, string? overdue, string? after, string? limit,
        Caller caller, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(new CaseQuery(partnerId, quarter, status, overdue, after, limit), caller, session, clock, ct)).ToHttp(page => page);
}
