using System.ComponentModel.DataAnnotations;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Listing;

/// <summary>A stored response as the API shows it. <see cref="Flags"/>: its integrity flags in the quarter's last run, for back
/// office's <c>GET …/responses/{responseId}</c> only; absent (not null) everywhere else, so partners never see the field.</summary>
public sealed record ResponseView(
    string ResponseId, DateTimeOffset RespondedAt, string Quarter, [OneOf(typeof(Segments))] string Segment, [OneOf(typeof(Channels))] string Channel,
    string? PartnerId, string? ShopId,
    string? TransactionId, ScoresView Scores, string? Comment, Trust.ExclusionView? Excluded = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [OneOf(Trust.IntegrityFlags.RepeatTransaction, Trust.IntegrityFlags.UnknownTransaction, Trust.IntegrityFlags.BeforeTransaction, Trust.IntegrityFlags.Burst, Trust.IntegrityFlags.DuplicateComment)] IReadOnlyList<string>? Flags = null);

public sealed record ScoresView([Range(0, 10)] int? Brand, [Range(0, 10)] int? Product, [Range(0, 10)] int? Touchpoint);

internal sealed record ResponsePage(IReadOnlyList<ResponseView> Items, string? Next);

/// <summary>The listing's filters (API.md) plus <c>hasComment</c>, used by the Kundenstimmen page.</summary>
internal sealed record ResponseQuery(string? PartnerId, string? Quarter, string? Channel, string? Dimension, int? MaxScore, string? After, int? Limit, bool? HasComment);

/// <summary><c>GET /api/v1/surveys/responses</c>: newest first, cursor paging, a bound caller sees its partner only.</summary>
internal static class ListResponses
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static async Task<IResult> Handle(string? partnerId, string? quarter, string? channel, string? dimension, string? maxScore,
        string? after, [Range(1, MaxLimit)] string? limit, bool? hasComment, Caller caller, IQuerySession session, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        int? max = null;
        if (maxScore is not null)
        {
            if (int.TryParse(maxScore, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m <= 10) max = m;
            else errors.Add("maxScore", "'maxScore' must be an integer from 0 to 10.");
        }
        int? size = null;
        if (limit is not null)
        {
            if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l is >= 1 and <= MaxLimit) size = l;
            else errors.Add("limit", $"'limit' must be an integer from 1 to {MaxLimit}.");
        }
        var query = new ResponseQuery(partnerId, quarter, channel, dimension, max, after, size, hasComment);
        var page = await QueryAsync(query, caller, session, errors, ct);
        return page is null ? Problems.Validation(errors.ToDictionary()) : TypedResults.Ok(page);
    }

    /// <summary>Runs a query for the API or a page. Returns null (and fills <paramref name="errors"/>) when a filter is invalid.</summary>
    public static async Task<ResponsePage?> QueryAsync(ResponseQuery query, Caller caller, IQuerySession session, ValidationErrors errors, CancellationToken ct)
    {
        if (query.Quarter is not null) errors.Quarter("quarter", query.Quarter, out _);
        if (query.Channel is not null && !Channels.All.Contains(query.Channel)) errors.Add("channel", $"'channel' must be one of: {string.Join(", ", Channels.All)}.");
        if (query.Dimension is not null && !Dimensions.All.Contains(query.Dimension)) errors.Add("dimension", $"'dimension' must be one of: {string.Join(", ", Dimensions.All)}.");
        (DateTimeOffset At, string Id)? cursor = null;
        if (query.After is not null)
        {
            if (TimeIdCursor.TryDecode(query.After, out var c)) cursor = c;
            else errors.Add("after", "'after' is not a cursor this API gave out.");
        }
        if (!errors.IsValid) return null;

        var sql = new StringBuilder("where true");
        var parameters = new List<object>();
        void Filter(string clause, params object[] values) { sql.Append(" and ").Append(clause); parameters.AddRange(values); }
        var partner = caller.ConfinePartnerFilter(query.PartnerId);
        if (partner is not null) Filter("partner_id = ?", partner);
        if (query.Quarter is not null) Filter("quarter = ?", query.Quarter);
        if (query.Channel is not null) Filter("channel = ?", query.Channel);
        if (query.Dimension is null && query.MaxScore is { } anyMax)
        {
            Filter("(brand <= ? or product <= ? or touchpoint <= ?)", anyMax, anyMax, anyMax); // any dimension at or below
        }
        else if (query.Dimension is not null)
        {
            // The column name comes from the closed list above, never from the request text itself.
            var column = Dimensions.All.First(d => d == query.Dimension);
            Filter(query.MaxScore is { } m ? $"{column} <= ?" : $"{column} is not null", query.MaxScore is { } v ? [v] : []);
        }
        if (query.HasComment == true) Filter("coalesce(data ->> 'comment', '') <> ''");
        if (cursor is { } after) Filter("(responded_at_utc, id) < (?, ?)", after.At, after.Id);
        var limit = query.Limit ?? DefaultLimit;
        sql.Append(" order by responded_at_utc desc, id desc limit ").Append((limit + 1).ToString(CultureInfo.InvariantCulture));

        var rows = await ResponseRows.QueryAsync(session, sql.ToString(), ct, parameters.ToArray());
        var page = rows.Take(limit).ToArray();
        // Excluded responses stay listed, marked (DOMAIN.md): one primary-key lookup for the page's ids.
        var excluded = page.Length == 0
            ? new Dictionary<string, Trust.ResponseExclusion>()
            : (await session.LoadManyAsync<Trust.ResponseExclusion>(ct, page.Select(r => r.Id).ToArray())).ToDictionary(x => x.Id, StringComparer.Ordinal);
        var items = page.Select(r => ToView(r, excluded.GetValueOrDefault(r.Id), caller)).ToArray();
        var next = rows.Count > limit ? TimeIdCursor.Encode(rows[limit - 1].RespondedAtUtc, rows[limit - 1].Id) : null;
        return new ResponsePage(items, next);
    }

    /// <summary>The response as the API shows it; who excluded it is told to unbound callers only (a partner sees "back-office").</summary>
    public static ResponseView ToView(SurveyResponse r, Trust.ResponseExclusion? exclusion, Caller caller, IReadOnlyList<string>? flags = null) =>
        new(r.Id, r.RespondedAt, r.Quarter, r.Segment, r.Channel, r.PartnerId, r.ShopId, r.TransactionId,
            new ScoresView(r.Brand, r.Product, r.Touchpoint), r.Comment,
            exclusion is null ? null : new Trust.ExclusionView(exclusion.Reason, exclusion.At, caller.IsPartnerBound ? "back-office" : exclusion.By),
            caller.IsPartnerBound ? null : flags);
}
