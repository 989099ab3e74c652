using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys.Contracts;
using PartnerPortal.Surveys.Listing;
using PartnerPortal.Surveys.Trust;

namespace PartnerPortal.Surveys.Pages;

/// <summary><c>/kundenstimmen</c>: the comments of <see cref="SearchComments"/> as a page (shop names, filters, search,
/// count, paging both ways) and <c>/kundenstimmen/export</c>, the same filtered list as CSV.</summary>
internal static class CommentsPageEndpoint
{
    public const string ExportPath = "/kundenstimmen/export";

    public static void Map(IEndpointRouteBuilder pages)
    {
        pages.MapGet("/kundenstimmen", async (string? quarter, string? dimension, string? detractors, string? partner, string? shop, string? q,
                string? after, string? before, HttpContext http, Caller caller, IQuerySession session, IPartnerDirectory partners, AppealWindowLookup windows,
                TimeProvider clock, CancellationToken ct) =>
            {
                var request = new CommentRequest(partner, shop, quarter, dimension, detractors == "true", q, after, before);
                var outcome = await SearchComments.HandleAsync(request, caller, session, partners, ct);
                if (outcome.Kind == OutcomeKind.Forbidden) return Results.Forbid();
                if (outcome.Kind == OutcomeKind.NotFound) return Results.NotFound();
                // Invalid filters: problem details for a client that is no browser, else the page with its message (below).
                if (outcome.Kind == OutcomeKind.Invalid && !PortalPages.WantsPage(http.Request)) return Problems.Validation(outcome.Errors!);
                var now = clock.GetUtcNow();
                var options = new List<string>();
                for (var o = Quarter.Of(now); options.Count < 8; o = o.Previous()) options.Add(o.ToString());
                var page = outcome.Value;
                var (appeals, appealable) = await AppealsAsync(page, caller, session, windows, now, ct);
                // Names for what a person reads: every partner and shop on the page, and the partner picker for back office.
                var shown = await partners.FindManyAsync((page?.Items ?? []).Select(i => i.PartnerId).OfType<string>().Distinct(), ct);
                var parameters = new
                {
                    Page = page,
                    Request = request,
                    Quarter = Blank(quarter),
                    Dimension = Blank(dimension),
                    DetractorsOnly = request.DetractorsOnly,
                    Errors = outcome.Succeeded ? null : (IReadOnlyCollection<string>)outcome.Errors!.Keys.ToArray(),
                    QuarterOptions = options,
                    Appeals = appeals,
                    Appealable = appealable,
                    Names = shown,
                    Choices = caller.IsPartnerBound ? null : await partners.ChoicesAsync(request.Partner, ct),
                    OwnPartner = caller.PartnerId is { } own ? await partners.FindAsync(own, ct) : null,
                };
                // Invalid filters: the page with its message, answered 400 (nothing was read).
                return outcome.Succeeded
                    ? PortalPages.Page<CommentsPage>(parameters)
                    : new RazorComponentResult<CommentsPage>(parameters) { StatusCode = StatusCodes.Status400BadRequest };
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(SharedKernel.Scopes.SurveysRead));

        pages.MapGet(ExportPath, CommentsExport.Endpoint)
            .RequireAuthorization(ScopeAuthorization.PolicyName(SharedKernel.Scopes.SurveysRead));
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The page's appeals by response id, and the responses the partner may appeal now: its own partner-shop
    /// responses, not excluded, not appealed, inside the window (DOMAIN.md "Trust in the score"). Back office appeals nothing here.</summary>
    private static async Task<(IReadOnlyDictionary<string, AppealView>, IReadOnlySet<string>)> AppealsAsync(CommentPage? page, Caller caller,
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
