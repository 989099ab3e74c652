using Hangfire;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Incentives.Statements;

namespace PartnerPortal.Incentives.Pages;

/// <summary>One partner's latest statement of the quarter in the approval list (<see cref="Status"/>: the API's name).</summary>
public sealed record ApprovalRow(string PartnerId, string PartnerName, int Revision, string Status, decimal Total,
    DateTimeOffset CalculatedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, IReadOnlyList<string> OpenAppeals);

/// <summary>
/// <c>/provision/freigabe</c> (back office): every partner's latest statement of a quarter with its open appeals, each
/// draft without open appeals with a "Freigeben" form that posts to <c>/provision/freigabe/{quarter}/{partnerId}</c>, which
/// approves through <see cref="ApproveStatement"/> (the API's use case, under the quarter lock).
/// </summary>
internal static class ApprovalPageEndpoint
{
    public const string Path = "/provision/freigabe";

    public static void Map(IEndpointRouteBuilder pages)
    {
        pages.MapGet(Path, async (string? quarter, string? approved, Caller caller, IQuerySession session, IPartnerDirectory partners,
                IEnumerable<Surveys.Contracts.IOpenAppeals> appeals, TimeProvider clock, CancellationToken ct) =>
            {
                if (!caller.IsBackOffice) return Results.Forbid();
                var latest = await LatestStatements.LatestQuarterAsync(session, ct);
                var current = Quarter.TryParse(quarter, out var q) ? q
                    : Quarter.TryParse(latest, out var l) ? l : Quarter.Of(clock.GetUtcNow());
                return await PageAsync(current, approved, null, session, partners, appeals, clock, ct);
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.StatementsApprove));

        pages.MapPost(Path + "/{quarter}/{partnerId}", async (string quarter, string partnerId, HttpContext http, IAntiforgery antiforgery,
                Caller caller, IDocumentSession session, IPartnerDirectory partners, JobStorage jobs, IEnumerable<Surveys.Contracts.IOpenAppeals> appeals,
                TimeProvider clock, CancellationToken ct) =>
            {
                if (!caller.IsBackOffice) return Results.Forbid();
                // The form carries no fields to bind, so the token is checked here rather than by form binding.
                if (!await antiforgery.IsRequestValidAsync(http))
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The antiforgery token is missing or invalid.");
                if (!Quarter.TryParse(quarter, out var q)) return Results.NotFound();
                var result = await ApproveStatement.HandleAsync(q.ToString(), partnerId, caller, session, jobs, appeals, clock, ct);
                var (error, status) = result.Outcome switch
                {
                    ApproveStatement.Outcome.Approved => (null, StatusCodes.Status200OK),
                    ApproveStatement.Outcome.Forbidden => ("Diese Seite ist für Ihr Konto nicht freigegeben.", StatusCodes.Status403Forbidden),
                    ApproveStatement.Outcome.NotFound => ("Für diesen Partner liegt in diesem Quartal keine Abrechnung vor.", StatusCodes.Status404NotFound),
                    ApproveStatement.Outcome.OpenAppeals => ("Diese Abrechnung kann erst freigegeben werden, wenn alle Einsprüche entschieden sind.",
                        StatusCodes.Status409Conflict),
                    ApproveStatement.Outcome.PlanChanged => (
                        "Der Provisionsplan wurde geändert, nachdem diese Abrechnung berechnet wurde: bitte zuerst neu berechnen, dann freigeben.",
                        StatusCodes.Status409Conflict),
                    ApproveStatement.Outcome.Busy => (
                        "Die Abrechnungen des Quartals werden gerade berechnet oder freigegeben; bitte versuchen Sie es gleich noch einmal.",
                        StatusCodes.Status409Conflict),
                    _ => ("Diese Abrechnung ist bereits freigegeben.", StatusCodes.Status409Conflict),
                };
                if (error is null) return Results.Redirect($"{Path}?quarter={q}&approved={Uri.EscapeDataString(partnerId)}");
                return await PageAsync(q, null, error, session, partners, appeals, clock, ct, status);
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.StatementsApprove));
    }

    private static async Task<IResult> PageAsync(Quarter quarter, string? approved, string? error, IQuerySession session, IPartnerDirectory partners,
        IEnumerable<Surveys.Contracts.IOpenAppeals> appeals, TimeProvider clock, CancellationToken ct, int? status = null)
    {
        var statements = await LatestStatements.OfQuarterAsync(session, quarter.ToString(), ct);
        var names = await partners.FindManyAsync(statements.Select(s => s.PartnerId), ct);
        var open = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var source in appeals)
            foreach (var (partner, ids) in await source.OpenInQuarterAsync(quarter.ToString(), null, ct)) open[partner] = ids;
        var rows = statements
            .Select(s => new ApprovalRow(s.PartnerId, names.TryGetValue(s.PartnerId, out var p) ? p.Name : s.PartnerId, s.Revision, s.Status.Name(),
                s.Total, s.CalculatedAt, s.ApprovedByName ?? s.ApprovedBy, s.ApprovedAt, open.GetValueOrDefault(s.PartnerId) ?? []))
            .OrderBy(r => r.Status == StatementStatus.Approved.Name()).ThenBy(r => r.PartnerName, StringComparer.CurrentCulture)
            .ToArray();
        var options = new List<string>();
        for (var o = Quarter.Of(clock.GetUtcNow()); options.Count < 8; o = o.Previous()) options.Add(o.ToString());
        if (!options.Contains(quarter.ToString())) options.Insert(0, quarter.ToString());
        return new RazorComponentResult<ApprovalPage>(new
        {
            Quarter = quarter.ToString(),
            QuarterOptions = options,
            Rows = rows,
            Approved = rows.FirstOrDefault(r => r.PartnerId == approved && r.Status == StatementStatus.Approved.Name()),
            Error = error,
        }) { StatusCode = status };
    }
}
