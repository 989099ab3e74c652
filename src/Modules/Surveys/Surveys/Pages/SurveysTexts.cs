using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Surveys.Trust;

namespace PartnerPortal.Surveys.Pages;

/// <summary>German labels of the appeal vocabulary, and the English of the Surveys pages' German texts.</summary>
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
        _ => "Das ging nicht.",
    };

    public static readonly TextTable Table = new(new Dictionary<string, string>
    {
        ["Einsprüche"] = "Appeals",
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
    });
}
