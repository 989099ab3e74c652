using PartnerPortal.Surveys.Trust;

namespace PartnerPortal.Surveys.Pages;

/// <summary>German labels of the appeal vocabulary and of the integrity flags, and the English of the Surveys pages' German texts.</summary>
internal static class SurveysTexts
{
    public static string Reason(string reason) => reason switch
    {
        AppealReasons.NotOurCustomer => "Nicht unser Kunde",
        AppealReasons.StaffOrRelative => "Mitarbeiter oder Angehörige",
        AppealReasons.DuplicateCustomer => "Kunde hat mehrfach geantwortet",
        AppealReasons.OtherChannel => "Betrifft einen anderen Kontaktpunkt",
        AppealReasons.Abusive => "Beleidigend oder missbräuchlich",
        AppealReasons.Other => "Sonstiges",
        _ => reason,
    };

    public static string Status(string status) => status switch
    {
        AppealStatus.Open => "offen",
        AppealStatus.Accepted => "angenommen",
        AppealStatus.Rejected => "abgelehnt",
        _ => status,
    };

    public static string StatusClass(string status) => status switch
    {
        AppealStatus.Open => "badge warn",
        AppealStatus.Accepted => "badge ok",
        _ => "badge",
    };

    /// <summary>Why a response cannot be appealed (<see cref="FileAppeal.Refusals"/>), in the pages' words.</summary>
    public static string Refusal(string? why) => why switch
    {
        FileAppeal.Refusals.NotCounting => "Diese Kundenstimme zählt für keinen Partner; ein Einspruch ist nicht möglich.",
        FileAppeal.Refusals.Appealed => "Gegen diese Kundenstimme ist bereits Einspruch eingelegt.",
        FileAppeal.Refusals.Excluded => "Diese Kundenstimme ist bereits ausgeschlossen und zählt in keiner Auswertung.",
        FileAppeal.Refusals.WindowClosed => "Die Einspruchsfrist für dieses Quartal ist abgelaufen.",
        FileAppeal.Refusals.StatementApproved => "Die Abrechnung dieses Quartals ist freigegeben; ein Einspruch ist nicht mehr möglich.",
        FileAppeal.Refusals.Busy => "Die Abrechnungen dieses Quartals werden gerade berechnet oder freigegeben; bitte versuchen Sie es gleich noch einmal.",
        _ => "Das ging nicht.",
    };

