namespace PartnerPortal.Notifications.Settings;

/// <summary>The choices for mails about new follow-up cases (DOMAIN.md "Closing the loop with detractors").</summary>
internal static class FollowUpNotice
{
    public const string Immediate = "immediate";
    public const string Daily = "daily";
    public const string Off = "off";

    public static readonly IReadOnlyList<string> All = [Immediate, Daily, Off];

    /// <summary>Partner users hear of their cases at once; back office only when it asks for the daily overdue digest.</summary>
    public static string DefaultFor(string role) => role == Roles.BackOffice ? Off : Immediate;
}

/// <summary>The languages a mail is written in: German unless the user chose English.</summary>
internal static class MailLanguage
{
    public const string German = "de";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [German, English];
}

/// <summary>A portal user's mail settings, stored only once the user (or back office) changed them: a user without a
/// document gets the defaults (<see cref="FollowUpNotice.DefaultFor"/>, German). Keyed by the login's id, so a changed
/// address keeps its settings.</summary>
public sealed class NotificationSettings
{
    public string Id { get; set; } = "";
    public string FollowUps { get; set; } = FollowUpNotice.Immediate;
    public string Language { get; set; } = MailLanguage.German;
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>What applies to a user: the stored settings or the defaults.</summary>
internal sealed record EffectiveSettings(string FollowUps, string Language)
{
    public static EffectiveSettings Of(string role, NotificationSettings? stored) =>
        stored is null ? new(FollowUpNotice.DefaultFor(role), MailLanguage.German) : new(stored.FollowUps, stored.Language);
}
