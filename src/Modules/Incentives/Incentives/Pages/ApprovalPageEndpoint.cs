using Hangfire;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Incentives.Statements;

namespace PartnerPortal.Incentives.Pages;

/// <summary>One partner's latest statement of the quarter in the approval list (<see cref="Status"/>: the API's name).</summary>
public sealed record ApprovalRow(string PartnerId, string PartnerName, int Revision, string Status, decimal Total,
    DateTimeOffset CalculatedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, IReadOnlyList<string> OpenAppeals)
{
    public bool IsApproved => Status == "approved";

    /// <summary>A draft without open appeals: what "Freigeben" and "alle freigeben" approve.</summary>
    public bool IsApprovable => !IsApproved && OpenAppeals.Count == 0;
}

/// <summary>The list's state that every link and form of the page keeps: the quarter, the status filter, sort and page.</summary>
public sealed record ApprovalListState(string Quarter, string? Status, ListQuery List)
{
    public IEnumerable<KeyValuePair<string, string?>> Filters => [new("quarter", Quarter), new("status", Status)];

    public string Href(string? extra = null) => $"{ApprovalPageEndpoint.Path}?{List.Query(Filters)}{(extra is null ? "" : "&" + extra)}";
}

/// <summary>
/// <c>/provision/freigabe</c> (back office): every partner's latest statement of a quarter with its open appeals, sortable,
/// filterable by status and paged on the server (<see cref="ListQuery"/>). Approving is two steps (ADR 0045): "Freigeben"
/// opens a confirmation (<c>?confirm={partnerId}</c>) naming partner, quarter, revision and total, whose form posts the
/// confirmed revision to <c>/provision/freigabe/{quarter}/{partnerId}</c> (<see cref="ApproveStatement"/>); "Alle freigeben"
/// opens one (<c>?all=1</c>) with the count and sum and the partners skipped for open appeals, whose form posts every
/// confirmed partner and revision to <c>/provision/freigabe/{quarter}</c> (<see cref="ApproveQuarter"/>). The running
/// quarter needs the "before the quarter ends" box ticked. Both answer with the list in the same order, the approved row
/// where it was.
/// </summary>
internal static class ApprovalPageEndpoint
{
    public const string Path = "/provision/freigabe";

    /// <summary>The sortable columns, the default first (by partner name, so an approval moves no row).</summary>
    public static readonly string[] Columns = ["partner", "revision", "status", "total", "appeals"];

    /// <summary>The status filter's values.</summary>
    public static readonly string[] Statuses = ["draft", "approved", "ready", "appeals"];

