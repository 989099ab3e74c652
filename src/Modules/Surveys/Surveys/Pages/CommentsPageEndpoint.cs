using PartnerPortal.Surveys.Contracts;
using PartnerPortal.Surveys.Listing;
using PartnerPortal.Surveys.Trust;

namespace PartnerPortal.Surveys.Pages;

internal static class CommentsPageEndpoint
{
    public const int PageSize = 25;

    public static void Map(IEndpointRouteBuilder pages) =>
        pages.MapGet("/kundenstimmen", async (string? quarter, string? dimension, string? detractors, string? after,
                Caller caller, IQuerySession session, AppealWindowLookup windows, TimeProvider clock, CancellationToken ct) =>
            {
                quarter = string.IsNullOrEmpty(quarter) ? null : quarter;
                dimension = string.IsNullOrEmpty(dimension) ? null : dimension;
                var detractorsOnly = detractors == "true";
                var errors = new ValidationErrors();
                var page = await ListResponses.QueryAsync(
                    new ResponseQuery(null, quarter, null, dimension, detractorsOnly ? 6 : null, string.IsNullOrEmpty(after) ? null : after, PageSize, HasComment: true),
                    caller, session, errors, ct);
                var now = clock.GetUtcNow();
                var current = Quarter.Of(now);
                var options = new List<string>();
                for (var q = current; options.Count < 8; q = q.Previous()) options.Add(q.ToString());
                var (appeals, appealable) = await AppealsAsync(page, caller, session, windows, now, ct);
                return PortalPages.Page<CommentsPage>(new
                {
                    Page = page,
                    Quarter = quarter,
                    Dimension = dimension,
                    DetractorsOnly = detractorsOnly,
                    Errors = errors.IsValid ? null : "Die Filter sind ungültig: " + string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value)),
                    QuarterOptions = options,
                    Appeals = appeals,
                    Appealable = appealable,
                });
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(SharedKernel.Scopes.SurveysRead));

    /// <summary>The page's appeals by response id, and the responses the partner may appeal now: its own partner-shop
    /// responses, not excluded, not appealed, inside the window (DOMAIN.md "Trust in the score"). Back office appeals nothing here.</summary>
    private static async Task<(IReadOnlyDictionary<string, AppealView>, IReadOnlySet<string>)> AppealsAsync(ResponsePage? page, Caller caller,
        IQuerySession session, AppealWindowLookup windows, DateTimeOffset now, CancellationToken ct)
    {
        var appealable = new HashSet<string>(StringComparer.Ordinal);
        if (page is null || page.Items.Count == 0) return (new Dictionary<string, AppealView>(), appealable);
        var appeals = await ListAppeals.ForResponsesAsync(session, page.Items.Select(r => r.ResponseId).ToArray(), caller, ct);
        if (caller.PartnerId is not { } partner || !caller.HasScope(SharedKernel.Scopes.SurveysAppeal)) return (appeals, appealable);
        var open = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var item in page.Items)
        {
            if (item.Channel != Channels.PartnerShop || item.PartnerId != partner || item.Excluded is not null || appeals.ContainsKey(item.ResponseId)) continue;
            if (!open.TryGetValue(item.Quarter, out var isOpen))
                open[item.Quarter] = isOpen = (await windows.ForAsync(item.Quarter, partner, ct)).IsOpenAt(now);
            if (isOpen) appealable.Add(item.ResponseId);
        }
        return (appeals, appealable);
    }
}
