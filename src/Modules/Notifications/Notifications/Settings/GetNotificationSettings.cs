using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Notifications.Settings;

/// <summary><c>GET /api/v1/users/{email}/notifications</c> (and the settings page): what applies to the user, stored or
/// default.</summary>
internal static class GetNotificationSettings
{
    public static async Task<Outcome<NotificationSettingsView>> HandleAsync(string email, Caller caller, IPortalUsers users, IQuerySession session,
        CancellationToken ct)
    {
        var found = await SettingsAccess.FindAsync(email, caller, users, ct);
        if (!found.Succeeded) return new Outcome<NotificationSettingsView>(found.Kind, Message: found.Message);
        var user = found.Value!;
        var stored = await session.LoadAsync<NotificationSettings>(user.UserId, ct);
        return Outcome<NotificationSettingsView>.Done(SettingsAccess.View(user, EffectiveSettings.Of(user.Role, stored)));
    }

    public static async Task<IResult> Endpoint(string email, Caller caller, IPortalUsers users, IQuerySession session, CancellationToken ct) =>
        (await HandleAsync(email, caller, users, session, ct)).ToHttp(v => v);
}