    /// <summary>What the page calls each flag (DOMAIN.md "Trust in the score").</summary>
    public static readonly IReadOnlyDictionary<string, string> FlagLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [IntegrityFlags.RepeatTransaction] = "Vorgang mehrfach bewertet",
        [IntegrityFlags.UnknownTransaction] = "Unbekannter Vorgang",
        [IntegrityFlags.BeforeTransaction] = "Vor dem Vorgang abgegeben",
        [IntegrityFlags.Burst] = "Häufung am Standort",
        [IntegrityFlags.DuplicateComment] = "Gleicher Kommentar",
        [IntegrityFlags.PromoterShare] = "Auffälliger Promotoren-Anteil",
    };

    /// <summary>The flags' column headings in the partner table, short so the table fits.</summary>
    public static readonly IReadOnlyDictionary<string, string> FlagColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [IntegrityFlags.RepeatTransaction] = "Mehrfach",
        [IntegrityFlags.UnknownTransaction] = "Unbekannt",
        [IntegrityFlags.BeforeTransaction] = "Zu früh",
        [IntegrityFlags.Burst] = "Häufung",
        [IntegrityFlags.DuplicateComment] = "Gleicher Text",
    };

    /// <summary>What each flag means, for the page's legend.</summary>
    public static readonly IReadOnlyDictionary<string, string> FlagExplanations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [IntegrityFlags.RepeatTransaction] = "Eine frühere Antwort trägt denselben Geschäftsvorfall; die früheste bleibt unmarkiert.",
        [IntegrityFlags.UnknownTransaction] = "Der Geschäftsvorfall ist kein Vorgang dieses Partners.",
        [IntegrityFlags.BeforeTransaction] = "Die Antwort kam vor dem Geschäftsvorfall.",
        [IntegrityFlags.Burst] = "Mindestens 5 Antworten eines Standorts innerhalb von 10 Minuten.",
        [IntegrityFlags.DuplicateComment] = "Derselbe Kommentar (ab 20 Zeichen) in mindestens 3 Antworten des Partners.",
        [IntegrityFlags.PromoterShare] = "Anteil der Promotoren weit über dem der anderen Partner (z ≥ 3,09 bei mindestens 30 Bewertungen).",
    };

    /// <summary>What the Surveys forms say for a refused field (the field's name is the error code, ADR 0038).</summary>
    private static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reason"] = "Bitte wählen Sie einen Grund.",
        ["text"] = "Bitte begründen Sie den Einspruch: bei „Sonstiges“ mindestens 10 Zeichen, höchstens 2.000 Zeichen, ohne Steuerzeichen.",
        ["note"] = "Bitte geben Sie eine Notiz an (höchstens 2.000 Zeichen, ohne Steuerzeichen).",
    };

    /// <summary>The form's German message for a field, or a general one for a field the forms do not know.</summary>
    public static string Field(string field) => Fields.GetValueOrDefault(field, "Bitte prüfen Sie diese Angabe.");

    public static readonly TextTable Table = new(new Dictionary<string, string>
    {
        ["Bitte wählen Sie einen Grund."] = "Please choose a reason.",
        ["Bitte begründen Sie den Einspruch: bei „Sonstiges“ mindestens 10 Zeichen, höchstens 2.000 Zeichen, ohne Steuerzeichen."] =
            "Please explain the appeal: at least 10 characters for “Other”, at most 2,000 characters, no control characters.",
        ["Bitte prüfen Sie diese Angabe."] = "Please check this field.",
        ["Einsprüche"] = "Appeals",
        ["Kundenstimmen filtern"] = "Filter customer comments",
        ["Frage"] = "Question",
        ["Alle Fragen"] = "All questions",
        ["Netzbetreiber (Marke)"] = "Network operator (brand)",
        ["Produkt"] = "Product",
        ["Nur Kritiker (0–6)"] = "Detractors only (0–6)",
        ["Für diese Auswahl liegen keine Kommentare vor."] = "There are no comments for this selection.",
        ["Ältere Kommentare"] = "Older comments",
        ["Geschäftskunde"] = "Business customer",
        ["Privatkunde"] = "Private customer",
        ["Bewertungen"] = "Scores",
        ["Marke"] = "Brand",
        ["Meine Einsprüche"] = "My appeals",
        ["Einspruch einlegen"] = "File an appeal",
        ["Einspruch gegen diese Kundenstimme einlegen"] = "Appeal against this customer comment",
        ["ausgeschlossen"] = "excluded",
        ["zählt nicht in den Auswertungen"] = "counts in no figure",
        ["Einspruch"] = "Appeal",
        ["offen"] = "open",
        ["angenommen"] = "accepted",
        ["abgelehnt"] = "rejected",
        ["alle"] = "all",
        ["Nicht unser Kunde"] = "Not our customer",
        ["Mitarbeiter oder Angehörige"] = "Staff or relatives",
        ["Kunde hat mehrfach geantwortet"] = "Customer answered more than once",
        ["Betrifft einen anderen Kontaktpunkt"] = "Concerns another contact point",
        ["Beleidigend oder missbräuchlich"] = "Abusive",
        ["Sonstiges"] = "Other",
        ["Grund"] = "Reason",
        ["Bitte wählen"] = "Please choose",
        ["Begründung"] = "Explanation",
        ["Bei „Sonstiges“ mindestens 10 Zeichen."] = "At least 10 characters for “Other”.",
        ["Einspruchsfrist bis"] = "Appeal deadline",
        ["Frist"] = "Deadline",
        ["Die Kundenstimme"] = "The customer comment",
        ["Zurück zu den Kundenstimmen"] = "Back to the customer comments",
        ["Bitte prüfen Sie die markierten Angaben."] = "Please check the marked fields.",
        ["Ihr Einspruch ist eingegangen; das Backoffice entscheidet darüber."] = "Your appeal has been received; back office will decide on it.",
        ["Der Einspruch ist angenommen: die Kundenstimme zählt nicht mehr."] = "The appeal is accepted: the customer comment no longer counts.",
        ["Der Einspruch ist abgelehnt."] = "The appeal is rejected.",
        ["Diese Kundenstimme zählt für keinen Partner; ein Einspruch ist nicht möglich."] = "This customer comment counts for no partner; it cannot be appealed.",
        ["Gegen diese Kundenstimme ist bereits Einspruch eingelegt."] = "This customer comment has been appealed already.",
        ["Diese Kundenstimme ist bereits ausgeschlossen und zählt in keiner Auswertung."] = "This customer comment is excluded already and counts in no figure.",
        ["Die Einspruchsfrist für dieses Quartal ist abgelaufen."] = "The appeal deadline for this quarter has passed.",
        ["Die Abrechnung dieses Quartals ist freigegeben; ein Einspruch ist nicht mehr möglich."] = "This quarter's statement is approved; appeals are no longer possible.",
        ["Die Abrechnungen dieses Quartals werden gerade berechnet oder freigegeben; bitte versuchen Sie es gleich noch einmal."] =
            "This quarter's statements are being calculated or approved right now; please try again in a moment.",
        ["Dieser Einspruch ist bereits entschieden."] = "This appeal is decided already.",
        ["Diesen Einspruch gibt es nicht."] = "There is no such appeal.",
        ["Das ging nicht."] = "That did not work.",
        ["Noch keine Einsprüche."] = "No appeals yet.",
        ["Keine Einsprüche für diese Auswahl."] = "No appeals for this selection.",
        ["Eingelegt"] = "Filed",
        ["Status"] = "Status",
        ["Entscheidung"] = "Decision",
        ["Aktion"] = "Action",
        ["Partner"] = "Partner",
        ["Alle Partner"] = "All partners",
        ["Alle Quartale"] = "All quarters",
        ["Notiz"] = "Note",
        ["Notiz (für Ablehnung nötig)"] = "Note (needed to reject)",
        ["Annehmen"] = "Accept",
        ["Ablehnen"] = "Reject",
        ["Einspruchs-Eingang"] = "Appeals inbox",
        ["Älteste zuerst. Angenommene Einsprüche schließen die Kundenstimme aus allen Auswertungen aus; das Quartal wird neu berechnet."] =
            "Oldest first. An accepted appeal excludes the customer comment from every figure; the quarter is recalculated.",
        ["Einsprüche filtern"] = "Filter appeals",
        ["Weitere Einsprüche"] = "More appeals",
        ["Kundenstimme nicht gefunden"] = "Customer comment not found",
        ["Ein Einspruch ist bis zum Ende des Fristtags (Berliner Zeit) möglich und nur, solange die Abrechnung des Quartals nicht freigegeben ist. Das Backoffice entscheidet; eine Entscheidung ist endgültig."] =
            "An appeal can be filed until the end of the deadline day (Berlin time) and only while the quarter's statement is not approved. Back office decides; a decision is final.",
        ["Auffälligkeiten"] = "Integrity flags",
        ["Vorgang mehrfach bewertet"] = "Transaction rated repeatedly",
        ["Unbekannter Vorgang"] = "Unknown transaction",
        ["Vor dem Vorgang abgegeben"] = "Given before the transaction",
        ["Häufung am Standort"] = "Burst at one shop",
        ["Gleicher Kommentar"] = "Duplicate comment",
        ["Auffälliger Promotoren-Anteil"] = "Unusual promoter share",
        ["Eine frühere Antwort trägt denselben Geschäftsvorfall; die früheste bleibt unmarkiert."] =
            "An earlier response carries the same transaction; the earliest one is not flagged.",
        ["Der Geschäftsvorfall ist kein Vorgang dieses Partners."] = "The transaction is none of this partner's.",
        ["Die Antwort kam vor dem Geschäftsvorfall."] = "The response was given before the transaction.",
        ["Mindestens 5 Antworten eines Standorts innerhalb von 10 Minuten."] = "At least 5 responses for one shop within 10 minutes.",
        ["Derselbe Kommentar (ab 20 Zeichen) in mindestens 3 Antworten des Partners."] =
            "The same comment (20 characters or more) on at least 3 of the partner's responses.",
        ["Anteil der Promotoren weit über dem der anderen Partner (z ≥ 3,09 bei mindestens 30 Bewertungen)."] =
            "A share of promoters far above the other partners' (z ≥ 3.09 with at least 30 scores).",
        ["Mehrfach"] = "Repeated",
        ["Unbekannt"] = "Unknown",
        ["Zu früh"] = "Too early",
        ["Häufung"] = "Burst",
        ["Gleicher Text"] = "Same text",
        ["Promotoren"] = "Promoters",
        ["Antworten je Markierung und Promotoren-Anteil der Kontaktpunkt-Bewertungen (n) gegenüber allen anderen Partnern"] =
            "Responses per flag, and the share of promoters among the touchpoint scores (n) against all other partners",
        ["Quartal und Partner wählen"] = "Choose quarter and partner",
        ["Alle Partner"] = "All partners",
        ["Stand der Prüfung: {0}."] = "As of the check on {0}.",
        ["Für dieses Quartal liegt noch keine Prüfung vor. Sie läuft jede Nacht für das laufende und das vorige Quartal; sofort startet sie der Job surveys:integrity im Jobs-Dashboard."] =
            "This quarter has not been checked yet. The check runs every night for the current and the previous quarter; the job surveys:integrity on the jobs dashboard starts it at once.",
        ["Geschäftsvorfälle wurden nicht geprüft: das Modul Provision war ausgeschaltet."] =
            "Transactions were not checked: the commission module was switched off.",
        ["Geprüfte Antworten"] = "Responses checked",
        ["Markierte Antworten"] = "Flagged responses",
        ["Partner mit Auffälligkeiten"] = "Partners with flags",
        ["Partner"] = "Partner",
        ["andere Partner"] = "other partners",
        ["Keine Auffälligkeiten in diesem Quartal."] = "No flags in this quarter.",
        ["Weitere Partner ohne Auffälligkeiten: {0}."] = "Further partners without flags: {0}.",
        ["Markierte Antworten von {0}"] = "Flagged responses of {0}",
        ["Die ersten {0} von {1} markierten Antworten; wählen Sie einen Partner für alle seine."] =
            "The first {0} of {1} flagged responses; choose a partner to see all of theirs.",
        ["Zeitpunkt"] = "Time",
        ["Standort"] = "Shop",
        ["Kontaktpunkt"] = "Touchpoint",
        ["Kommentar"] = "Comment",
        ["Quarantäne"] = "Quarantine",
        ["in Quarantäne"] = "quarantined",
        ["ausgeschlossen (Einspruch)"] = "excluded (appeal)",
        ["Notiz"] = "Note",
        ["Notiz zur Quarantäne von Antwort {0}"] = "Note on quarantining response {0}",
        ["Antwort {0} in Quarantäne nehmen"] = "Quarantine response {0}",
        ["Antwort {0} ist in Quarantäne: sie zählt in keiner Kennzahl mehr, das Quartal wird neu berechnet."] =
            "Response {0} is quarantined: it counts in no figure any more; the quarter is being recalculated.",
        ["Antwort {0} war bereits in Quarantäne."] = "Response {0} was quarantined already.",
        ["Bitte geben Sie eine Notiz an (höchstens 2.000 Zeichen, ohne Steuerzeichen)."] =
            "Please enter a note (at most 2,000 characters, no control characters).",
        ["Diese Antwort gibt es nicht."] = "There is no such response.",
        ["Diese Antwort ist bereits durch einen angenommenen Einspruch ausgeschlossen."] = "This response is excluded already by an accepted appeal.",
        ["Die Auswahl ist ungültig."] = "The selection is not valid.",
        ["Die Suche braucht mindestens ein Wort aus Buchstaben oder Ziffern und hat höchstens 100 Zeichen."] =
            "The search needs at least one word of letters or digits and has at most 100 characters.",
        ["Alle Standorte"] = "All shops",
        ["Suche im Kommentar"] = "Search the comments",
        ["mehr als {0} Kommentare"] = "more than {0} comments",
        ["{0} Kommentar"] = "{0} comment",
        ["{0} Kommentare"] = "{0} comments",
        ["als CSV"] = "as CSV",
        ["CSV für Excel"] = "CSV for Excel",
        ["Seiten"] = "Pages",
        ["Neuere Kommentare"] = "Newer comments",
        ["Was die Markierungen bedeuten"] = "What the flags mean",
        ["Eine Markierung schließt nichts aus: erst die Quarantäne nimmt eine Antwort aus den Kennzahlen. Partner sehen keine Markierungen."] =
            "A flag excludes nothing: only quarantine takes a response out of the figures. Partners never see flags.",
    });
}
