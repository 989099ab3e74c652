using System.ComponentModel.DataAnnotations;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.BuildingBlocks.Data;

namespace PartnerPortal.Surveys.Trust;

/// <summary>The body of <c>POST …/appeals/{appealId}/decision</c>.</summary>
internal sealed record AppealDecisionRequest([OneOf(AppealStatus.Accepted, AppealStatus.Rejected)] string? Decision, [ApiOptional, MaxLength(2000)] string? Note);

/// <summary>
/// <c>POST /api/v1/surveys/appeals/{appealId}/decision</c> <c>{ decision: "accepted"|"rejected", note? }</c> (back office,
/// scope <c>surveys:review</c>): decides an open appeal once (a decided appeal is final: 409). Accepting excludes the
/// response (reason <c>appeal</c>, through <see cref="Exclusions"/>) in the same transaction as the decision and its audit
/// entry, then the quarter is recalculated; rejecting needs a note.
/// </summary>
internal static class DecideAppeal
{
    public const int NoteMaxLength = 2000;

    public enum Outcome { Decided, Invalid, NotFound, Conflict }

    public sealed record Result(Outcome Outcome, Appeal? Appeal = null, AppealDecision? Decision = null, IDictionary<string, string[]>? Errors = null,
        string? Message = null, IReadOnlyList<string>? Jobs = null);

    public static async Task<Result> RunAsync(string appealId, string? decision, string? note, Caller caller, IDocumentStore store, Exclusions exclusions,
        TimeProvider clock, CancellationToken ct)
    {
        if (Validate(decision, note) is { } errors) return new Result(Outcome.Invalid, Errors: errors);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var appeal = await session.LoadAsync<Appeal>(appealId, ct);
            if (appeal is null) return new Result(Outcome.NotFound, Message: $"Appeal '{appealId}' does not exist.");
            if (await session.LoadAsync<AppealDecision>(appealId, ct) is { } decided)
                return new Result(Outcome.Conflict, appeal, decided, Message: $"Appeal '{appealId}' is {decided.Decision} already; a decision is final.");

            var at = clock.GetUtcNow();
            var record = new AppealDecision
            {
                Id = appeal.Id, Decision = decision!, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), DecidedAt = at, DecidedBy = caller.Actor,
                DecidedByName = caller.DisplayName,
            };
            // Insert: of two concurrent decisions the second fails on the appeal's id and finds the first on its next attempt.
            session.Insert(record);
            session.Audit(caller, at, $"appeal.{record.Decision}", $"appeal {appeal.Id}", $"response {appeal.ResponseId}, quarter {appeal.Quarter}: {record.Note ?? ""}",
                appeal.PartnerId);
            var accepted = record.Decision == AppealStatus.Accepted;
            if (accepted)
            {
                var response = await ResponseRows.LoadAsync(session, appeal.ResponseId, ct)
                               ?? throw new InvalidOperationException($"Response '{appeal.ResponseId}' of appeal '{appeal.Id}' is gone.");
                // A quarantined response: the accepted appeal takes the exclusion over (and is final, unlike a quarantine).
                var existing = await session.LoadAsync<ResponseExclusion>(appeal.ResponseId, ct);
                exclusions.Exclude(session, response, ExclusionReasons.Appeal, record.Note, appeal.Id, caller, at, replacing: existing);
            }
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception e) when (attempt < 5 && (MartenErrors.IsAlreadyExists(e) || Exclusions.IsReleasedAlready(e)))
            {
                // Decided meanwhile (the next attempt says so), or the response was quarantined or released meanwhile.
                continue;
            }
            return new Result(Outcome.Decided, appeal, record, Jobs: accepted ? await exclusions.AfterCommitAsync(appeal.Quarter, ct) : []);
        }
    }

    /// <summary><c>decision</c> required and known; <c>note</c> required for a rejection, at most 2,000 characters, plain text.</summary>
    internal static IDictionary<string, string[]>? Validate(string? decision, string? note)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(decision)) errors.Add("decision", "'decision' is required: 'accepted' or 'rejected'.");
        else if (decision is not (AppealStatus.Accepted or AppealStatus.Rejected)) errors.Add("decision", "'decision' must be 'accepted' or 'rejected'.");
        errors.Text("note", note, NoteMaxLength, required: decision == AppealStatus.Rejected);
        return errors.IsValid ? null : errors.ToDictionary();
    }

    /// <summary>The API adapter: 200 with the decided appeal, 400, 404, 409.</summary>
    public static IResult ToHttp(Result result, Caller caller) => result.Outcome switch
    {
        Outcome.Decided => TypedResults.Ok(AppealView.Of(result.Appeal!, result.Decision, caller)),
        Outcome.Invalid => Problems.Validation(result.Errors!),
        Outcome.NotFound => Problems.NotFound(result.Message!),
        _ => Problems.Conflict(result.Message!),
    };

    public static async Task<IResult> Post(string appealId, AppealDecisionRequest? request, Caller caller, IDocumentStore store, Exclusions exclusions,
        TimeProvider clock, CancellationToken ct) =>
        ToHttp(await RunAsync(appealId, request?.Decision, request?.Note, caller, store, exclusions, clock, ct), caller);
}
