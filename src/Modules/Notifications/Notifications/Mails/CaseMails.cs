using System.Globalization;
using System.Text;
using PartnerPortal.FollowUps.Contracts;
using PartnerPortal.Notifications.Outbox;
using PartnerPortal.Notifications.Settings;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Notifications.Mails;

/// <summary>
/// The texts of the mails, in German or English (the user's choice). Dates are Berlin time in German format in both
/// languages, like the pages (ADR 0013). Each case is linked on its "Rückmeldungen" page, absolute
/// (<see cref="MailSettings.PublicBaseUrl"/>).
/// </summary>
internal static class CaseMails
{
    /// <summary>How many cases a mail about several cases lists with their links; the rest it counts and links the list.</summary>
    public const int MaxListed = 20;

    /// <summary>The <c>immediate</c> mail about the cases of one partner that one opening brought (one stored batch, call or
    /// import): about a single case, or one mail listing the first <see cref="MaxListed"/> of several with their links
    /// (ADR 0062). Keyed by the case (one) or by the first case in ordinal order and the count (several): the cases of an
    /// opening are opened there and nowhere else, so a retried opening writes the same key. The subject is written now; the
    /// body is stored as its facts (<see cref="CaseMailFacts"/>, template <see cref="CaseMailFacts.Template"/>) and written
    /// when the mail is sent (<see cref="Text"/>, ADR 0063).</summary>
    public static NewMail Immediate(IReadOnlyList<FollowUpCaseInfo> cases, PortalUserInfo user, string partnerName, string language)
    {
        var en = language == MailLanguage.English;
        var facts = new CaseMailFacts(user.DisplayName, partnerName,
            cases.Take(MaxListed).Select(c => new CaseMailFacts.Case(c.CaseId, c.ShopId, c.Score, c.Comment, c.DueAt)).ToArray(), cases.Count);
        string subject, key;
        if (cases.Count == 1)
        {
            var c = cases[0];
            subject = en ? $"New follow-up case: score {c.Score} ({partnerName})" : $"Neuer Rückmeldungsfall: Bewertung {c.Score} ({partnerName})";
            key = $"followup-case:{c.CaseId}:{user.UserId}";
        }
        else
        {
            subject = en ? $"New follow-up cases: {cases.Count} ({partnerName})" : $"Neue Rückmeldungsfälle: {cases.Count} ({partnerName})";
            key = $"followup-cases:{cases.Select(c => c.CaseId).Min(StringComparer.Ordinal)}:{cases.Count}:{user.UserId}";
        }
        return new NewMail(key, user.Email, subject, CaseMailFacts.Serialize(facts), en ? MailLanguage.English : MailLanguage.German,
            CaseMailFacts.Template);
    }

    /// <summary>The text of an outbox message: its body as stored, or, for a body stored as facts under a template, the text
    /// those facts give in <paramref name="language"/>. An unknown template or unreadable facts throw
    /// <see cref="InvalidDataException"/>.</summary>
    public static string Text(string? template, string body, string language, MailSettings settings) => template switch
    {
        null => body,
        CaseMailFacts.Template => ImmediateText(CaseMailFacts.Deserialize(body), language == MailLanguage.English, settings),
        _ => throw new InvalidDataException($"The outbox message has the unknown template '{template}'."),
    };

    private static string ImmediateText(CaseMailFacts f, bool en, MailSettings settings)
    {
        var body = Greeted(en, f.User);
        if (f.Total == 1)
        {
            var c = f.Cases[0];
            var link = settings.Link(FollowUpLinks.Case(c.Id));
            body.AppendLine(en
                    ? $"a customer of {f.Partner}{Shop(c.Shop, en)} gave a score of {c.Score} out of 10. Please contact them and close the case by {Due(c.Due)} (Berlin time)."
                    : $"eine Kundin oder ein Kunde von {f.Partner}{Shop(c.Shop, en)} hat mit {c.Score} von 10 bewertet. Bitte melden Sie sich und schließen Sie den Fall bis {Due(c.Due)} Uhr ab.")
                .AppendLine();
            if (!string.IsNullOrWhiteSpace(c.Comment)) body.AppendLine(en ? $"Comment: “{c.Comment}”" : $"Kommentar: „{c.Comment}“").AppendLine();
            body.AppendLine(en ? $"Open the case: {link}" : $"Zum Fall: {link}");
        }
        else
        {
            body.AppendLine(en
                    ? $"{f.Total} customers of {f.Partner} gave a score of 6 or less out of 10. Please contact them and close each case by its due time (Berlin time):"
                    : $"{f.Total} Kundinnen und Kunden von {f.Partner} haben mit 6 oder weniger von 10 bewertet. Bitte melden Sie sich und schließen Sie jeden Fall bis zu seiner Frist ab:")
                .AppendLine();
            foreach (var c in f.Cases)
            {
                var comment = string.IsNullOrWhiteSpace(c.Comment) ? "" : en ? $", comment: “{c.Comment}”" : $", Kommentar: „{c.Comment}“";
                body.AppendLine(en
                        ? $"- score {c.Score}{Shop(c.Shop, en)}, due {Due(c.Due)}{comment}"
                        : $"- Bewertung {c.Score}{Shop(c.Shop, en)}, fällig {Due(c.Due)} Uhr{comment}")
                    .AppendLine("  " + settings.Link(FollowUpLinks.Case(c.Id)));
            }
            if (f.Total > f.Cases.Length)
                body.AppendLine(en ? $"… and {f.Total - f.Cases.Length} more." : $"… und {f.Total - f.Cases.Length} weitere.");
            body.AppendLine()
                .AppendLine(en ? $"All cases: {settings.Link(FollowUpLinks.PagePath)}" : $"Alle Fälle: {settings.Link(FollowUpLinks.PagePath)}");
        }
        return body.AppendLine().AppendLine(Footer(en, settings)).ToString();
    }

