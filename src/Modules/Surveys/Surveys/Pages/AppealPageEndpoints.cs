using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys.Listing;
using PartnerPortal.Surveys.Trust;

namespace PartnerPortal.Surveys.Pages;

public sealed class AppealForm
{
    public string? Reason { get; set; }
    public string? Text { get; set; }
}

internal sealed class DecisionForm
{
    public string? Decision { get; set; }
    public string? Note { get; set; }
}

/// <summary>A decision form that was refused: shown again with its note and messages.</summary>
public sealed record DecisionFailure(string AppealId, string? Note, IDictionary<string, string[]>? Errors, string Message);

/// <summary>An appeal with the response it is about, for the lists.</summary>
/// <param name="ShopName">The response's shop by name (null: no shop, or not in the directory).</param>
public sealed record AppealRow(AppealView Appeal, ResponseView? Response, string PartnerName, string? ShopName = null);

/// <summary>
/// The appeal pages (DOMAIN.md "Trust in the score"): the partner's form <c>/kundenstimmen/{responseId}/einspruch</c>
/// (reached from Kundenstimmen), <c>/einsprueche</c> (the partner's "Meine Einsprüche"; for back office the inbox, oldest
/// first, with accept and reject forms posting to <c>/einsprueche/{appealId}/entscheidung</c>). Every form posts with its
/// antiforgery token to the same use cases as the API (<see cref="FileAppeal"/>, <see cref="DecideAppeal"/>) and maps their
/// typed outcome.
/// </summary>
internal static class AppealPageEndpoints
{
    public const string ListPath = "/einsprueche";
    public const int PageSize = 50;

