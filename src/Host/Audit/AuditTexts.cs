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
    });
}
