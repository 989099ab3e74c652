using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using PartnerPortal.BuildingBlocks.Data;

namespace PartnerPortal.FollowUps.Cases;

/// <summary>The listing's filters (API.md), all optional; <see cref="Open"/> (pages only) = open or in progress.</summary>
internal sealed record CaseQuery(string? PartnerId, string? Quarter, string? Status, string? Overdue, string? After, string? Limit, bool Open = false);

/// <summary>
/// <c>GET /api/v1/followups?partnerId&amp;quarter&amp;status&amp;overdue&amp;after&amp;limit</c> and the Rückmeldungen page:
/// oldest due first (then by store time and id), cursor paging, over both kinds of case (<see cref="CaseRows"/>); a bound caller sees its own partner's cases only, whatever it asks for.
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
        (DateTimeOffset Due, DateTimeOffset Opened, string Id)? cursor = null;
        if (query.After is not null)
        {
            if (CaseCursor.TryDecode(query.After, out var c)) cursor = c;
            else errors.Add("after", "'after' is not a cursor this API gave out.");
        }
        if (!errors.IsValid) return Outcome<CasePage>.Invalid(errors.ToDictionary());

        var now = clock.GetUtcNow();
        var partner = caller.ConfinePartnerFilter(query.PartnerId);
        var worked = await WorkedAsync(query, partner, overdue, cursor, limit, session, now, ct);
        // Unworked cases are open: only an open-or-any status asks for them.
        var unworked = query.Status is null or CaseStatus.Open ? await UnworkedAsync(query, partner, overdue, cursor, limit, session, now, ct) : [];
        var rows = CaseRows.Merge(worked, unworked, limit);
        var items = rows.Take(limit).Select(c => CaseView.Of(c, now)).ToArray();
        var next = rows.Count > limit ? CaseCursor.Encode(rows[limit - 1]) : null;
        return Outcome<CasePage>.Done(new CasePage(items, next));
    }

    /// <summary>The first <paramref name="limit"/> + 1 cases with a document (worked at least once) after the cursor.</summary>
    private static async Task<IReadOnlyList<FollowUpCase>> WorkedAsync(CaseQuery query, string? partner, bool? overdue,
        (DateTimeOffset Due, DateTimeOffset Opened, string Id)? cursor, int limit, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var sql = new StringBuilder($"select data from {MartenTables.Of<FollowUpCase>(session.DocumentStore)} where true");
        var parameters = new List<object>();
        void Filter(string clause, params object[] values) { sql.Append(" and ").Append(clause); parameters.AddRange(values); }
        if (partner is not null) Filter("partner_id = ?", partner);
        if (query.Quarter is not null) Filter("quarter = ?", query.Quarter);
        if (query.Status is not null) Filter("status = ?", query.Status);
        if (query.Open) Filter("status <> ?", CaseStatus.Closed);
        if (overdue == true) Filter("status <> ? and due_at < ?", CaseStatus.Closed, now);
        if (overdue == false) Filter("(status = ? or due_at >= ?)", CaseStatus.Closed, now);
        if (cursor is { } cur) Filter("(due_at, opened_at, id) > (?, ?, ?)", cur.Due, cur.Opened, cur.Id);
        sql.Append(" order by due_at, opened_at, id limit ").Append((limit + 1).ToString(CultureInfo.InvariantCulture));
        return await session.QueryAsync<FollowUpCase>(sql.ToString(), ct, parameters.ToArray());
    }

    /// <summary>The first <paramref name="limit"/> + 1 unworked cases after the cursor, in the store-time order of the
    /// detractors' index: their due time follows the store time, so "due before now" and "after the cursor's due time" are
    /// ranges of it (<see cref="DueDates.FirstStoredDueFrom"/>).</summary>
    private static async Task<IReadOnlyList<FollowUpCase>> UnworkedAsync(CaseQuery query, string? partner, bool? overdue,
        (DateTimeOffset Due, DateTimeOffset Opened, string Id)? cursor, int limit, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var sql = new StringBuilder();
        var parameters = new List<object>();
        void Filter(string clause, params object[] values) { sql.Append(" and ").Append(clause); parameters.AddRange(values); }
        if (partner is not null) Filter($"d.partner_id = ? and {WorkedFloor.From(session.DocumentStore)}", partner, partner);
        if (query.Quarter is not null) Filter("d.quarter = ?", query.Quarter);
        if (overdue == true) Filter("d.received_at < ?", DueDates.FirstStoredDueFrom(now));
        if (overdue == false) Filter("d.received_at >= ?", DueDates.FirstStoredDueFrom(now));
        // After (due, opened, id): due later (stored from the first instant due after it on), or due then and later in
        // (stored, id) order.
        if (cursor is { } cur)
            Filter("d.received_at >= ? and (d.received_at >= ? or (d.received_at, d.id) > (?, ?))",
                DueDates.FirstStoredDueFrom(cur.Due), DueDates.FirstStoredDueAfter(cur.Due), cur.Opened, cur.Id);
        sql.Append(" order by d.received_at, d.id limit ").Append((limit + 1).ToString(CultureInfo.InvariantCulture));
        return await CaseRows.QueryUnworkedAsync(session, sql.ToString(), ct, parameters.ToArray());
    }

    public static async Task<IResult> Endpoint(string? partnerId, string? quarter, [OneOf(typeof(CaseStatus))] string? status, string? overdue, string? after,
        [Range(1, MaxLimit)] string? limit,
        Caller caller, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(new CaseQuery(partnerId, quarter, status, overdue, after, limit), caller, session, clock, ct)).ToHttp(page => page);
}
