using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Demo;

/// <summary>German customer comments for the showcase, fitting the score: a sentence on one topic (waiting time, advice,
/// tariff, network, bill, friendliness, device) with the details varied, now and then a closing remark.</summary>
internal static class ShowcaseComments
{
    private static readonly string[] Promoter =
    [
        "Sehr kompetente Beratung, {name} hat sich viel Zeit für mich genommen.",
        "Top Service in {city}: Vertrag verlängert und das neue {device} gleich eingerichtet bekommen.",
        "Kaum Wartezeit, nach {min} Minuten war alles erledigt.",
        "Freundlich, ehrlich und ohne Druck beraten – so soll es sein.",
        "Der Tarifwechsel war in wenigen Minuten erledigt und alles wurde verständlich erklärt.",
        "{name} hat mir die Datenübernahme aufs neue {device} abgenommen, super!",
        "Endlich ein Tarif, der zu mir passt. Danke für die ehrliche Beratung.",
        "Schnelle Hilfe bei der eSIM-Aktivierung, sehr zufrieden.",
        "Das Netz ist bei uns inzwischen richtig gut, und im Laden wurde mir prima geholfen.",
        "Hier fühlt man sich als Kunde ernst genommen, {name} kennt sich wirklich aus.",
        "Festnetz und Mobilfunk zusammengelegt, spart mir jeden Monat Geld. Klasse Beratung!",
    ];

    private static readonly string[] Passive =
    [
        "Beratung war in Ordnung, aber ich musste {min} Minuten warten.",
        "Im Großen und Ganzen zufrieden, der Tarif ist allerdings recht teuer.",
        "Freundliches Personal, aber das {device} war nicht vorrätig.",
        "Ganz okay. Die Vertragsunterlagen hätte ich mir ausführlicher erklärt gewünscht.",
        "Solide Beratung, beim Netz in {city} gibt es aber noch Lücken.",
        "Alles erledigt, hat aber länger gedauert als gedacht ({min} Minuten).",
        "Nett, beim Tarifvergleich hätte ich mir aber mehr Transparenz gewünscht.",
        "Die Rufnummernmitnahme hat geklappt, nur die Information dazu kam spät.",
        "{name} war bemüht, konnte meine Frage zur Rechnung aber nicht ganz klären.",
    ];

    private static readonly string[] Detractor =
    [
        "Über {min} Minuten gewartet, obwohl nur zwei Kunden vor mir waren.",
        "Mir wurde ein teurer Tarif aufgeschwatzt, den ich gar nicht brauche.",
        "Die Beratung war oberflächlich, meine Fragen zum Vertrag blieben offen.",
        "Seit Wochen schlechter Empfang in {city}, im Laden hieß es nur, da könne man nichts machen.",
        "Auf der ersten Rechnung standen Posten, die mir niemand erklärt hatte.",
        "Unfreundlich und genervt, als ich nach einer Kündigung gefragt habe.",
        "Das {device} wurde falsch eingerichtet, ich musste zweimal wiederkommen.",
        "Termin vereinbart und trotzdem {min} Minuten gewartet. Enttäuschend.",
        "Der zugesagte Rückruf kam nie, ich fühle mich im Stich gelassen.",
        "Die Rufnummernmitnahme ist schiefgegangen, ich war drei Tage nicht erreichbar.",
        "Beim Tarif wurde mir etwas anderes versprochen, als jetzt im Vertrag steht.",
    ];

    private static readonly string[] HotlinePromoter =
    [
        "Nach {min} Minuten hatte ich jemanden dran, und das Problem war sofort gelöst.",
        "Sehr geduldige Mitarbeiterin an der Hotline, hat mir den Router Schritt für Schritt eingerichtet.",
    ];

    private static readonly string[] HotlineDetractor =
    [
        "{min} Minuten in der Warteschleife und dann aus der Leitung geflogen.",
        "Dreimal angerufen, dreimal eine andere Auskunft zu meiner Rechnung.",
    ];

    private static readonly string[] OnlinePromoter =
    [
        "Online bestellt, am nächsten Tag war das {device} da. Einfacher geht es nicht.",
        "Der Tarifwechsel im Kundenportal hat problemlos geklappt.",
    ];

    private static readonly string[] OnlineDetractor =
    [
        "Die Bestellung hing tagelang im Status „in Bearbeitung“, niemand konnte helfen.",
        "Die Aktivierung der SIM-Karte online hat nicht funktioniert, das Formular bricht immer ab.",
    ];

    private static readonly string[] PromoterEnd = ["", "", "Gerne wieder!", "Klare Empfehlung.", "Danke an das ganze Team!", "Weiter so."];
    private static readonly string[] PassiveEnd = ["", "", "Da geht noch was.", "Insgesamt okay.", "Nächstes Mal hoffentlich schneller."];
    private static readonly string[] DetractorEnd = ["", "", "So nicht.", "Ich überlege zu wechseln.", "Sehr ärgerlich.", "Das muss besser werden."];
    /// <summary>What the visit was about, before the verdict half of the time: fewer comments alike, as real ones are.</summary>
    private static readonly string[] Occasions =
    [
        "Vertragsverlängerung.", "War wegen meines neuen {device}s da.", "Es ging um einen Tarifwechsel.", "Rufnummernmitnahme vom alten Anbieter.",
        "Wollte nur eine neue SIM-Karte.", "Glasfaser-Anschluss für zu Hause.", "Wir waren zu zweit da.", "War in der Mittagspause dort.",
        "Samstagvormittag, entsprechend voll.", "Zweiter Besuch in dieser Woche.", "Frage zur letzten Rechnung.", "Vertrag für meine Tochter.",
    ];

    private static readonly string[] Names = ["Herr Yıldız", "Frau Becker", "Jonas", "Frau Schneider", "Herr Krause", "Lena", "Herr Nowak", "Frau Albrecht"];
    private static readonly string[] Devices = ["iPhone", "Galaxy", "Pixel", "Tablet", "Smartphone", "Router"];

    public static string For(Random random, string channel, int touchpoint, string? city)
    {
        var band = touchpoint >= 9 ? 2 : touchpoint >= 7 ? 1 : 0;
        var pool = (channel, band) switch
        {
            (Channels.Hotline, 2) when random.NextDouble() < 0.5 => HotlinePromoter,
            (Channels.Hotline, 0) when random.NextDouble() < 0.6 => HotlineDetractor,
            (Channels.Online, 2) when random.NextDouble() < 0.5 => OnlinePromoter,
            (Channels.Online, 0) when random.NextDouble() < 0.6 => OnlineDetractor,
            (_, 2) => Promoter,
            (_, 1) => Passive,
            _ => Detractor,
        };
        var ending = band switch { 2 => PromoterEnd, 1 => PassiveEnd, _ => DetractorEnd };
        var occasion = random.NextDouble() < 0.5 ? Pick(random, Occasions) + " " : "";
        var text = (occasion + Pick(random, pool))
            .Replace("{name}", Pick(random, Names), StringComparison.Ordinal)
            .Replace("{device}", Pick(random, Devices), StringComparison.Ordinal)
            .Replace("{city}", city ?? "meiner Gegend", StringComparison.Ordinal)
            .Replace("{min}", (band == 2 ? random.Next(3, 12) : random.Next(15, 55)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                StringComparison.Ordinal);
        var end = Pick(random, ending);
        return end.Length == 0 ? text : text + " " + end;
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
