
namespace PartnerPortal.Training.Pages;

/// <summary>The Training pages' words: the German message per form field (the field's name is the error code), and the
/// English of every German text of the pages (ADR 0038).</summary>
internal static class TrainingTexts
{
    /// <summary>What the partner's booking form says for a refused field.</summary>
    public static readonly IReadOnlyDictionary<string, string> BookingFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["shopId"] = "Bitte wählen Sie einen Ihrer Standorte.",
        ["date"] = "Bitte wählen Sie ein Datum ab heute in einem Jahr mit Schulungsprogramm.",
        ["topic"] = "Bitte wählen Sie ein Thema.",
        ["days"] = "Bitte wählen Sie 0,5 bis 10 Tage in halben Tagen.",
        ["participants"] = "Bitte geben Sie 1 bis 50 Teilnehmende an.",
        ["wkzPercent"] = "Bitte wählen Sie einen WKZ-Anteil von 0 bis 100 %.",
    };

    /// <summary>What the back office's WKZ form says for a refused field.</summary>
    public static readonly IReadOnlyDictionary<string, string> AllocationFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["partnerId"] = "Bitte wählen Sie einen Partner.",
        ["amountEur"] = "Bitte geben Sie einen Betrag in Euro an, nicht 0, mit höchstens zwei Nachkommastellen.",
        ["reason"] = "Bitte geben Sie einen Grund an (höchstens 200 Zeichen, ohne Steuerzeichen).",
        ["wkzPercent"] = "Bitte wählen Sie einen WKZ-Anteil von 0 bis 100 %.",
    };

    /// <summary>The form's German message for a field, or a general one for a field the form does not know.</summary>
    public static string Field(IReadOnlyDictionary<string, string> messages, string field) =>
        messages.GetValueOrDefault(field, "Bitte prüfen Sie diese Angabe.");

    public static readonly TextTable Table = new(new Dictionary<string, string>
    {
        ["Schulungsprogramm"] = "Training programme",
        ["WKZ-Guthaben"] = "WKZ balance",
        ["verfügbar · Kontostand"] = "available · balance",
        ["davon für offene Buchungen vorgemerkt"] = "of which reserved for open bookings",
        ["Tage"] = "days",
        ["durchgeführt · bestätigt: {0} · Teilnahmen an Präsenzschulungen: {1} · abgeschlossene E-Learnings: {2}"] =
            "delivered · confirmed: {0} · attendances at classroom trainings: {1} · e-learnings completed: {2}",
        ["Vor-Ort-Coaching anfragen"] = "Request on-site coaching",
        ["Für dieses und das nächste Jahr ist noch kein Schulungsprogramm angelegt."] = "No training programme is set up for this or next year yet.",
        ["{0}: Tagessatz {1}, Ihr Anteil {2}."] = "{0}: day rate {1}, your share {2}.",
        ["Ihren Anteil können Sie ganz oder teilweise aus Ihrem WKZ-Budget begleichen; abgebucht wird bei Durchführung, der Rest wird in Rechnung gestellt."] =
            "You can pay your share in full or in part from your WKZ budget; it is charged on delivery, the rest is invoiced.",
        ["Standort"] = "Shop",
        ["Datum"] = "Date",
        ["Thema"] = "Topic",
        ["Teilnehmende"] = "Participants",
        ["Teilnehmende: {0}"] = "Participants: {0}",
        ["Anteil aus WKZ"] = "Share from WKZ",
        ["Coaching anfragen"] = "Request coaching",
        ["Ihre Coachings"] = "Your coachings",
        ["Noch keine Coachings gebucht."] = "No coaching booked yet.",
        ["Status"] = "Status",
        ["Ihr Anteil"] = "Your share",
        ["davon WKZ"] = "of which WKZ",
        ["Rechnung"] = "Invoice",
        ["Aktion"] = "Action",
        ["Coaching am {0} stornieren"] = "Cancel the coaching on {0}",
        ["Stornieren"] = "Cancel",
        ["offen: nach heutigem Tagessatz; „davon WKZ“ ist, was Ihr WKZ-Guthaben heute dafür vormerkt, der Rest kommt als Rechnung. Abgerechnet wird bei Durchführung."] =
            "open: at today's day rate; “of which WKZ” is what your WKZ balance reserves for it today, the rest is invoiced. Charged on delivery.",
        ["WKZ-Konto"] = "WKZ account",
        ["Noch keine Buchungen auf Ihrem WKZ-Konto."] = "No entries on your WKZ account yet.",
        ["Art"] = "Kind",
        ["Text"] = "Text",
        ["Betrag"] = "Amount",
        ["Saldo"] = "Balance",
        ["Zuteilung"] = "Allocation",
        ["Schulungskosten"] = "Training costs",
        ["Korrektur"] = "Correction",
        ["Verkaufsgespräch"] = "Sales conversation",
        ["Führung & Motivation"] = "Leadership & motivation",
        ["angefragt"] = "requested",
        ["bestätigt"] = "confirmed",
        ["durchgeführt"] = "delivered",
        ["storniert"] = "cancelled",
        ["Jahr wählen"] = "Choose a year",
        ["Jahr"] = "Year",
        ["Für {0} ist kein Programm angelegt"] = "No programme is set up for {0}",
        ["Fortschritt"] = "Progress",
        ["Tagessatz {0}, Partneranteil {1} %. Stand der Kennzahlen: {2}."] = "Day rate {0}, partner share {1} %. Figures as of {2}.",
        ["Kosten durchgeführter Coachings"] = "Costs of delivered coachings",
        ["Gesamt"] = "Total",
        ["Betreiber"] = "Operator",
        ["Partner"] = "Partner",
        ["davon aus WKZ"] = "of which from WKZ",
        ["davon in Rechnung gestellt"] = "of which invoiced",
        ["Teilnahmen an Präsenzschulungen"] = "Attendances at classroom trainings",
        ["E-Learning-Abschlüsse"] = "E-learning completions",
        ["Offene Buchungen"] = "Open bookings",
        ["Weitere offene Buchungen"] = "More open bookings",
        ["Ältere Coachings"] = "Older coachings",
        ["Keine offenen Buchungen in {0}."] = "No open bookings in {0}.",
        ["Bestätigen"] = "Confirm",
        ["WKZ-Anteil"] = "WKZ share",
        ["Durchgeführt …"] = "Delivered …",
        ["WKZ vorgemerkt"] = "WKZ reserved",
        ["Rechnung (erwartet)"] = "Invoice (expected)",
        ["Preis berechnen"] = "Calculate price",
        ["Preis dieser Anfrage"] = "Price of this request",
        ["{0} × Tagessatz {1}"] = "{0} × day rate {1}",
        ["Ihr Anteil ({0})"] = "Your share ({0})",
        ["davon aus WKZ gewünscht ({0})"] = "of which wanted from WKZ ({0})",
        ["heute vorgemerkt (verfügbar {0})"] = "reserved today (available {0})",
        ["erwartete Rechnung"] = "expected invoice",
        ["Vorschau nach heutigem Tagessatz und WKZ-Stand; abgerechnet wird bei Durchführung."] =
            "Preview at today's day rate and WKZ balance; charged on delivery.",
        ["Coaching stornieren"] = "Cancel coaching",
        ["Dieses Coaching stornieren?"] = "Cancel this coaching?",
        ["Freigegebene WKZ-Vormerkung"] = "WKZ reservation released",
        ["Stornierung bestätigen"] = "Confirm cancellation",
        ["Coaching als durchgeführt erfassen"] = "Record coaching as delivered",
        ["Dieses Coaching als durchgeführt erfassen und abrechnen?"] = "Record this coaching as delivered and charge it?",
        ["Aus WKZ abgebucht"] = "Charged to WKZ",
        ["Durchführung bestätigen"] = "Confirm delivery",
        ["Gesamtkosten"] = "Total cost",
        ["Partneranteil, davon {0} % aus WKZ gewünscht"] = "Partner share, {0} % of it wanted from WKZ",
        ["Rechnung an den Partner"] = "Invoice to the partner",
        ["Abbrechen"] = "Back without changes",
        ["Zurück"] = "Back",
        ["Buchung oder WKZ-Stand haben sich seit Ihrer Bestätigung geändert; es wurde nichts geändert. Bitte prüfen Sie die neuen Beträge."] =
            "The booking or the WKZ balance changed since you confirmed; nothing was changed. Please check the new amounts.",
        ["Ein Coaching kann erst ab seinem Datum als durchgeführt erfasst werden, nicht vorher."] =
            "A coaching can be recorded as delivered on or after its date, not before.",
        ["Bitte bestätigen Sie die Beträge auf dieser Seite."] = "Please confirm the amounts on this page.",
        ["WKZ-Budget gutschreiben"] = "Credit WKZ budget",
        ["Betrag (€)"] = "Amount (€)",
        ["Grund"] = "Reason",
        ["WKZ-Budget"] = "WKZ budget",
        ["Gutschreiben"] = "Credit",
        ["Coaching-Tage: Fortschritt zum Ziel ({0} Tage)"] = "Coaching days: progress towards the target ({0} days)",
        ["{0} durchgeführt · {1} bestätigt · {2} % des Ziels durchgeführt"] = "{0} delivered · {1} confirmed · {2} % of the target delivered",
        ["Themenmix: Ziel und Anteil an den durchgeführten Tagen"] = "Topic mix: target and share of the delivered days",
        ["Ziel"] = "target",
        ["{0} von {1} Coaching-Tagen durchgeführt, {2} bestätigt; Themenmix {3}"] = "{0} of {1} coaching days delivered, {2} confirmed; topic mix {3}",
        ["Ihre Coaching-Anfrage ist eingegangen."] = "Your coaching request has been received.",
        ["Die Buchung ist storniert."] = "The booking is cancelled.",
        ["Die Buchung ist bestätigt."] = "The booking is confirmed.",
        ["Das Coaching ist als durchgeführt erfasst und abgerechnet."] = "The coaching is recorded as delivered and charged.",
        ["Das WKZ-Budget ist gutgeschrieben."] = "The WKZ budget is credited.",
        ["Diese Buchung gibt es nicht."] = "There is no such booking.",
        ["Diese Buchung ist für Ihr Konto nicht freigegeben."] = "Your account may not change this booking.",
        ["Die Buchung lässt sich in ihrem jetzigen Stand so nicht ändern."] = "The booking cannot be changed like this in its current state.",
        ["Diesen Partner gibt es nicht."] = "There is no such partner.",
        ["Das WKZ-Konto lässt diese Buchung nicht zu."] = "The WKZ account does not allow this entry.",
        ["Das ging nicht."] = "That did not work.",
        ["Bitte prüfen Sie die markierten Angaben."] = "Please check the marked fields.",
        ["Bitte prüfen Sie diese Angabe."] = "Please check this field.",
        ["Bitte wählen Sie einen Ihrer Standorte."] = "Please choose one of your shops.",
        ["Bitte wählen Sie ein Datum ab heute in einem Jahr mit Schulungsprogramm."] = "Please choose a date from today on, in a year with a training programme.",
        ["Bitte wählen Sie ein Thema."] = "Please choose a topic.",
        ["Bitte wählen Sie 0,5 bis 10 Tage in halben Tagen."] = "Please choose 0.5 to 10 days in half days.",
        ["Bitte geben Sie 1 bis 50 Teilnehmende an."] = "Please enter 1 to 50 participants.",
        ["Bitte wählen Sie einen WKZ-Anteil von 0 bis 100 %."] = "Please choose a WKZ share from 0 to 100 %.",
        ["Bitte wählen Sie einen Partner."] = "Please choose a partner.",
        ["Bitte geben Sie einen Betrag in Euro an, nicht 0, mit höchstens zwei Nachkommastellen."] =
            "Please enter an amount in euros, not 0, with at most two decimal places.",
        ["Bitte geben Sie einen Grund an (höchstens 200 Zeichen, ohne Steuerzeichen)."] = "Please enter a reason (at most 200 characters, no control characters).",
    });
}