    /// <summary>A partner user's digest of the cases opened in the window, or back office's of the overdue cases.</summary>
    public static NewMail Digest(DateOnly day, IReadOnlyList<FollowUpCaseInfo> cases, PortalUserInfo user, bool overdue,
        IReadOnlyDictionary<string, PartnerInfo> partners, string language, MailSettings settings)
    {
        var en = language == MailLanguage.English;
        var date = day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var subject = overdue
            ? en ? $"Overdue follow-up cases on {date}: {cases.Count}" : $"Überfällige Rückmeldungsfälle am {date}: {cases.Count}"
            : en ? $"New follow-up cases up to {date}: {cases.Count}" : $"Neue Rückmeldungsfälle bis {date}: {cases.Count}";
        var body = Greeted(en, user.DisplayName)
            .AppendLine(overdue
                ? en ? $"{cases.Count} follow-up case(s) are past their due time:" : $"{cases.Count} Rückmeldungsfall/-fälle sind überfällig:"
                : en ? $"{cases.Count} new follow-up case(s) since yesterday 07:00:" : $"{cases.Count} neue Rückmeldungsfall/-fälle seit gestern 07:00 Uhr:")
            .AppendLine();
        foreach (var c in cases)
        {
            var partner = partners.TryGetValue(c.PartnerId, out var p) ? p.Name : c.PartnerId;
            body.AppendLine(en
                    ? $"- {partner}{Shop(c.ShopId, en)}: score {c.Score}, opened {Time(c.OpenedAt)}, due {Due(c.DueAt)}"
                    : $"- {partner}{Shop(c.ShopId, en)}: Bewertung {c.Score}, eröffnet {Time(c.OpenedAt)}, fällig {Due(c.DueAt)}")
                .AppendLine("  " + settings.Link(FollowUpLinks.Case(c.CaseId)));
        }
        body.AppendLine().AppendLine(Footer(en, settings));
        var key = $"digest:{(overdue ? "overdue" : "opened")}:{day:yyyy-MM-dd}:{user.UserId}";
        return new NewMail(key, user.Email, subject, body.ToString(), en ? MailLanguage.English : MailLanguage.German);
    }

    /// <summary>A mail's body, started with its greeting and a blank line.</summary>
    private static StringBuilder Greeted(bool en, string displayName) =>
        new StringBuilder().AppendLine(en ? $"Hello {displayName}," : $"Guten Tag {displayName},").AppendLine();

    private static string Shop(string? shopId, bool en) => shopId is null ? "" : en ? $" (shop {shopId})" : $" (Shop {shopId})";

    /// <summary>A due time at midnight is the end of the day before: "12.03.2070 24:00", not "13.03.2070 00:00". The cases of
    /// an opening share their due time, so the last text is kept (per thread: a cache, never a shared state).</summary>
    private static string Due(DateTimeOffset at)
    {
        if (_lastDue is { } last && last.At == at) return last.Text;
        var local = BerlinTime.ToLocal(at);
        var text = local.TimeOfDay == TimeSpan.Zero ? local.AddDays(-1).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) + " 24:00" : Time(at);
        _lastDue = (at, text);
        return text;
    }

    [ThreadStatic] private static (DateTimeOffset At, string Text)? _lastDue;

    private static string Time(DateTimeOffset at) => BerlinTime.ToLocal(at).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The footer, the same for every mail of a host's settings: worked out once.</summary>
    private static string Footer(bool en, MailSettings settings)
    {
        var footers = _footers;
        if (footers is null || !ReferenceEquals(footers.Settings, settings))
            _footers = footers = new Footers(settings,
                $"Sie erhalten diese Mail wegen Ihrer Benachrichtigungseinstellungen: {settings.Link(SettingsPath)}",
                $"You receive this mail because of your notification settings: {settings.Link(SettingsPath)}");
        return en ? footers.English : footers.German;
    }

    private sealed record Footers(MailSettings Settings, string German, string English);

    private static Footers? _footers;

    /// <summary>The settings page (<c>Einstellungen</c>).</summary>
    public const string SettingsPath = "/einstellungen";
}