    public static void Map(IEndpointRouteBuilder pages)
    {
        pages.MapGet(Path, async (string? quarter, string? status, string? sort, string? dir, string? page, string? confirm, string? all,
                string? approved, int? done, int? already, Caller caller, IQuerySession session, IPartnerDirectory partners,
                IEnumerable<Surveys.Contracts.IOpenAppeals> appeals, TimeProvider clock, CancellationToken ct) =>
            {
                if (!caller.IsBackOffice) return Results.Forbid();
                var latest = await LatestStatements.LatestQuarterAsync(session, Quarter.Of(clock.GetUtcNow()).ToString(), ct);
                var current = Quarter.TryParse(quarter, out var q) ? q
                    : Quarter.TryParse(latest, out var l) ? l : Quarter.Of(clock.GetUtcNow());
                var errors = new ValidationErrors();
                var state = State(current, status, sort, dir, page, errors);
                if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
                var notice = done is { } n ? new ApprovalNotice(null, n, already ?? 0) : approved is null ? null : new ApprovalNotice(approved, 0, 0);
                return await PageAsync(state, notice, confirm, all == "1", null, session, partners, appeals, clock, ct);
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.StatementsApprove));

        pages.MapPost(Path + "/{quarter}/{partnerId}", async (string quarter, string partnerId, HttpContext http, IAntiforgery antiforgery,
                Caller caller, IDocumentSession session, IPartnerDirectory partners, JobStorage jobs, IEnumerable<Surveys.Contracts.IOpenAppeals> appeals,
                TimeProvider clock, CancellationToken ct) =>
            {
                var (refused, q, form, errors, state) = await ReadPostAsync(quarter, http, antiforgery, caller, ct);
                if (refused is not null) return refused;
                var revision = ConfirmedRevision(form["revision"], errors);
                if (!errors.IsValid)
                    return await PageAsync(state, null, partnerId, false, "Bitte bestätigen Sie die Freigabe mit Partner, Quartal und Summe.",
                        session, partners, appeals, clock, ct, StatusCodes.Status400BadRequest);
                var result = await ApproveStatement.HandleAsync(q.ToString(), partnerId, revision, form["beforeQuarterEnd"] == "true", caller, session,
                    jobs, appeals, clock, ct);
                var (error, code) = result.Outcome switch
                {
                    ApproveStatement.Outcome.Approved => (null, StatusCodes.Status200OK),
                    ApproveStatement.Outcome.Forbidden => ("Diese Seite ist für Ihr Konto nicht freigegeben.", StatusCodes.Status403Forbidden),
                    ApproveStatement.Outcome.NotFound => ("Für diesen Partner liegt in diesem Quartal keine Abrechnung vor.", StatusCodes.Status404NotFound),
                    ApproveStatement.Outcome.OpenAppeals => ("Diese Abrechnung kann erst freigegeben werden, wenn alle Einsprüche entschieden sind.",
                        StatusCodes.Status409Conflict),
                    ApproveStatement.Outcome.PlanChanged => (PlanChangedText, StatusCodes.Status409Conflict),
                    ApproveStatement.Outcome.Busy => (BusyText, StatusCodes.Status409Conflict),
                    ApproveStatement.Outcome.Changed => (ChangedText, StatusCodes.Status409Conflict),
                    ApproveStatement.Outcome.QuarterRunning => (RunningText, StatusCodes.Status409Conflict),
                    _ => ("Diese Abrechnung ist bereits freigegeben.", StatusCodes.Status409Conflict),
                };
                if (error is null) return Results.Redirect(state.Href($"approved={Uri.EscapeDataString(partnerId)}"));
                return await PageAsync(state, null, null, false, error, session, partners, appeals, clock, ct, code);
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.StatementsApprove));

        pages.MapPost(Path + "/{quarter}", async (string quarter, HttpContext http, IAntiforgery antiforgery,
                Caller caller, IDocumentSession session, IPartnerDirectory partners, JobStorage jobs, IEnumerable<Surveys.Contracts.IOpenAppeals> appeals,
                TimeProvider clock, CancellationToken ct) =>
            {
                var (refused, q, form, errors, state) = await ReadPostAsync(quarter, http, antiforgery, caller, ct);
                if (refused is not null) return refused;
                var confirmed = new List<ConfirmedStatement>();
                foreach (var item in form["statement"])
                {
                    // "partnerId:revision", as the confirmation listed it.
                    var at = item?.LastIndexOf(':') ?? -1;
                    if (at <= 0 || !Identifiers.IsValid(item![..at]) || ConfirmedRevision(item[(at + 1)..], errors) is not { } r) { errors.Add("statement", "Unknown statement."); break; }
                    confirmed.Add(new ConfirmedStatement(item[..at], r));
                }
                if (!errors.IsValid || confirmed.Count == 0)
                    return await PageAsync(state, null, null, true, "Bitte bestätigen Sie die Freigabe mit Anzahl und Summe.",
                        session, partners, appeals, clock, ct, StatusCodes.Status400BadRequest);
                var result = await ApproveQuarter.HandleAsync(q.ToString(), confirmed, form["beforeQuarterEnd"] == "true", caller, session, jobs, appeals, clock, ct);
                var (error, code) = result.Outcome switch
                {
                    ApproveQuarter.Outcome.Done => (null, StatusCodes.Status200OK),
                    ApproveQuarter.Outcome.Forbidden => ("Diese Seite ist für Ihr Konto nicht freigegeben.", StatusCodes.Status403Forbidden),
                    ApproveQuarter.Outcome.Invalid => ("Bitte bestätigen Sie die Freigabe mit Anzahl und Summe.", StatusCodes.Status400BadRequest),
                    ApproveQuarter.Outcome.PlanChanged => (PlanChangedText, StatusCodes.Status409Conflict),
                    ApproveQuarter.Outcome.Busy => (BusyText, StatusCodes.Status409Conflict),
                    ApproveQuarter.Outcome.QuarterRunning => (RunningText, StatusCodes.Status409Conflict),
                    _ => (ChangedText, StatusCodes.Status409Conflict),
                };
                if (error is null)
                    return Results.Redirect(state.Href($"done={result.Approved.Count}&already={result.ApprovedAlready.Count}"));
                return await PageAsync(state, null, null, false, error, session, partners, appeals, clock, ct, code);
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.StatementsApprove));
    }

    public const string PlanChangedText =
        "Der Provisionsplan wurde geändert, nachdem diese Abrechnung berechnet wurde: bitte zuerst neu berechnen, dann freigeben.";
    public const string BusyText =
        "Die Abrechnungen des Quartals werden gerade berechnet oder freigegeben; bitte versuchen Sie es gleich noch einmal.";
    public const string ChangedText =
        "Die Abrechnung wurde seit Ihrer Bestätigung neu berechnet: bitte prüfen Sie den neuen Stand und bestätigen Sie erneut.";
    public const string RunningText =
        "Das Quartal läuft noch: bitte bestätigen Sie ausdrücklich, dass Sie vor dem Quartalsende freigeben wollen.";

