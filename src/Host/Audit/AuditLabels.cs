using PartnerPortal.BuildingBlocks.Audit;

namespace PartnerPortal.Host.Audit;

/// <summary>
/// What a person reads for an audit action code on <c>/protokoll</c> (German; the English is in <see cref="AuditTexts"/>).
/// The API keeps the codes. An action without a label shows its code, so a new action is never hidden; a test checks
/// that every known action has one.
/// </summary>
internal static class AuditLabels
{
    public static readonly IReadOnlyDictionary<string, string> Actions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AuditActions.PartnerSaved] = "Partner gespeichert",
        [AuditActions.UserCreated] = "Benutzer angelegt",
        [AuditActions.ApiKeyCreated] = "API-Schlüssel angelegt",
        [AuditActions.PlanSaved] = "Provisionsplan gespeichert",
        [AuditActions.PlanTargetsSaved] = "Partnerziele gespeichert",
        [AuditActions.StatementApproved] = "Abrechnung freigegeben",
        [AuditActions.RecalculationStarted] = "Neuberechnung gestartet",
        [AuditActions.ProgrammeSaved] = "Schulungsprogramm gespeichert",
        [AuditActions.WkzAllocated] = "WKZ zugeteilt",
        [AuditActions.WkzAdjusted] = "WKZ korrigiert",
        [AuditActions.WkzCharged] = "WKZ belastet",
        [AuditActions.CoachingDelivered] = "Coaching durchgeführt",
        [AuditActions.FollowUpStarted] = "Rückmeldung übernommen",
        [AuditActions.FollowUpClosed] = "Rückmeldung abgeschlossen",
        [AuditActions.FollowUpReopened] = "Rückmeldung wieder geöffnet",
        [AuditActions.NotificationsChanged] = "Mail-Einstellungen geändert",
        ["appeal.filed"] = "Einspruch eingelegt",
        ["appeal.accepted"] = "Einspruch angenommen",
        ["appeal.rejected"] = "Einspruch abgelehnt",
        ["response.excluded"] = "Antwort ausgeschlossen",
        ["response.released"] = "Antwort wieder einbezogen",
    };

    /// <summary>The German label of <paramref name="action"/>, or the code when it has none.</summary>
    public static string Action(string action) => Actions.GetValueOrDefault(action) ?? action;
}