    /// <summary>What a successful action shows after its redirect (codes, so a link cannot make the page say anything else).</summary>
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["eingelegt"] = "Ihr Einspruch ist eingegangen; das Backoffice entscheidet darüber.",
        ["angenommen"] = "Der Einspruch ist angenommen: die Kundenstimme zählt nicht mehr.",
        ["abgelehnt"] = "Der Einspruch ist abgelehnt.",
    };

    public static void Map(IEndpointRouteBuilder pages)
    {
        pages.MapGet("/kundenstimmen/{responseId}/einspruch", async (string responseId, Caller caller, IQuerySession session, AppealWindowLookup windows,
                TimeProvider clock, CancellationToken ct) =>
            await FormPageAsync(responseId, new AppealForm(), null, StatusCodes.Status200OK, caller, session, windows, clock, ct))
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.SurveysAppeal));

        pages.MapPost("/kundenstimmen/{responseId}/einspruch", async (string responseId, [FromForm] AppealForm form, Caller caller, IDocumentStore store,
                IQuerySession session, AppealWindowLookup windows, TimeProvider clock, CancellationToken ct) =>
            {
                var result = await FileAppeal.RunAsync(responseId, Blank(form.Reason), form.Text, caller, store, windows, clock, ct);
                return result.Outcome switch
                {
                    FileAppeal.Outcome.Filed => Results.Redirect(ListPath + "?meldung=eingelegt"),
                    FileAppeal.Outcome.NotFound => Results.NotFound(),
                    FileAppeal.Outcome.Invalid => await FormPageAsync(responseId, form, result, StatusCodes.Status400BadRequest, caller, session, windows, clock, ct),
                    _ => await FormPageAsync(responseId, form, result, StatusCodes.Status409Conflict, caller, session, windows, clock, ct),
                };
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.SurveysAppeal));

        pages.MapGet(ListPath, async (string? quarter, string? partnerId, string? status, string? after, string? meldung, Caller caller,
                IQuerySession session, IPartnerDirectory partners, TimeProvider clock, CancellationToken ct) =>
            await ListPageAsync(new ListFilter(quarter, partnerId, status, after), Messages.GetValueOrDefault(meldung ?? ""), null, StatusCodes.Status200OK,
                caller, session, partners, clock, ct))
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.SurveysRead));

        pages.MapPost(ListPath + "/{appealId}/entscheidung", async (string appealId, [FromForm] DecisionForm form, Caller caller, IDocumentStore store,
                IQuerySession session, Exclusions exclusions, IPartnerDirectory partners, TimeProvider clock, CancellationToken ct) =>
            {
                var result = await DecideAppeal.RunAsync(appealId, Blank(form.Decision), form.Note, caller, store, exclusions, clock, ct);
                if (result.Outcome == DecideAppeal.Outcome.Decided)
                    return Results.Redirect(ListPath + "?meldung=" + (result.Decision!.Decision == AppealStatus.Accepted ? "angenommen" : "abgelehnt"));
                if (result.Outcome == DecideAppeal.Outcome.NotFound) return Results.NotFound();
                var failure = new DecisionFailure(appealId, form.Note, result.Errors,
                    result.Outcome == DecideAppeal.Outcome.Invalid ? "Bitte prüfen Sie die markierten Angaben." : "Dieser Einspruch ist bereits entschieden.");
                return await ListPageAsync(new ListFilter(null, null, null, null), null, failure,
                    result.Outcome == DecideAppeal.Outcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict,
                    caller, session, partners, clock, ct);
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.SurveysReview))
            .RequireUnboundCaller();
    }

    /// <summary>The form, or what stands in the way of an appeal (then no form). 404 for a response the caller may not see.</summary>
    private static async Task<IResult> FormPageAsync(string responseId, AppealForm form, FileAppeal.Result? posted, int status, Caller caller,
        IQuerySession session, AppealWindowLookup windows, TimeProvider clock, CancellationToken ct)
    {
        var (refusal, response) = await FileAppeal.CheckResponseAsync(session, responseId, caller, ct);
        if (response is null) return Results.NotFound();
        var window = response.PartnerId is { } partner ? await windows.ForAsync(response.Quarter, partner, ct) : null;
        refusal ??= window is null ? null : FileAppeal.CheckWindow(window, response, clock.GetUtcNow());
        if (posted is { Outcome: FileAppeal.Outcome.Conflict }) refusal = posted;
        var exclusion = await session.LoadAsync<ResponseExclusion>(responseId, ct);
        return new RazorComponentResult<AppealFormPage>(new
        {
            Response = ListResponses.ToView(response, exclusion, caller),
            LastDay = window?.LastDay,
            Form = form,
            Errors = posted?.Errors,
            Refusal = refusal is null ? null : SurveysTexts.Refusal(refusal.Why),
        }) { StatusCode = status };
    }

    private sealed record ListFilter(string? Quarter, string? PartnerId, string? Status, string? After);

    /// <summary>"Meine Einsprüche" for a partner; the inbox (default: open ones) for an unbound caller.</summary>
    private static async Task<IResult> ListPageAsync(ListFilter filter, string? message, DecisionFailure? failure, int status, Caller caller,
        IQuerySession session, IPartnerDirectory partners, TimeProvider clock, CancellationToken ct)
    {
        var inbox = !caller.IsPartnerBound;
        var quarter = Quarter.TryParse(filter.Quarter, out var q) ? q.ToString() : null;
        var statusFilter = filter.Status switch
        {
            "all" => null,
            AppealStatus.Open or AppealStatus.Accepted or AppealStatus.Rejected => filter.Status,
            _ => inbox ? AppealStatus.Open : null,
        };
        var partnerFilter = inbox && !string.IsNullOrEmpty(filter.PartnerId) ? filter.PartnerId : null;
        var errors = new ValidationErrors();
        var page = await ListAppeals.QueryAsync(new AppealQuery(partnerFilter, quarter, statusFilter, string.IsNullOrEmpty(filter.After) ? null : filter.After,
            PageSize), caller, session, errors, ct) ?? new AppealPage([], null);

        var responses = await ResponseRows.LoadManyAsync(session, page.Items.Select(a => a.ResponseId).ToArray(), ct);
        var names = await partners.FindManyAsync(page.Items.Select(a => a.PartnerId).Distinct(), ct);
        var rows = page.Items.Select(a => new AppealRow(a,
            responses.TryGetValue(a.ResponseId, out var r) ? ListResponses.ToView(r, null, caller) : null,
            names.TryGetValue(a.PartnerId, out var p) ? p.Name : a.PartnerId,
            r?.ShopId is { } shop && p?.Shops.FirstOrDefault(s => s.ShopId == shop) is { } known ? known.Name : null)).ToArray();

        var quarters = new List<string>();
        for (var o = Quarter.Of(clock.GetUtcNow()); quarters.Count < 8; o = o.Previous()) quarters.Add(o.ToString());
        if (quarter is not null && !quarters.Contains(quarter)) quarters.Insert(0, quarter);
        var next = page.Next is null ? null : ListPath + "?" + string.Join("&", new[]
        {
            quarter is null ? null : "quarter=" + quarter,
            partnerFilter is null ? null : "partnerId=" + Uri.EscapeDataString(partnerFilter),
            "status=" + (statusFilter ?? "all"),
            "after=" + Uri.EscapeDataString(page.Next),
        }.Where(x => x is not null));

        if (!inbox)
        {
            return new RazorComponentResult<MyAppealsPage>(new
            {
                Rows = rows, Quarter = quarter, Status = statusFilter, QuarterOptions = quarters, Message = message, NextLink = next,
            }) { StatusCode = status };
        }
        return new RazorComponentResult<AppealInboxPage>(new
        {
            Rows = rows, Quarter = quarter, Status = statusFilter, PartnerId = partnerFilter, QuarterOptions = quarters,
            Choices = await partners.ChoicesAsync(partnerFilter, ct), Message = message, Failure = failure, NextLink = next,
            CanDecide = caller.HasScope(Scopes.SurveysReview),
        }) { StatusCode = status };
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
