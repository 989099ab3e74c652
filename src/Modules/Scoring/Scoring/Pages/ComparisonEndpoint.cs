using System.Globalization;
using PartnerPortal.BuildingBlocks.Csv;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Scoring.Scorecards;

namespace PartnerPortal.Scoring.Pages;

/// <summary>The comparison's state that every link keeps: quarter, segment, the filters (sample, NPS below) and sort/page.</summary>
public sealed record ComparisonState(string Quarter, string Segment, string? Sample, string? NpsBelow, ListQuery List)
{
    public IEnumerable<KeyValuePair<string, string?>> Filters =>
        [new("quarter", Quarter), new("segment", Segment == "all" ? null : Segment), new("sample", Sample), new("npsBelow", NpsBelow)];

    public string Href(string path = "/uebersicht") => $"{path}?{List.Query(Filters)}";

    /// <summary>The filters only (no sort or page), for the CSV link.</summary>
    public string FilterQuery => string.Join("&", Filters.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value!)}"));
}

/// <summary>One partner's touchpoint card of the comparison with its name.</summary>
public sealed record ComparisonRow(string PartnerId, string PartnerName, ScoreCardView Card);

/// <summary>
/// Back office's comparison on <c>/uebersicht</c> (<see cref="OverviewEndpoint"/>) and its CSV export <c>/uebersicht.csv</c>
/// (German Excel: <see cref="CsvDialect.ExcelGerman"/>): the partners' touchpoint NPS of a quarter, filtered by sample
/// (<c>sample=sufficient|insufficient</c>) and NPS (<c>npsBelow=</c>, e.g. 0 for "NPS &lt; 0"), sorted and paged on the
/// server (<see cref="ListQuery"/>, ADR 0045). The export has every filtered row, in the page's order.
/// </summary>
internal static class ComparisonEndpoint
{
    public static readonly string[] Columns = ["nps", "partner", "n", "ciLow"];

    public static void MapExport(IEndpointRouteBuilder pages) =>
        pages.MapGet("/uebersicht.csv", async (string? quarter, string? segment, HttpContext http, Caller caller, ScoreCardQueries queries,
                IPartnerDirectory partners, TimeProvider clock, CancellationToken ct) =>
            {
                if (caller.PartnerId is not null) return Problems.Forbidden("The comparison of all partners is for back office.");
                var errors = new ValidationErrors();
                var q = Quarter.Of(clock.GetUtcNow());
                if (quarter is not null) errors.Quarter("quarter", quarter, out q);
                var (state, rows) = await RowsAsync(q, segment, http.Request, errors, queries, caller, partners, ct);
                if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
                return Results.Stream(async body =>
                {
                    await using var csv = new CsvWriter(body, CsvDialect.ExcelGerman);
                    await csv.WriteRowAsync("Quartal", "Partner-ID", "Partner", "NPS", "Intervall von", "Intervall bis", "n", "Stichprobe");
                    foreach (var r in Sorted(state, rows))
                        await csv.WriteRowAsync(state.Quarter, r.PartnerId, r.PartnerName, csv.Decimal1(r.Card.Nps), csv.Decimal1(r.Card.CiLow),
                            csv.Decimal1(r.Card.CiHigh), csv.Integer(r.Card.N), r.Card.SufficientSample ? "ausreichend" : "zu klein");
                }, "text/csv; charset=utf-8", $"vergleich-{state.Quarter}.csv");
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.ScoresRead));

    private static readonly Dictionary<string, Func<ComparisonRow, IComparable?>> Keys = new()
    {
        // Sufficient samples rank above too small ones (as the comparison always showed them), then by NPS.
        ["nps"] = r => (r.Card.SufficientSample, r.Card.Nps),
        ["partner"] = r => r.PartnerName.ToUpperInvariant(),
        ["n"] = r => r.Card.N,
        ["ciLow"] = r => r.Card.CiLow,
    };

    private static IEnumerable<ComparisonRow> Sorted(ComparisonState state, IReadOnlyList<ComparisonRow> rows) =>
        (state.List.Descending ? rows.OrderByDescending(Keys[state.List.Sort]) : rows.OrderBy(Keys[state.List.Sort])).ThenBy(r => r.PartnerId, StringComparer.Ordinal);

    /// <summary>The state from the query and the filtered rows (unsorted); errors name bad parameters.</summary>
    public static async Task<(ComparisonState State, IReadOnlyList<ComparisonRow> Rows)> RowsAsync(Quarter quarter, string? segment, HttpRequest request,
        ValidationErrors errors, ScoreCardQueries queries, Caller caller, IPartnerDirectory partners, CancellationToken ct)
    {
        segment = segment is "private" or "business" ? segment : "all";
        string? Param(string name) => request.Query[name] is { Count: > 0 } v && !string.IsNullOrEmpty(v[0]) ? v[0] : null;
        var sample = Param("sample");
        if (sample is not (null or "sufficient" or "insufficient")) { errors.Add("sample", "'sample' must be sufficient or insufficient."); sample = null; }
        var npsBelow = Param("npsBelow");
        double? below = null;
        if (npsBelow is not null)
        {
            if (double.TryParse(npsBelow.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var b)
                && b is >= -100 and <= 100.1)
                below = b;
            else { errors.Add("npsBelow", "'npsBelow' must be a number from -100 to 100."); npsBelow = null; }
        }
        var list = ListQuery.Parse(Param("sort"), Param("dir"), Param("page"), Columns, true, errors);
        var state = new ComparisonState(quarter.ToString(), segment, sample, npsBelow, list);
        if (!errors.IsValid) return (state, []);
        var filter = new ScoreCardFilter(quarter.ToString(), "touchpoint", segment, null, null, null, null);
        var cards = (await queries.ListAsync(filter, caller, ct)).Where(c => c.Scope == "partner").Select(ScoreCardView.Of)
            .Where(c => sample is null || c.SufficientSample == (sample == "sufficient"))
            .Where(c => below is null || c.Nps < below)
            .ToArray();
        var names = await partners.FindManyAsync(cards.Select(c => c.PartnerId!), ct);
        return (state, cards.Select(c => new ComparisonRow(c.PartnerId!, names.TryGetValue(c.PartnerId!, out var p) ? p.Name : c.PartnerId!, c)).ToArray());
    }

    /// <summary>The comparison page (back office's <c>/uebersicht</c>).</summary>
    public static async Task<IResult> PageAsync(Quarter current, string? segment, IReadOnlyList<string> options, HttpRequest request, Caller caller,
        ScoreCardQueries queries, IPartnerDirectory partners, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (state, rows) = await RowsAsync(current, segment, request, errors, queries, caller, partners, ct);
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        var filter = new ScoreCardFilter(current.ToString(), "touchpoint", state.Segment, null, null, null, null);
        var cards = await queries.ListAsync(filter, caller, ct);
        return PortalPages.Page<ComparisonPage>(new
        {
            State = state,
            QuarterOptions = options,
            Channels = cards.Where(c => c.Scope is "channel" or "all").OrderBy(c => c.Scope == "all").ThenByDescending(c => c.Nps).Select(ScoreCardView.Of).ToArray(),
            Partners = state.List.Apply(rows, Keys, r => r.PartnerId),
        });
    }
}
