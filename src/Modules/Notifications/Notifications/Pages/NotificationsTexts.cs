namespace PartnerPortal.Notifications.Pages;

/// <summary>The English of every German text of the Notifications pages (ADR 0038). The mails carry their own texts in
/// both languages (<see cref="Mails.CaseMails"/>): they follow the user's chosen mail language, not the page's.</summary>
internal static class NotificationsTexts
{
    public static readonly TextTable Table = new(new Dictionary<string, string>
    {
        ["Einstellungen"] = "Settings",
        ["Postausgang"] = "Outbox",
        ["Ihre Einstellungen sind gespeichert."] = "Your settings are saved.",
        ["Bitte prüfen Sie Ihre Angaben."] = "Please check your entries.",
        ["Benachrichtigungen per E-Mail"] = "E-mail notifications",
        ["Mails gehen an"] = "Mails go to",
        ["Überfällige Rückmeldungsfälle aller Partner"] = "Overdue follow-up cases of every partner",
        ["Neue Rückmeldungsfälle Ihres Partners"] = "New follow-up cases of your partner",
        ["Sofort, gleichzeitig eingegangene Fälle in einer Mail"] = "Immediately, cases that arrive together in one mail",
        ["Täglich um 7:00 eine Übersicht der überfälligen Fälle"] = "Daily at 7:00, a summary of the overdue cases",
        ["Täglich um 7:00 eine Übersicht"] = "Daily at 7:00, a summary",
        ["Keine Mails"] = "No mails",
        ["Bitte wählen Sie, wie Sie benachrichtigt werden möchten."] = "Please choose how you want to be notified.",
        ["Sprache der Mails"] = "Language of the mails",
        ["Bitte wählen Sie Deutsch oder Englisch."] = "Please choose German or English.",
        ["Speichern"] = "Save",
        ["Es ist kein SMTP-Server eingerichtet: Die Mails bleiben hier im Postausgang und werden nicht versandt."] =
            "No SMTP server is configured: the mails stay here in the outbox and are not sent.",
        ["Dieser Filter ist ungültig."] = "This filter is not valid.",
        ["Status wählen"] = "Choose a status",
        ["Status"] = "Status",
        ["alle"] = "all",
        ["Mails"] = "Mails",
        ["Keine Mails."] = "No mails.",
        ["Erstellt"] = "Created",
        ["An"] = "To",
        ["Betreff"] = "Subject",
        ["Versuche"] = "Attempts",
        ["Versandt / nächster Versuch"] = "Sent / next attempt",
        ["versandt"] = "sent",
        ["fehlgeschlagen"] = "failed",
        ["wartend"] = "pending",
        ["Ältere Mails"] = "Older mails",
    });
}