    /// <summary>What both approval posts check and read first: back office only, the antiforgery token (the form is read by
    /// hand, not bound), a real quarter, and the list's state to return to.</summary>
    private static async Task<(IResult? Refused, Quarter Quarter, IFormCollection Form, ValidationErrors Errors, ApprovalListState State)> ReadPostAsync(
        string quarter, HttpContext http, IAntiforgery antiforgery, Caller caller, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!caller.IsBackOffice) return (Results.Forbid(), default, FormCollection.Empty, errors, default!);
        if (!await antiforgery.IsRequestValidAsync(http))
            return (Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The antiforgery token is missing or invalid."),
                default, FormCollection.Empty, errors, default!);
        if (!Quarter.TryParse(quarter, out var q)) return (Results.NotFound(), default, FormCollection.Empty, errors, default!);
        var form = await http.Request.ReadFormAsync(ct);
        return (null, q, form, errors, State(q, form["status"], form["sort"], form["dir"], form["page"], errors));
    }

    private static ApprovalListState State(Quarter quarter, string? status, string? sort, string? dir, string? page, ValidationErrors errors)
    {
        if (!string.IsNullOrEmpty(status) && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            errors.Add("status", $"'status' must be one of: {string.Join(", ", Statuses)}.");
            status = null;
        }
        return new ApprovalListState(quarter.ToString(), string.IsNullOrEmpty(status) ? null : status,
            ListQuery.Parse(sort, dir, page, Columns, false, errors));
    }

    private static int? ConfirmedRevision(string? text, ValidationErrors errors)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision) && revision > 0)
            return revision;
        errors.Add("revision", "'revision' must be the confirmed revision.");
        return null;
    }

    private static async Task<IResult> PageAsync(ApprovalListState state, ApprovalNotice? notice, string? confirm, bool confirmAll, string? error,
        IQuerySession session, IPartnerDirectory partners, IEnumerable<Surveys.Contracts.IOpenAppeals> appeals, TimeProvider clock, CancellationToken ct,
        int? status = null)
    {
        var statements = await LatestStatements.OfQuarterAsync(session, state.Quarter, ct);
        var names = await partners.FindManyAsync(statements.Select(s => s.PartnerId), ct);
        var open = await ApproveStatement.OpenAppealsAsync(appeals, state.Quarter, null, ct);
        var rows = statements
            .Select(s => new ApprovalRow(s.PartnerId, names.TryGetValue(s.PartnerId, out var p) ? p.Name : s.PartnerId, s.Revision, s.Status.Name(),
                s.Total, s.CalculatedAt, s.ApprovedByName ?? s.ApprovedBy, s.ApprovedAt, open.GetValueOrDefault(s.PartnerId) ?? []))
            .ToArray();
        var filtered = state.Status switch
        {
            "draft" => rows.Where(r => !r.IsApproved),
            "approved" => rows.Where(r => r.IsApproved),
            "ready" => rows.Where(r => r.IsApprovable),
            "appeals" => rows.Where(r => r.OpenAppeals.Count > 0),
            _ => rows,
        };
        var keys = new Dictionary<string, Func<ApprovalRow, IComparable?>>
        {
            ["partner"] = r => r.PartnerName.ToUpperInvariant(),
            ["revision"] = r => r.Revision,
            ["status"] = r => r.IsApproved ? 1 : 0,
            ["total"] = r => r.Total,
            ["appeals"] = r => r.OpenAppeals.Count,
        };
        var listPage = state.List.Apply(filtered, keys, r => r.PartnerId);
        var running = Quarter.Parse(state.Quarter) == Quarter.Of(clock.GetUtcNow());
        var options = new List<string>();
        for (var o = Quarter.Of(clock.GetUtcNow()); options.Count < 8; o = o.Previous()) options.Add(o.ToString());
        if (!options.Contains(state.Quarter)) options.Insert(0, state.Quarter);
        if (notice is { PartnerId: { } approvedId })
            notice = rows.FirstOrDefault(r => r.PartnerId == approvedId && r.IsApproved) is { } a ? notice with { PartnerName = a.PartnerName } : null;
        return new RazorComponentResult<ApprovalPage>(new
        {
            State = state,
            QuarterOptions = options,
            AllRows = rows,
            Rows = listPage,
            Notice = notice,
            Confirm = confirm is null ? null : rows.FirstOrDefault(r => r.PartnerId == confirm && r.IsApprovable),
            ConfirmAll = confirmAll,
            QuarterRunning = running,
            Error = error,
        }) { StatusCode = status };
    }
}

/// <summary>What the page reports after an approval: one partner's (<see cref="PartnerId"/>) or "alle freigeben"'s counts.</summary>
public sealed record ApprovalNotice(string? PartnerId, int Approved, int ApprovedAlready, string? PartnerName = null);
