using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Listing;

/// <summary>The Kundenstimmen filters as the page and its CSV export receive them (raw query strings).</summary>
public sealed record CommentRequest(string? Partner, string? Shop, string? Quarter, string? Dimension, bool DetractorsOnly, string? Search,
    string? After = null, string? Before = null);

/// <summary>The filters once checked: the partner the caller may see (null: every partner, back office only), its name
/// and shops (for labels), and the full-text query built from the search words.</summary>
public sealed record CommentFilter(string? PartnerId, PartnerInfo? Partner, string? ShopId, string? Quarter, string? Dimension,
    bool DetractorsOnly, string? Search, string? TsQuery, (DateTimeOffset At, string Id)? After, (DateTimeOffset At, string Id)? Before);

/// <summary>A page of comments: <see cref="Total"/> matches (counted up to <see cref="SearchComments.CountCap"/>, then
/// <see cref="TotalCapped"/>), cursors to the older (<see cref="Next"/>) and newer (<see cref="Previous"/>) page.</summary>
public sealed record CommentPage(CommentFilter Filter, IReadOnlyList<ResponseView> Items, long Total, bool TotalCapped, string? Next, string? Previous);

/// <summary>
/// Kundenstimmen: the comments a caller may read, filtered by partner (back office), shop, quarter, question and
/// detractors, searched in their text (PostgreSQL full text, German stemming, each word as a prefix; GIN index, ADR
/// 0044), counted and paged both ways. A partner user is confined to its own partner: another partner in the URL is
/// 403, a shop that is not its own 404 (as a shop that does not exist, so nothing is learnt). The CSV export runs the
/// same filters through <see cref="ValidateAsync"/> and <see cref="StreamAsync"/>.
/// </summary>
internal static partial class SearchComments
{
    public const int PageSize = 25;
    public const int CountCap = 10_000;
    public const int MaxSearchLength = 100;
    private const int MaxSearchWords = 8;

    /// <summary>The column expression the full-text index is built on (must match it exactly, else the index is not used).</summary>
    internal const string CommentVector = "to_tsvector('german'::regconfig, (data ->> 'comment'))";

    /// <summary>The condition every search starts with, and the full-text index's predicate: the index holds the rows with
    /// a comment only (about one in ten), and the planner uses it because the search states the same condition (ADR 0050).</summary>
    internal const string HasComment = "coalesce(data ->> 'comment', '') <> ''";

    public static async Task<Outcome<CommentPage>> HandleAsync(CommentRequest request, Caller caller, IQuerySession session,
        IPartnerDirectory partners, CancellationToken ct)
    {
        var checkedFilter = await ValidateAsync(request, caller, partners, ct);
        if (!checkedFilter.Succeeded) return new Outcome<CommentPage>(checkedFilter.Kind, Errors: checkedFilter.Errors, Message: checkedFilter.Message);
        var filter = checkedFilter.Value!;

        var (where, parameters) = Where(filter);
        var newer = filter.Before is not null;
        var sql = new StringBuilder(where);
        var args = new List<object>(parameters);
        if (filter.After is { } after) { sql.Append(" and (responded_at_utc, id) < (?, ?)"); args.AddRange([after.At, after.Id]); }
        if (filter.Before is { } before) { sql.Append(" and (responded_at_utc, id) > (?, ?)"); args.AddRange([before.At, before.Id]); }
        sql.Append(newer ? " order by responded_at_utc, id" : " order by responded_at_utc desc, id desc")
            .Append(" limit ").Append((PageSize + 1).ToString(CultureInfo.InvariantCulture));
        var rows = await ResponseRows.QueryAsync(session, sql.ToString(), ct, args.ToArray());
        var more = rows.Count > PageSize;
        var page = rows.Take(PageSize).ToList();
        if (newer) page.Reverse();

        var excluded = page.Count == 0
            ? new Dictionary<string, Trust.ResponseExclusion>()
            : (await session.LoadManyAsync<Trust.ResponseExclusion>(ct, page.Select(r => r.Id).ToArray())).ToDictionary(x => x.Id, StringComparer.Ordinal);
        var items = page.Select(r => ListResponses.ToView(r, excluded.GetValueOrDefault(r.Id), caller)).ToArray();

        // Older: after the last item, when there is more (newest-first) or always when paging back from an older page.
        // Newer: before the first item, when this page was reached by paging (there is a newer page) or more were found newer.
        string? Cursor(SurveyResponse r) => TimeIdCursor.Encode(r.RespondedAtUtc, r.Id);
        var next = page.Count == 0 ? null : newer || more ? Cursor(page[^1]) : null;
        var previous = page.Count == 0 ? null : filter.After is not null || (newer && more) ? Cursor(page[0]) : null;

        var counted = await session.QueryAsync<long>(
            $"select count(*) from (select 1 from {MartenTables.Of<SurveyResponse>(session.DocumentStore)} d {where} limit {CountCap + 1}) x",
            ct, parameters);
        var total = counted.Single();
        return Outcome<CommentPage>.Done(new CommentPage(filter, items, Math.Min(total, CountCap), total > CountCap, next, previous));
    }

