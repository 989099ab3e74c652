using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>English texts for German ones: a module adds its own with <c>services.AddSingleton(new TextTable(...))</c>.</summary>
public sealed record TextTable(IReadOnlyDictionary<string, string> English);

/// <summary>
/// The portal's language for this request: German unless the cookie <c>lang=en</c> is set. Texts are written in
/// German in the pages; <c>T["Abmelden"]</c> gives the English of the string tables when English is chosen and the
/// German text otherwise (also when a text has no English yet). Numbers, money and dates stay in German format
/// and Berlin time in both languages (ADR 0013).
/// </summary>
public sealed class PortalText(IHttpContextAccessor http, PortalText.Tables tables)
{
    public const string CookieName = "lang";

    public bool IsEnglish => http.HttpContext?.Request.Cookies[CookieName] == "en";

    /// <summary><c>de</c> or <c>en</c>, for <c>&lt;html lang&gt;</c>.</summary>
    public string Language => IsEnglish ? "en" : "de";

    public string this[string german] => IsEnglish && tables.English.TryGetValue(german, out var english) ? english : german;

    /// <summary>The link that switches to the other language and comes back to this page (GET pages only; else home).</summary>
    public string SwitchHref
    {
        get
        {
            var request = http.HttpContext?.Request;
            var back = request is { Method: "GET" } ? request.Path + request.QueryString : "/";
            return $"/sprache/{(IsEnglish ? "de" : "en")}?returnUrl={Uri.EscapeDataString(back)}";
        }
    }

    /// <summary><c>GET /sprache/{de|en}?returnUrl=</c>: remembers the language for a year and goes back (local paths only).</summary>
    public static void MapLanguageSwitch(IEndpointRouteBuilder pages) =>
        pages.MapGet("/sprache/{language}", (string language, string? returnUrl, HttpContext context) =>
        {
            if (language is not ("de" or "en")) return Results.NotFound();
            context.Response.Cookies.Append(CookieName, language, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/",
                Secure = context.Request.IsHttps,
            });
            return Results.Redirect(ReturnUrls.LocalOrNull(returnUrl) ?? "/");
        }).AllowAnonymous();

    /// <summary>Every module's <see cref="TextTable"/> and the common one, merged once (a singleton).</summary>
    public sealed class Tables(IEnumerable<TextTable> tables)
    {
        /// <summary>German text → English, over every table (public for the UI test that checks both languages).</summary>
        public FrozenDictionary<string, string> English { get; } = tables.Prepend(Common)
            .SelectMany(t => t.English).GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
    }

    /// <summary>The frame, navigation, page headings and login: what every page shows.</summary>
    private static readonly TextTable Common = new(new Dictionary<string, string>
    {
        ["Zum Inhalt springen"] = "Skip to content",
        ["Hauptnavigation"] = "Main navigation",
        ["Abmelden"] = "Sign out",
        ["Sprache"] = "Language",
        ["Backoffice"] = "Back office",
        ["PartnerPortal · NPS, Provision und „Perfect Pitch“ für Partner"] = "PartnerPortal · NPS, commission and “Perfect Pitch” for partners",
        ["Übersicht"] = "Overview",
        ["Vergleich"] = "Comparison",
        ["Kundenstimmen"] = "Customer comments",
        ["Provision"] = "Commission",
        ["Freigabe"] = "Approval",
        ["Freigabe der Abrechnungen"] = "Statement approval",
        ["Schulungen"] = "Training",
        ["Jobs"] = "Jobs",
        ["Anmelden"] = "Sign in",
        ["Kein Zugriff"] = "Access denied",
        ["Seite nicht gefunden"] = "Page not found",
        ["Das hat nicht geklappt"] = "Something went wrong",
        ["Diese Seite ist für Ihr Konto nicht freigegeben."] = "Your account may not open this page.",
        ["Diese Seite gibt es nicht."] = "There is no such page.",
        ["Die Anfrage konnte nicht bearbeitet werden."] = "The request could not be handled.",
        ["Die Adresse nennt ein Quartal oder Jahr, das es hier nicht gibt: Quartale von 2000-Q1 bis 2100-Q4, Jahre von 2000 bis 2100."] =
            "The address names a quarter or year that does not exist here: quarters from 2000-Q1 to 2100-Q4, years from 2000 to 2100.",
        ["Zur Startseite"] = "To the start page",
        ["Zu viele Versuche"] = "Too many attempts",
        ["Es gab zu viele Anmeldeversuche in kurzer Zeit. Zum Schutz Ihres Kontos ist die Anmeldung kurz gesperrt."] =
            "There were too many sign-in attempts in a short time. To protect your account, signing in is paused briefly.",
        ["Wieder möglich in"] = "Possible again in",
        ["Sekunden"] = "seconds",
        ["Minuten"] = "minutes",
        ["Melden Sie sich mit Ihrer E-Mail-Adresse an, um NPS-Ergebnisse, Kundenstimmen, Provision und Schulungen zu sehen."] =
            "Sign in with your e-mail address to see NPS results, customer comments, commission and training.",
        ["E-Mail-Adresse"] = "E-mail address",
        ["Passwort"] = "Password",
        ["Bitte E-Mail-Adresse und Passwort eingeben."] = "Please enter your e-mail address and password.",
        ["Diese E-Mail-Adresse enthält unzulässige Zeichen."] = "This e-mail address contains characters that are not allowed.",
        ["E-Mail-Adresse oder Passwort ist falsch."] = "The e-mail address or the password is wrong.",
        ["Das Konto ist nach zu vielen Fehlversuchen vorübergehend gesperrt. Bitte versuchen Sie es später erneut."] =
            "The account is locked for a while after too many failed attempts. Please try again later.",
        ["Quartal"] = "Quarter",
        ["Quartal wählen"] = "Choose a quarter",
        ["Kunden"] = "Customers",
        ["Anzeigen"] = "Show",
        ["Partner"] = "Partner",
        ["Partner-ID"] = "Partner id",
        ["Mehr als {0} Partner: Partner-ID eingeben."] = "More than {0} partners: enter the partner id.",
        ["Mehr als {0} Partner: Partner-ID eingeben, leer für alle."] = "More than {0} partners: enter the partner id, or leave it empty for all.",
    });
}
