using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Notifications.Settings;

/// <summary>The body of <c>PUT /api/v1/users/{email}/notifications</c>: <c>followups</c> required, <c>language</c> optional
/// (kept as it was when absent).</summary>
internal sealed record NotificationSettingsRequest([OneOf(typeof(FollowUpNotice))] string? Followups, [ApiOptional, OneOf(typeof(MailLanguage))] string? Language);

/// <summary><c>PUT /api/v1/users/{email}/notifications</c> (and the settings page): a user's choice for mails about new
/// follow-up cases and the language they are written in. The body is checked before the address is looked up, and
/// nothing is stored unless both pass.</summary>
internal static class ChangeNotificationSettings
{
    public const string AuditAction = BuildingBlocks.Audit.AuditActions.NotificationsChanged;

    public static async Task<Outcome<NotificationSettingsView>> HandleAsync(string email, NotificationSettingsRequest? request, Caller caller,
        IPortalUsers users, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (request is null) return Outcome<NotificationSettingsView>.Invalid("body", "A JSON body is required.");
        var errors = new ValidationErrors();
        if (request.Followups is null) errors.Add("followups", "'followups' is required.");
        else if (!FollowUpNotice.All.Contains(request.Followups, StringComparer.Ordinal))
            errors.Add("followups", $"'followups' must be one of: {string.Join(", ", FollowUpNotice.All)}.");
        if (request.Language is not null && !MailLanguage.All.Contains(request.Language, StringComparer.Ordinal))
            errors.Add("language", $"'language' must be one of: {string.Join(", ", MailLanguage.All)}.");
        if (!errors.IsValid) return Outcome<NotificationSettingsView>.Invalid(errors.ToDictionary());

        var found = await SettingsAccess.FindAsync(email, caller, users, ct);
        if (!found.Succeeded) return new Outcome<NotificationSettingsView>(found.Kind, Message: found.Message);
        var user = found.Value!;
        var stored = await session.LoadAsync<NotificationSettings>(user.UserId, ct);
        var now = clock.GetUtcNow();
        var settings = new NotificationSettings
        {
            Id = user.UserId,
            FollowUps = request.Followups!,
            Language = request.Language ?? stored?.Language ?? MailLanguage.German,
            UpdatedAt = now,
            UpdatedBy = caller.Actor,
        };
        session.Store(settings);
        session.Audit(caller.Actor, now, AuditAction, $"user {user.UserId}", $"follow-up mails {settings.FollowUps}, language {settings.Language}", user.PartnerId);
        await session.SaveChangesAsync(ct);
        return Outcome<NotificationSettingsView>.Done(SettingsAccess.View(user, EffectiveSettings.Of(user.Role, settings)));
    }

    public static async Task<IResult> Endpoint(string email, NotificationSettingsRequest? request, Caller caller, IPortalUsers users,
        IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        (await HandleAsync(email, request, caller, users, session, clock, ct)).ToHttp(v => v);
}
