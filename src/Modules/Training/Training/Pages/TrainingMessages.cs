namespace PartnerPortal.Training.Pages;

/// <summary>What a successful action on the Training pages shows after its redirect.</summary>
internal static class TrainingMessages
{
    /// <summary>What a successful action shows after its redirect (codes, so a link cannot make the page say anything else).</summary>
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["gebucht"] = "Ihre Coaching-Anfrage ist eingegangen.",
        ["storniert"] = "Die Buchung ist storniert.",
        ["bestaetigt"] = "Die Buchung ist bestätigt.",
        ["durchgefuehrt"] = "Das Coaching ist als durchgeführt erfasst und abgerechnet.",
        ["wkz"] = "Das WKZ-Budget ist gutgeschrieben.",
    };

    /// <summary>The message for <c>?meldung=</c>: codes only, so a link cannot make the page say anything else.</summary>
    public static FormOutcome? Of(string? code) => code is not null && Messages.TryGetValue(code, out var text) ? new FormOutcome(text) : null;
}
