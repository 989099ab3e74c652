using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPortal.FollowUps.Cases;
using PartnerPortal.FollowUps.Contracts;
using PartnerPortal.FollowUps.Stats;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.FollowUps.Pages;

/// <summary>The close form's fields.</summary>
public sealed class CloseForm
{
    public string? RootCause { get; set; }
    public string? Action { get; set; }
    public string? Note { get; set; }
}

/// <summary>A form without fields (the start button): bound so the antiforgery token is checked.</summary>
internal sealed class StartForm;

/// <summary>A close form that was refused: shown again beside its case with its values and messages.</summary>
public sealed record CloseFailure(string CaseId, CloseForm Form, IDictionary<string, string[]>? Errors, string Message);

/// <summary>One row of back office's partner table.</summary>
public sealed record PartnerRow(string PartnerId, string Name, StatsView Stats);

/// <summary>
/// <c>/rueckmeldungen</c>: for a partner the cases to work (open and in progress, oldest due first, 25 a page) with the
/// response's score and comment beside the start button and the close form, and the quarter's figures; for back office
/// every partner's figures (sortable), the root-cause mix and the overdue cases. The forms post with their antiforgery
/// token to the same use cases as the API (<see cref="StartCase"/>, <see cref="CloseCase"/>).
/// </summary>
internal static class FollowUpPageEndpoints
{
    public const string Path = FollowUpLinks.PagePath;
    public const int PageSize = 25;

    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["begonnen"] = "Der Fall ist in Bearbeitung.",
        ["abgeschlossen"] = "Der Fall ist abgeschlossen.",
    };

    public static void Map(IEndpointRouteBuilder pages)
    {
        // ?fall={caseId} (the mails' links): that case first, its close form unfolded, wherever it is in the list.
        pages.MapGet(Path, async (string? after, string? fall, string? quarter, string? sort, string? meldung, Caller caller, IQuerySession session,
                CaseFigures figures, IPartnerDirectory partners, TimeProvider clock, CancellationToken ct) =>
            caller.PartnerId is null
                ? await BackOfficeAsync(quarter, sort, caller, session, figures, partners, clock, ct)
                : await PartnerAsync(after, Messages.GetValueOrDefault(meldung ?? ""), null, StatusCodes.Status200OK, caller, session, figures, clock, ct,
                    Blank(fall)))
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.FollowUpsRead));

        pages.MapPost(Path + "/{caseId}/beginnen", async (string caseId, [FromForm] StartForm _, Caller caller, IDocumentSession session,
                IQuerySession query, CaseFigures figures, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await StartCase.HandleAsync(caseId, caller, session, clock, ct);
                return outcome.Kind switch
                {
                    _ when outcome.Succeeded => Results.Redirect(FollowUpLinks.Case(caseId, "begonnen")),
                    OutcomeKind.NotFound => Results.NotFound(),
                    _ => await PartnerAsync(null, "Der Fall ist nicht mehr offen.", null, StatusCodes.Status409Conflict, caller, query, figures, clock, ct),
                };
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.FollowUpsWrite));

        pages.MapPost(Path + "/{caseId}/abschliessen", async (string caseId, [FromForm] CloseForm form, Caller caller, IDocumentSession session,
                IQuerySession query, CaseFigures figures, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await CloseCase.HandleAsync(caseId, new CloseCaseRequest(Blank(form.RootCause), Blank(form.Action), form.Note), caller, session,
                    clock, ct);
                if (outcome.Succeeded) return Results.Redirect(Path + "?meldung=abgeschlossen");
                if (outcome.Kind == OutcomeKind.NotFound) return Results.NotFound();
                var invalid = outcome.Kind == OutcomeKind.Invalid;
                var failure = new CloseFailure(caseId, form, outcome.Errors, invalid ? "Der Fall konnte nicht abgeschlossen werden." : "Der Fall ist nicht mehr offen.");
                return await PartnerAsync(null, null, failure, invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict, caller, query, figures,
                    clock, ct, invalid ? caseId : null);
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.FollowUpsWrite));
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <param name="focus">A case to show first with its close form unfolded (a mail's link, a start, a refused close),
    /// when it is the caller's and open; a closed one of the caller's is named as closed, any other as not found (another
    /// partner's case is not told from an unknown one).</param>
    private static async Task<IResult> PartnerAsync(string? after, string? message, CloseFailure? failure, int status, Caller caller, IQuerySession session,
        CaseFigures figures, TimeProvider clock, CancellationToken ct, string? focus = null)
    {
        var now = clock.GetUtcNow();
        var quarter = Quarter.Of(now).ToString();
        var list = await ListCases.HandleAsync(new CaseQuery(null, null, null, null, string.IsNullOrEmpty(after) ? null : after,
            PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), Open: true), caller, session, clock, ct);
        if (!list.Succeeded) return Problems.Validation(list.Errors!);
        var cases = list.Value!.Items;
        string? focusNote = null;
        if (focus is not null)
        {
            var found = await CaseRows.FindAsync(session, focus, ct);
            if (found is null || found.PartnerId != caller.PartnerId) focusNote = "Diesen Fall gibt es in Ihren Rückmeldungen nicht.";
            else if (found.Status == CaseStatus.Closed) focusNote = "Dieser Fall ist bereits abgeschlossen.";
            else cases = [CaseView.Of(found, now), .. cases.Where(c => c.CaseId != found.Id)];
        }
        var stats = await GetStats.HandleAsync(quarter, null, caller, figures, clock, ct);
        return new RazorComponentResult<FollowUpsPage>(new
        {
            Cases = cases,
            Focus = focusNote is null ? focus : null,
            FocusNote = focusNote,
            NextLink = list.Value.Next is { } next ? $"{Path}?after={Uri.EscapeDataString(next)}" : null,
            Stats = stats.Value,
            Quarter = quarter,
            Message = message,
            Failure = failure,
        }) { StatusCode = status };
    }

    private static async Task<IResult> BackOfficeAsync(string? quarter, string? sort, Caller caller, IQuerySession session, CaseFigures figures,
        IPartnerDirectory partners, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = Quarter.Of(now);
        if (string.IsNullOrEmpty(quarter) || !Quarter.TryParse(quarter, out _)) quarter = current.ToString();
        var rows = await figures.PerPartnerAsync(quarter, null, now, ct);
        var names = await partners.FindManyAsync(rows.Select(r => r.PartnerId), ct);
        var table = rows.Select(r => new PartnerRow(r.PartnerId, names.TryGetValue(r.PartnerId, out var p) ? p.Name : r.PartnerId, r.Stats));
        table = sort switch
        {
            "ueberfaellig" => table.OrderByDescending(r => r.Stats.Overdue).ThenBy(r => r.PartnerId, StringComparer.Ordinal),
            "eroeffnet" => table.OrderByDescending(r => r.Stats.Opened).ThenBy(r => r.PartnerId, StringComparer.Ordinal),
            "partner" => table.OrderBy(r => r.Name, StringComparer.CurrentCulture),
            _ => table.OrderBy(r => r.Stats.ClosedLoopRate ?? 101m).ThenBy(r => r.PartnerId, StringComparer.Ordinal),
        };
        var overdue = await ListCases.HandleAsync(new CaseQuery(null, quarter, null, "true", null, "50"), caller, session, clock, ct);
        var options = new List<string>();
        for (var q = current; options.Count < 8; q = q.Previous()) options.Add(q.ToString());
        return new RazorComponentResult<FollowUpsBackOfficePage>(new
        {
            Rows = table.ToArray(),
            Totals = CaseStats.Sum(rows.Select(r => r.Stats)),
            Overdue = overdue.Value?.Items ?? [],
            Names = names.ToDictionary(n => n.Key, n => n.Value.Name, StringComparer.Ordinal),
            Quarter = quarter,
            Sort = sort ?? "quote",
            QuarterOptions = options,
        });
    }
}