    /// <summary>Checks the filters for the caller: nothing is read before they are known to be valid and the caller's own.</summary>
    public static async Task<Outcome<CommentFilter>> ValidateAsync(CommentRequest request, Caller caller, IPartnerDirectory partners, CancellationToken ct)
    {
        var partnerId = Blank(request.Partner);
        var shopId = Blank(request.Shop);
        var quarter = Blank(request.Quarter);
        var dimension = Blank(request.Dimension);
        var search = Blank(request.Search)?.Trim();
        var errors = new ValidationErrors();
        if (partnerId is not null && !Identifiers.IsValid(partnerId)) errors.Add("partner", "'partner' is not a partner id.");
        if (shopId is not null && !Identifiers.IsValid(shopId)) errors.Add("shop", "'shop' is not a shop id.");
        if (quarter is not null) errors.Quarter("quarter", quarter, out _);
        if (dimension is not null && !Dimensions.All.Contains(dimension)) errors.Add("dimension", $"'dimension' must be one of: {string.Join(", ", Dimensions.All)}.");
        string? tsQuery = null;
        if (search is not null)
        {
            if (search.Length > MaxSearchLength || !TextRules.IsStorable(search)) errors.Add("q", $"The search may have at most {MaxSearchLength} characters.");
            else if ((tsQuery = TsQuery(search)) is null) errors.Add("q", "The search needs at least one word (letters or digits).");
        }
        (DateTimeOffset, string)? after = null, before = null;
        if (Blank(request.After) is { } a)
        {
            if (TimeIdCursor.TryDecode(a, out var c)) after = c;
            else errors.Add("after", "'after' is not a cursor this page gave out.");
        }
        if (Blank(request.Before) is { } b)
        {
            if (TimeIdCursor.TryDecode(b, out var c)) before = c;
            else errors.Add("before", "'before' is not a cursor this page gave out.");
        }
        if (after is not null && before is not null) errors.Add("before", "'after' and 'before' cannot be combined.");
        if (!errors.IsValid) return Outcome<CommentFilter>.Invalid(errors.ToDictionary());

        // A partner user reads its own partner only; naming another is refused as the API's partner guard refuses it.
        if (partnerId is not null && !caller.CanAccessPartner(partnerId)) return Outcome<CommentFilter>.PartnerForbidden(partnerId);
        var effective = caller.ConfinePartnerFilter(partnerId);
        PartnerInfo? partner = null;
        if (effective is not null)
        {
            partner = await partners.FindAsync(effective, ct);
            if (partner is null) return Outcome<CommentFilter>.NotFound($"Partner '{effective}' does not exist.");
        }
        if (shopId is not null)
        {
            if (partner is null) return Outcome<CommentFilter>.Invalid("shop", "Choose a partner before a shop.");
            // Another partner's shop is answered like one that does not exist: the answer tells nothing about it.
            if (!partner.HasShop(shopId)) return Outcome<CommentFilter>.NotFound($"Shop '{shopId}' does not exist.");
        }
        return Outcome<CommentFilter>.Done(new CommentFilter(effective, partner, shopId, quarter, dimension, request.DetractorsOnly, search, tsQuery, after, before));
    }

    /// <summary>Every match of the filter, newest first, read in batches (the export; no cursor, no cap).</summary>
    public static async IAsyncEnumerable<ResponseView> StreamAsync(CommentFilter filter, Caller caller, IQuerySession session,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        const int batch = 1000;
        var (where, parameters) = Where(filter);
        (DateTimeOffset At, string Id)? after = null;
        while (true)
        {
            var sql = new StringBuilder(where);
            var args = new List<object>(parameters);
            if (after is { } c) { sql.Append(" and (responded_at_utc, id) < (?, ?)"); args.AddRange([c.At, c.Id]); }
            sql.Append(" order by responded_at_utc desc, id desc limit ").Append(batch.ToString(CultureInfo.InvariantCulture));
            var rows = await ResponseRows.QueryAsync(session, sql.ToString(), ct, args.ToArray());
            if (rows.Count == 0) yield break;
            var excluded = (await session.LoadManyAsync<Trust.ResponseExclusion>(ct, rows.Select(r => r.Id).ToArray())).ToDictionary(x => x.Id, StringComparer.Ordinal);
            foreach (var r in rows) yield return ListResponses.ToView(r, excluded.GetValueOrDefault(r.Id), caller);
            if (rows.Count < batch) yield break;
            after = (rows[^1].RespondedAtUtc, rows[^1].Id);
        }
    }

    /// <summary>The prefix query of the search's words (letters and digits only, so nothing of the text reaches the
    /// query syntax): <c>wart:* &amp; lang:*</c>; null when it holds no word.</summary>
    internal static string? TsQuery(string search)
    {
        var words = Word().Matches(search).Select(m => m.Value.ToLowerInvariant()).Distinct().Take(MaxSearchWords).ToArray();
        return words.Length == 0 ? null : string.Join(" & ", words.Select(w => w + ":*"));
    }

    internal static (string Where, object[] Parameters) Where(CommentFilter f)
    {
        var sql = new StringBuilder("where ").Append(HasComment);
        var parameters = new List<object>();
        void Filter(string clause, params object[] values) { sql.Append(" and ").Append(clause); parameters.AddRange(values); }
        if (f.PartnerId is not null) Filter("partner_id = ?", f.PartnerId);
        if (f.ShopId is not null) Filter("shop_id = ?", f.ShopId);
        if (f.Quarter is not null) Filter("quarter = ?", f.Quarter);
        if (f.Dimension is null && f.DetractorsOnly) Filter("(brand <= 6 or product <= 6 or touchpoint <= 6)");
        else if (f.Dimension is not null)
        {
            // The column name comes from the closed list, never from the request text itself.
            var column = Dimensions.All.First(d => d == f.Dimension);
            Filter(f.DetractorsOnly ? $"{column} <= 6" : $"{column} is not null");
        }
        if (f.TsQuery is not null) Filter($"{CommentVector} @@ to_tsquery('german'::regconfig, ?)", f.TsQuery);
        return (sql.ToString(), parameters.ToArray());
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
