
namespace PartnerPortal.Scoring.Pages;

/// <summary>The English of the Scoring pages' German texts, those of <see cref="Labels"/> included (ADR 0038).</summary>
internal static class ScoringTexts
{
    public static readonly TextTable Table = new(new Dictionary<string, string>
    {
        ["Fachhandel (Partner)"] = "Retail partners",
        ["Eigene Shops"] = "Own shops",
        ["Sonstige"] = "Other",
        ["Alle Kontaktpunkte"] = "All touchpoints",
        ["Netzbetreiber (Marke)"] = "Network operator (brand)",
        ["Produkt"] = "Product",
        ["Kontaktpunkt"] = "Touchpoint",
        ["Privatkunden"] = "Private customers",
        ["Geschäftskunden"] = "Business customers",
        ["Alle Kunden"] = "All customers",
        ["▲ signifikant gestiegen"] = "▲ significantly up",
        ["▼ signifikant gesunken"] = "▼ significantly down",
        ["keine signifikante Änderung"] = "no significant change",
        ["kein Vergleich möglich"] = "no comparison possible",
        ["NPS nach Frage"] = "NPS by question",
        ["Keine Antworten in diesem Quartal."] = "No responses in this quarter.",
        ["95-%-Intervall {0} bis {1}"] = "95 % interval {0} to {1}",
        ["95-%-Intervall"] = "95 % interval",
        ["Stichprobe zu klein (unter 30 Antworten): nur zur Orientierung, nicht provisionsrelevant"] =
            "Sample too small (fewer than 30 responses): for orientation only, not relevant for commission",
        ["Stichprobe zu klein (unter 30 Antworten): nur zur Orientierung"] = "Sample too small (fewer than 30 responses): for orientation only",
        ["gegenüber {0}"] = "compared with {0}",
        ["Ihre Standorte (Kontaktpunkt-NPS)"] = "Your shops (touchpoint NPS)",
        ["Für diesen Partner sind keine Standorte hinterlegt."] = "No shops are on record for this partner.",
        ["Standort"] = "Shop",
        ["zu klein (unter 30 Antworten)"] = "too small (fewer than 30 responses)",
        ["Schwächster Standort zuerst. Ausreichend ist eine Stichprobe ab 30 Antworten; kleinere sind nur zur Orientierung und können vom Zufall stark schwanken."] =
            "Weakest shop first. A sample is sufficient from 30 responses; smaller ones are for orientation only and can swing widely by chance.",
        ["Berechnet am {0}."] = "Calculated on {0}.",
        ["Für dieses Quartal sind noch keine Zahlen berechnet."] = "No figures have been calculated for this quarter yet.",
        ["Das Quartal läuft noch: Die Zahlen sind vorläufig und werden bis zum Quartalsende laufend neu berechnet."] =
            "The quarter is still running: the figures are provisional and are recalculated until the quarter ends.",
        ["Zurück zur Übersicht"] = "Back to the overview",
        ["Verlauf Kontaktpunkt-NPS des Standorts"] = "The shop's touchpoint NPS over time",
        ["Kundenstimmen dieses Standorts"] = "This shop's customer comments",
        ["Alle Kommentare"] = "All comments",
        ["Kommentare der Kritiker (0–6)"] = "Detractors' comments (0–6)",
        ["Vergleich Kontaktpunkt-NPS"] = "Touchpoint NPS compared",
        ["Gruppe"] = "Group",
        ["Ihr Standort-Netz"] = "Your shop network",
        ["Alle Fachhandelspartner"] = "All retail partners",
        ["Eigene Shops des Netzbetreibers"] = "The network operator's own shops",
        ["keine Antworten"] = "no responses",
        ["{0} bis {1}"] = "{0} to {1}",
        ["Ihr Kontaktpunkt-NPS liegt über dem von {0} % der Partner mit ausreichender Stichprobe."] =
            "Your touchpoint NPS is above that of {0} % of the partners with a sufficient sample.",
        ["Kein Rang: Ihre Stichprobe ist zu klein oder kein anderer Partner hat eine ausreichende Stichprobe."] =
            "No rank: your sample is too small or no other partner has a sufficient sample.",
        ["Verlauf Kontaktpunkt-NPS"] = "Touchpoint NPS over time",
        ["Auf Standortebene ist die meiste Quartalsbewegung Zufall: Erst ein signifikanter Unterschied (95 %) wird als Anstieg oder Rückgang gezeigt."] =
            "At shop level most movement between quarters is chance: only a significant difference (95 %) is shown as a rise or a fall.",
        ["Fachhandel"] = "Retail",
        ["Shops"] = "Shops",
        ["Kontaktpunkte"] = "Touchpoints",
        ["Für dieses Quartal sind keine Score-Cards berechnet."] = "No score cards are calculated for this quarter.",
        ["Intervall"] = "Interval",
        ["Grafik"] = "Chart",
        ["Partner (Kontaktpunkt-NPS)"] = "Partners (touchpoint NPS)",
        ["Partner"] = "Partner",
        ["Stichprobe"] = "Sample",
        ["ausreichend"] = "sufficient",
        ["zu klein"] = "too small",
        ["NPS-Verlauf der letzten vier Quartale"] = "NPS over the last four quarters",
        ["keine Daten"] = "no data",
        ["Keine Antworten"] = "No responses",
    });
}
