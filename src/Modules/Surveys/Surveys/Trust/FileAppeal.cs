using System.ComponentModel.DataAnnotations;
using System.Globalization;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Incentives.Contracts;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Trust;

/// <summary>The body of <c>POST …/responses/{responseId}/appeals</c>.</summary>
internal sealed record AppealRequest([OneOf(typeof(AppealReasons))] string? Reason, [ApiOptional, MaxLength(AppealReasons.TextMaxLength)] string? Text);

/// <summary>
/// <c>POST /api/v1/surveys/responses/{responseId}/appeals</c> <c>{ reason, text? }</c>: a partner appeals a response that
/// counts for it (channel <c>partner-shop</c>, its partner id), once per response, inside the window (DOMAIN.md "Trust in
/// the score"). A response the caller may not see is 404, as if it did not exist; outside the window, a second appeal,
/// an excluded response or one that counts for no partner is 409. Filed and audited in one transaction, while approval of
/// the quarter's statements is held off (<see cref="AppealWindowLookup.HoldApprovals"/>).
/// </summary>
internal static class FileAppeal
{
    public const string FiledAction = "appeal.filed";

    public enum Outcome { Filed, Invalid, NotFound, Conflict }

    /// <summary><see cref="Why"/>: a code for what refused it (<see cref="Refusals"/>), for the pages' own words.</summary>
    public sealed record Result(Outcome Outcome, Appeal? Appeal = null, IDictionary<string, string[]>? Errors = null, string? Message = null, string? Why = null);

    public static class Refusals
    {
        public const string NotCounting = "not-counting";
        public const string Appealed = "appealed";
        public const string Excluded = "excluded";
        public const string WindowClosed = "window-closed";
        public const string StatementApproved = "statement-approved";
        public const string Busy = "busy";
    }

    public static async Task<Result> RunAsync(string responseId, string? reason, string? text, Caller caller, IDocumentStore store,
        AppealWindowLookup windows, TimeProvider clock, CancellationToken ct)
    {
        if (Validate(reason, text) is { } errors) return new Result(Outcome.Invalid, Errors: errors);
        await using var session = store.LightweightSession();
        var (refusal, response) = await CheckResponseAsync(session, responseId, caller, ct);
        if (refusal is not null) return refusal;

        using var hold = windows.HoldApprovals(response!.Quarter);
        if (hold is null)
            return new Result(Outcome.Conflict, Why: Refusals.Busy,
                Message: $"The statements of {response.Quarter} are being recalculated or approved right now; try again in a moment.");
        var window = await windows.ForAsync(response.Quarter, response.PartnerId!, ct);
        var now = clock.GetUtcNow();
        if (CheckWindow(window, response, now) is { } closed) return closed;
        var appeal = new Appeal
        {
            Id = "ap-" + Guid.CreateVersion7(now).ToString("N"), ResponseId = response.Id, PartnerId = response.PartnerId!, Quarter = response.Quarter,
            Reason = reason!, Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(), FiledAt = now, FiledBy = caller.Actor,
            FiledByName = caller.DisplayName, WindowClosesAt = window.ClosesAt,
        };
        session.Insert(appeal);
        session.Audit(caller, now, FiledAction, $"appeal {appeal.Id}", $"response {response.Id}, quarter {response.Quarter}, reason {appeal.Reason}: {appeal.Text ?? ""}",
            response.PartnerId);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (MartenErrors.IsAlreadyExists(e))
        {
            // A concurrent request appealed the same response first (the unique index on the response id).
            return new Result(Outcome.Conflict, Message: $"Response '{responseId}' is appealed already.", Why: Refusals.Appealed);
        }
        return new Result(Outcome.Filed, appeal);
    }

