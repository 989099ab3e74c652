
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
        ["Stichprobe zu klein (n < 30): nur zur Orientierung, nicht provisionsrelevant"] =
            "Sample too small (n < 30): for orientation only, not relevant for commission",
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
        ["Partner filtern"] = "Filter partners",
        ["alle"] = "all",
        ["NPS unter"] = "NPS below",
        ["Filtern"] = "Filter",
        ["NPS unter 0 mit ausreichender Stichprobe"] = "NPS below 0 with a sufficient sample",
        ["Als CSV (Excel)"] = "As CSV (Excel)",
        ["Protokoll"] = "Audit log",
        ["Kein Partner entspricht dem Filter."] = "No partner matches the filter.",
        ["Seiten"] = "Pages",
        ["Zurück"] = "Previous",
        ["Weiter"] = "Next",
        ["Seite {0} von {1} ({2} Einträge)"] = "Page {0} of {1} ({2} entries)",
        [ComparisonPage.SampleRule] = "“too small”: fewer than 30 answers in the quarter. The NPS is shown but does not count for the commission.",
        ["NPS-Verlauf der letzten vier Quartale"] = "NPS over the last four quarters",
        ["keine Daten"] = "no data",
        ["Keine Antworten"] = "No responses",
    });
}
