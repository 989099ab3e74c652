using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.Host.Audit;

/// <summary>The English of the audit log page's German texts (ADR 0038).</summary>
internal static class AuditTexts
{
    public static readonly TextTable Table = new(new Dictionary<string, string>
    {
        ["Protokoll"] = "Audit log",
        ["Protokoll filtern"] = "Filter the audit log",
        ["Aktion"] = "Action",
        ["alle"] = "all",
        ["Partner-ID"] = "Partner ID",
        ["Einträge"] = "Entries",
        ["Keine Einträge."] = "No entries.",
        ["Zeit"] = "Time",
        ["Wer"] = "Who",
        ["Betreff"] = "Subject",
        ["Partner"] = "Partner",
        ["Details"] = "Details",
        ["Ältere Einträge"] = "Older entries",
        ["Name, E-Mail oder Schlüssel"] = "Name, e-mail or key",
        ["von"] = "from",
        ["bis"] = "to",
        ["System"] = "System",
        ["API-Schlüssel"] = "API key",
        ["Partner gespeichert"] = "Partner saved",
        ["Benutzer angelegt"] = "User created",
        ["API-Schlüssel angelegt"] = "API key created",
        ["Provisionsplan gespeichert"] = "Commission plan saved",
        ["Partnerziele gespeichert"] = "Partner targets saved",
        ["Abrechnung freigegeben"] = "Statement approved",
        ["Neuberechnung gestartet"] = "Recalculation started",
        ["Schulungsprogramm gespeichert"] = "Training programme saved",
        ["WKZ zugeteilt"] = "WKZ allocated",
        ["WKZ korrigiert"] = "WKZ adjusted",
        ["WKZ belastet"] = "WKZ charged",
        ["Coaching durchgeführt"] = "Coaching delivered",
        ["Rückmeldung übernommen"] = "Follow-up started",
        ["Rückmeldung abgeschlossen"] = "Follow-up closed",
        ["Rückmeldung wieder geöffnet"] = "Follow-up reopened",
        ["Mail-Einstellungen geändert"] = "Mail settings changed",
        ["Einspruch eingelegt"] = "Appeal filed",
        ["Einspruch angenommen"] = "Appeal accepted",
        ["Einspruch abgelehnt"] = "Appeal rejected",
        ["Antwort ausgeschlossen"] = "Response excluded",
        ["Antwort wieder einbezogen"] = "Response released",
    });
}