    /// <summary>What stands in the way of appealing the response, apart from the window: it does not exist for the caller
    /// (404), counts for no partner, is appealed or excluded already (409). No refusal: the response.</summary>
    internal static async Task<(Result? Refusal, SurveyResponse? Response)> CheckResponseAsync(IQuerySession session, string responseId, Caller caller,
        CancellationToken ct)
    {
        var response = await ResponseRows.LoadAsync(session, responseId, ct);
        // Another partner's response is "not found": its existence is not the caller's to learn.
        if (response is null || (caller.IsPartnerBound && !caller.CanAccessPartner(response.PartnerId)))
            return (new Result(Outcome.NotFound, Message: $"Response '{responseId}' does not exist."), null);
        if (response.Channel != Channels.PartnerShop || response.PartnerId is null)
            return (new Result(Outcome.Conflict, Message: $"Response '{responseId}' counts for no partner (only channel 'partner-shop' responses can be appealed).",
                Why: Refusals.NotCounting), response);
        if (await ListAppeals.ForResponseAsync(session, responseId, ct) is { } existing)
            return (new Result(Outcome.Conflict, existing, Message: $"Response '{responseId}' is appealed already (appeal '{existing.Id}').", Why: Refusals.Appealed),
                response);
        if (await session.LoadAsync<ResponseExclusion>(responseId, ct) is not null)
            return (new Result(Outcome.Conflict, Message: $"Response '{responseId}' is excluded already: it counts in no figure.", Why: Refusals.Excluded), response);
        return (null, response);
    }

    /// <summary>409 when the window is closed at <paramref name="now"/>: by time, or because the statement is approved.</summary>
    internal static Result? CheckWindow(AppealWindow window, SurveyResponse response, DateTimeOffset now) =>
        window.IsOpenAt(now)
            ? null
            : window.StatementApproved
                ? new Result(Outcome.Conflict, Why: Refusals.StatementApproved,
                    Message: $"The appeal window of {response.Quarter} is closed: the statement of partner '{response.PartnerId}' for {response.Quarter} is approved.")
                : new Result(Outcome.Conflict, Why: Refusals.WindowClosed,
                    Message: $"The appeal window of {response.Quarter} closed at {window.ClosesAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)} ({window.Days} days after the quarter, Berlin time).");

    /// <summary>Reason required and known; text optional (required for <c>other</c>: at least 10 characters), at most 2,000
    /// characters, no control or bidi characters but line breaks.</summary>
    internal static IDictionary<string, string[]>? Validate(string? reason, string? text)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(reason)) errors.Add("reason", "'reason' is required.");
        else if (!AppealReasons.All.Contains(reason, StringComparer.Ordinal))
            errors.Add("reason", $"'reason' must be one of: {string.Join(", ", AppealReasons.All)}.");
        if (errors.Text("text", text, AppealReasons.TextMaxLength, required: false) && reason == AppealReasons.Other
            && (text?.Trim().Length ?? 0) < AppealReasons.OtherMinLength)
            errors.Add("text", $"Reason 'other' needs a 'text' of at least {AppealReasons.OtherMinLength} characters.");
        return errors.IsValid ? null : errors.ToDictionary();
    }

    /// <summary>The API adapter: 201 with the appeal, 400, 404, 409.</summary>
    public static IResult ToHttp(Result result, Caller caller) => result.Outcome switch
    {
        Outcome.Filed => TypedResults.Created($"/api/v1/surveys/appeals/{result.Appeal!.Id}", AppealView.Of(result.Appeal, null, caller)),
        Outcome.Invalid => Problems.Validation(result.Errors!),
        Outcome.NotFound => Problems.NotFound(result.Message!),
        _ => Problems.Conflict(result.Message!),
    };

    public static async Task<IResult> Post(string responseId, AppealRequest? request, Caller caller, IDocumentStore store, AppealWindowLookup windows,
        TimeProvider clock, CancellationToken ct) =>
        ToHttp(await RunAsync(responseId, request?.Reason, request?.Text, caller, store, windows, clock, ct), caller);
}
