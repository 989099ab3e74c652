
namespace PartnerPortal.Incentives.Pages;

/// <summary>English of the Incentives pages' German texts.</summary>
internal static class IncentivesTexts
{
    public static readonly TextTable Table = new(new Dictionary<string, string>
    {
        ["Die Abrechnung von {0} ist freigegeben."] = "The statement of {0} is approved.",
        ["Diese Abrechnung ist bereits freigegeben."] = "This statement is approved already.",
        ["Der Provisionsplan wurde geändert, nachdem diese Abrechnung berechnet wurde: bitte zuerst neu berechnen, dann freigeben."] =
            "The commission plan changed after this statement was calculated: recalculate first, then approve.",
        ["Die Abrechnungen des Quartals werden gerade berechnet oder freigegeben; bitte versuchen Sie es gleich noch einmal."] =
            "The statements of the quarter are being calculated or approved right now; please try again in a moment.",
        ["Für diesen Partner liegt in diesem Quartal keine Abrechnung vor."] = "There is no statement of this partner for this quarter.",
        ["Für dieses Quartal sind keine Abrechnungen berechnet."] = "No statements are calculated for this quarter.",
        ["Stand der Freigabe"] = "Approval status",
        ["Position"] = "Item",
        ["Anzahl"] = "Count",
        ["Betrag"] = "Amount",
        ["Grundprovision Mobilfunk"] = "Base commission mobile",
        ["Grundprovision Festnetz"] = "Base commission fixed line",
        ["Qualitätsaufschlag Mobilfunk"] = "Quality uplift mobile",
        ["Qualitätsaufschlag Festnetz"] = "Quality uplift fixed line",
        ["Qualitätsbonus"] = "Quality bonus",
        ["Rückbelastung"] = "Clawback",
        ["Zielerreichung Mobilfunk"] = "Target attainment mobile",
        ["Zielerreichung Festnetz"] = "Target attainment fixed line",
        ["Abrechnung (Stand {0}, {1})"] = "Statement (as of {0}, {1})",
        ["Stufen der Qualitätskomponente"] = "Tiers of the quality component",
        ["ab NPS"] = "from NPS",
        ["Aufschlag"] = "Uplift",
        ["Bonus"] = "Bonus",
        ["Eine Stufe gilt nur mit mindestens {0} Antworten; maßgeblich ist die Untergrenze des 95-%-Intervalls."] =
            "A tier applies only with at least {0} responses; it is chosen on the lower bound of the 95 % interval.",
        ["Eine Stufe gilt nur mit mindestens {0} Antworten; maßgeblich ist der geglättete NPS."] =
            "A tier applies only with at least {0} responses; it is chosen on the shrunk NPS.",
        ["Eine Stufe gilt nur mit mindestens {0} Antworten; maßgeblich ist der NPS selbst."] =
            "A tier applies only with at least {0} responses; it is chosen on the NPS itself.",
        ["Ihre Stufe"] = "Your tier",
        ["noch {0} Punkte"] = "{0} points to go",
        ["etwa {0} weitere Promotoren"] = "about {0} more promoters",
        ["etwa {0} weiterer Promotor"] = "about {0} more promoter",
        ["{0} mehr als die aktuelle Abrechnung mit {1}"] = "{0} more than the current statement of {1}",
        ["{0} weniger als die aktuelle Abrechnung mit {1}"] = "{0} less than the current statement of {1}",
        ["Entwürfe"] = "Drafts",
        ["Freigegeben"] = "Approved",
        ["Summe aller Abrechnungen"] = "Total of all statements",
        ["Abrechnungen"] = "Statements",
        ["Partner"] = "Partner",
        ["Revision"] = "Revision",
        ["Status"] = "Status",
        ["Summe"] = "Total",
        ["Freigegeben von"] = "Approved by",
        ["Aktion"] = "Action",
        ["freigegeben"] = "approved",
        ["Entwurf"] = "draft",
        ["berechnet"] = "calculated",
        ["Abrechnung von {0} freigeben"] = "Approve the statement of {0}",
        ["Freigeben"] = "Approve",
        ["Offene Einsprüche"] = "Open appeals",
        ["{0} offen"] = "{0} open",
        ["erst nach den Einsprüchen"] = "after the appeals",
        ["Diese Abrechnung kann erst freigegeben werden, wenn alle Einsprüche entschieden sind."] =
            "This statement can be approved only once all appeals are decided.",
        ["Solange ein Partner offene Einsprüche im Quartal hat, kann seine Abrechnung nicht freigegeben werden."] =
            "While a partner has open appeals in the quarter, its statement cannot be approved.",
        ["Quartal und Was-wäre-wenn"] = "Quarter and what-if",
        ["Was wäre, wenn mein NPS … wäre?"] = "What if my NPS were …?",
        ["Wählen Sie einen Partner in der"] = "Choose a partner in the",
        ["Für dieses Quartal liegt noch keine Abrechnung vor."] = "There is no statement for this quarter yet.",
        ["Kontaktpunkt-NPS"] = "Touchpoint NPS",
        ["geglätteter NPS"] = "shrunk NPS",
        [CommissionPage.ShrunkSentence] =
            "The shrunk NPS is your NPS calculated as if {0} typical answers were added (with the shares of promoters and detractors of all partner shops in the quarter): with few answers the average weighs more, with many your own result.",
        ["Was wäre, wenn Ihr NPS {0} betrüge?"] = "What if your NPS were {0}?",
        ["Was wäre, wenn die Untergrenze Ihres NPS-Intervalls {0} betrüge?"] = "What if the lower bound of your NPS interval were {0}?",
        ["Was wäre, wenn Ihr geglätteter NPS {0} betrüge?"] = "What if your shrunk NPS were {0}?",
        ["Eine freigegebene Abrechnung ändert sich nicht mehr; spätere Stornos werden in der nächsten offenen Abrechnung zurückbelastet."] =
            "An approved statement never changes; later cancellations are clawed back in the next open statement.",
    });
}
