using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Notifications.Settings;

/// <summary>A user's mail settings as the API and the settings page show them.</summary>
internal sealed record NotificationSettingsView(string Email, [OneOf(typeof(FollowUpNotice))] string Followups, [OneOf(typeof(MailLanguage))] string Language);

/// <summary>
/// Who may read or change whose mail settings (API.md: users:write, or the user itself). Anyone else is refused before
/// anything is said about the address: without users:write every other address answers 403, known or not; with it, an
/// address outside the caller's partner answers 404 like an unknown one, so a partner learns nothing of another's logins.
/// </summary>
internal static class SettingsAccess
{
    public static async Task<Outcome<PortalUserInfo>> FindAsync(string email, Caller caller, IPortalUsers users, CancellationToken ct)
    {
        var user = TextRules.IsStorable(email) ? await users.FindByEmailAsync(email, ct) : null;
        if (user is not null && user.Actor == caller.Actor) return Outcome<PortalUserInfo>.Done(user);
        if (!caller.HasScope(Scopes.UsersWrite))
            return Outcome<PortalUserInfo>.Forbidden("Only the user itself, or a caller with users:write, may read or change these settings.");
        if (user is null || !caller.CanAccessPartner(user.PartnerId))
            return Outcome<PortalUserInfo>.NotFound($"There is no user '{email}'.");
        return Outcome<PortalUserInfo>.Done(user);
    }

    public static NotificationSettingsView View(PortalUserInfo user, EffectiveSettings settings) => new(user.Email, settings.FollowUps, settings.Language);
}
