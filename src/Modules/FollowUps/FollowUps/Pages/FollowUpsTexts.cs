using PartnerPortal.FollowUps.Cases;

namespace PartnerPortal.FollowUps.Pages;

/// <summary>The FollowUps pages' words: German labels of the values, and the English of every German text (ADR 0038).</summary>
internal static class FollowUpsTexts
{
    public static string Status(string status) => status switch
    {
        CaseStatus.Open => "offen",
        CaseStatus.InProgress => "in Bearbeitung",
        _ => "abgeschlossen",
    };

    public static string RootCause(string? cause) => cause switch
    {
        "advice" => "Beratung",
        "waiting-time" => "Wartezeit",
        "product" => "Produkt",
        "price-tariff" => "Preis/Tarif",
        "network" => "Netz",
        "billing" => "Rechnung",
        "friendliness" => "Freundlichkeit",
        RootCauses.Excluded => "ausgeschlossen",
        _ => "Sonstiges",
    };

    public static string Action(string? action) => action switch
    {
        "called-back" => "zurückgerufen",
        "visited-shop" => "im Shop gesprochen",
        "no-contact-possible" => "kein Kontakt möglich",
        _ => "Sonstiges",
    };

    /// <summary>What the close form says for a refused field.</summary>
    public static string Field(string field) => field switch
    {
        "rootCause" => "Bitte wählen Sie eine Ursache.",
        "action" => "Bitte wählen Sie, was Sie unternommen haben.",
        "note" => "Bitte beschreiben Sie kurz, was Sie getan haben (höchstens 2.000 Zeichen, ohne Steuerzeichen).",
        _ => "Bitte prüfen Sie diese Angabe.",
    };

    public static readonly TextTable Table = new(new Dictionary<string, string>
    {
        ["Rückmeldungen"] = "Follow-ups",
        ["Rückmeldungen aller Partner"] = "Follow-ups of all partners",
        ["Abschlussquote"] = "Closed-loop rate",
        ["rechtzeitig abgeschlossen von"] = "closed in time of",
        ["offen"] = "open",
        ["in Bearbeitung"] = "in progress",
        ["abgeschlossen"] = "closed",
        ["überfällig"] = "overdue",
        ["Offene Fälle"] = "Open cases",
        ["davon überfällig"] = "of which overdue",
        ["Keine offenen Fälle."] = "No open cases.",
        ["Fällig"] = "Due",
        ["Bewertung"] = "Score",
        ["Kommentar"] = "Comment",
        ["Status"] = "Status",
        ["Bearbeiten"] = "Work on it",
        ["Übernehmen"] = "Start",
        ["Ursache"] = "Root cause",
        ["Maßnahme"] = "Action",
        ["Notiz"] = "Note",
        ["Bitte wählen"] = "Please choose",
        ["Abschließen"] = "Close",
        ["Abschließen …"] = "Close …",
        ["Diesen Fall gibt es in Ihren Rückmeldungen nicht."] = "There is no such case among your follow-ups.",
        ["Dieser Fall ist bereits abgeschlossen."] = "This case is closed already.",
        ["Weitere Fälle"] = "More cases",
        ["ohne Kommentar"] = "no comment",
        ["Quartal"] = "Quarter",
        ["Anzeigen"] = "Show",
        ["Partner"] = "Partner",
        ["eröffnet"] = "opened",
        ["rechtzeitig"] = "in time",
        ["verspätet"] = "late",
        ["Ursachen abgeschlossener Fälle"] = "Root causes of closed cases",
        ["Noch keine abgeschlossenen Fälle."] = "No closed cases yet.",
        ["Überfällige Fälle"] = "Overdue cases",
        ["Keine überfälligen Fälle."] = "No overdue cases.",
        ["Keine Fälle in diesem Quartal."] = "No cases in this quarter.",
        ["Detraktoren-Rückmeldungen"] = "Detractor follow-ups",
        ["Alle Rückmeldungen"] = "All follow-ups",
        ["Beratung"] = "Advice",
        ["Wartezeit"] = "Waiting time",
        ["Produkt"] = "Product",
        ["Preis/Tarif"] = "Price/tariff",
        ["Netz"] = "Network",
        ["Rechnung"] = "Billing",
        ["Freundlichkeit"] = "Friendliness",
        ["ausgeschlossen"] = "excluded",
        ["Sonstiges"] = "Other",
        ["zurückgerufen"] = "called back",
        ["im Shop gesprochen"] = "talked in the shop",
        ["kein Kontakt möglich"] = "no contact possible",
        ["Der Fall ist in Bearbeitung."] = "The case is in progress.",
        ["Der Fall ist abgeschlossen."] = "The case is closed.",
        ["Der Fall ist nicht mehr offen."] = "The case is no longer open.",
        ["Bitte wählen Sie eine Ursache."] = "Please choose a root cause.",
        ["Bitte wählen Sie, was Sie unternommen haben."] = "Please choose what you did.",
        ["Bitte beschreiben Sie kurz, was Sie getan haben (höchstens 2.000 Zeichen, ohne Steuerzeichen)."] =
            "Please describe briefly what you did (at most 2,000 characters, no control characters).",
        ["Bitte prüfen Sie diese Angabe."] = "Please check this entry.",
        ["Der Fall konnte nicht abgeschlossen werden."] = "The case could not be closed.",
        ["Sortieren nach"] = "Sort by",
        ["Noch keine Fälle"] = "No cases yet",
        ["Abschlussquote Rückmeldungen"] = "Follow-up closed-loop rate",
        ["{0} offen · {1} überfällig"] = "{0} open · {1} overdue",
    });
}
