using System.Globalization;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Training.Coaching;

namespace PartnerPortal.Training.Pages;

/// <summary>The partner's booking form on <c>/schulungen</c>, as typed (redisplayed as typed when it is refused).</summary>
public sealed class BookingForm
{
    public string? ShopId { get; set; }
    public string? Date { get; set; }
    public string? Topic { get; set; }
    public string? Days { get; set; }
    public string? Participants { get; set; }
    public string? WkzPercent { get; set; }

    /// <summary>The date the empty form proposes: two weeks ahead.</summary>
    internal static string DefaultDate(DateOnly today) => today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal const string DefaultDays = "1.0";
}

internal sealed class DeliverForm
{
    public string? WkzPercent { get; set; }
}

/// <summary>A confirm step's form (cancel, delivery): what it showed, posted back so that a change meanwhile is refused.</summary>
internal sealed class ConfirmForm
{
    public string? WkzPercent { get; set; }
    public string? Version { get; set; }
    public string? WkzEur { get; set; }
    public string? InvoiceEur { get; set; }

    /// <summary>What was confirmed, or null when the form does not carry it all (a post that skipped the confirm step).</summary>
    internal MoneyConfirmation? Confirmed() =>
        FormValues.Integer(Version) is { } v && FormValues.Decimal(WkzEur) is { } w && FormValues.Decimal(InvoiceEur) is { } i
            ? new MoneyConfirmation(v, w, i)
            : null;
}

internal sealed class AllocationForm
{
    public string? PartnerId { get; set; }
    public string? AmountEur { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Result of a form post shown on the next page: a German message (a key of <see cref="TrainingTexts"/>), or field
/// errors. The page adapter of the use cases' outcomes (the API endpoints are the other): the use cases' English messages stay
/// the API's; the page says what went wrong in its own words, by the outcome's kind and the fields' names (ADR 0038).</summary>
public sealed record FormOutcome(string? Message, IDictionary<string, string[]>? Errors = null, bool Failed = false)
{
    internal static FormOutcome Of<T>(Outcome<T> outcome) => outcome.Kind switch
    {
        OutcomeKind.Invalid => Invalid(outcome.Errors!),
        OutcomeKind.NotFound => new FormOutcome("Diese Buchung gibt es nicht.", Failed: true),
        OutcomeKind.Forbidden => new FormOutcome("Diese Buchung ist für Ihr Konto nicht freigegeben.", Failed: true),
        OutcomeKind.Conflict when outcome.Errors?.ContainsKey(MoneyQuote.ChangedField) == true =>
            new FormOutcome("Buchung oder WKZ-Stand haben sich seit Ihrer Bestätigung geändert; es wurde nichts geändert. Bitte prüfen Sie die neuen Beträge.", Failed: true),
        OutcomeKind.Conflict when outcome.Errors?.ContainsKey("date") == true =>
            new FormOutcome("Ein Coaching kann erst ab seinem Datum als durchgeführt erfasst werden, nicht vorher.", Failed: true),
        OutcomeKind.Conflict => new FormOutcome("Die Buchung lässt sich in ihrem jetzigen Stand so nicht ändern.", Failed: true),
        _ => new FormOutcome("Das ging nicht.", Failed: true),
    };

    internal static FormOutcome Of(WkzPosting posting) => posting.Outcome switch
    {
        WkzPostingOutcome.Invalid => Invalid(posting.Errors!),
        WkzPostingOutcome.NotFound => new FormOutcome("Diesen Partner gibt es nicht.", Failed: true),
        WkzPostingOutcome.Conflict => new FormOutcome("Das WKZ-Konto lässt diese Buchung nicht zu.", Failed: true),
        _ => new FormOutcome("Das ging nicht.", Failed: true),
    };

    /// <summary>The page's status for a refused form: what the API would answer.</summary>
    internal static int StatusOf<T>(Outcome<T> outcome) => outcome.Kind switch
    {
        OutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
        OutcomeKind.NotFound => StatusCodes.Status404NotFound,
        OutcomeKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    internal static int StatusOf(WkzPosting posting) => posting.Outcome switch
    {
        WkzPostingOutcome.NotFound => StatusCodes.Status404NotFound,
        WkzPostingOutcome.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>A confirm step's form that does not carry what was confirmed.</summary>
    internal static readonly FormOutcome Unconfirmed = new("Bitte bestätigen Sie die Beträge auf dieser Seite.", Failed: true);

    private static FormOutcome Invalid(IDictionary<string, string[]> errors) => new("Bitte prüfen Sie die markierten Angaben.", errors, Failed: true);
}

/// <summary>Reading what a form control sends.</summary>
internal static partial class FormValues
{
    /// <summary>Reads an amount typed the German way (1.234,56) or from a form control (1234.56).</summary>
    public static decimal? Decimal(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Replace("€", "", StringComparison.Ordinal).Trim();
        var german = text.Contains(',', StringComparison.Ordinal) || GroupedThousands().IsMatch(text);
        return decimal.TryParse(text, NumberStyles.Number, german ? GermanFormat.Culture : CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    public static int? Integer(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?\d{1,3}(\.\d{3})+$")]
    private static partial System.Text.RegularExpressions.Regex GroupedThousands();
}

/// <summary>German names of the WKZ entry kinds (keys of <see cref="TrainingTexts"/>).</summary>
internal static class WkzKindNames
{
    public static string German(this WkzKind kind) => kind switch
    {
        WkzKind.Allocation => "Zuteilung",
        WkzKind.Charge => "Schulungskosten",
        _ => "Korrektur",
    };
}

/// <summary>The <c>after</c> of a training page's list (a link from its page before): null when absent or empty; a
/// cursor the page did not give out is the problem to answer (400).</summary>
internal static class PageCursor
{
    public static IResult? Read(string? after, out (DateOnly Date, string Id)? cursor)
    {
        var errors = new ValidationErrors();
        cursor = errors.AfterDate(string.IsNullOrEmpty(after) ? null : after);
        return errors.IsValid ? null : Problems.Validation(errors.ToDictionary());
    }
}
