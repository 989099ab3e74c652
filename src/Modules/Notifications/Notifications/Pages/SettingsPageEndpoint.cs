using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Notifications.Mails;
using PartnerPortal.Notifications.Settings;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Notifications.Pages;

/// <summary>The settings form as typed (shown again as typed when it is refused).</summary>
public sealed class SettingsForm
{
    public string? Followups { get; set; }
    public string? Language { get; set; }
}

/// <summary>
/// <c>/einstellungen</c> ("Einstellungen"): the signed-in user's mail settings. The form calls the same use case as
/// <c>PUT /api/v1/users/{email}/notifications</c> for the user's own address. A user who never chose a mail language
/// sees the page's language preselected.
/// </summary>
internal static class SettingsPageEndpoint
{
    public static void Map(IEndpointRouteBuilder pages)
    {
        pages.MapGet(CaseMails.SettingsPath, async (string? meldung, Caller caller, IPortalUsers users, IQuerySession session, PortalText text,
                CancellationToken ct) =>
            {
                if (await SignedInUserAsync(caller, users, ct) is not { } user) return Problems.Forbidden("Only a signed-in user has settings.");
                var outcome = await GetNotificationSettings.HandleAsync(user.Email, caller, users, session, ct);
                if (!outcome.Succeeded) return Problems.Forbidden("Only a signed-in user has settings.");
                var chosen = await session.LoadAsync<NotificationSettings>(user.UserId, ct) is not null;
                var form = new SettingsForm { Followups = outcome.Value!.Followups, Language = chosen ? outcome.Value.Language : text.Language };
                return Page(user, form, meldung == "gespeichert" ? "Ihre Einstellungen sind gespeichert." : null, null, StatusCodes.Status200OK);
            })
            .RequireAuthorization();

        pages.MapPost(CaseMails.SettingsPath, async ([FromForm] SettingsForm form, Caller caller, IPortalUsers users, IDocumentSession session,
                TimeProvider clock, CancellationToken ct) =>
            {
                if (await SignedInUserAsync(caller, users, ct) is not { } user) return Problems.Forbidden("Only a signed-in user has settings.");
                var outcome = await ChangeNotificationSettings.HandleAsync(user.Email, new NotificationSettingsRequest(form.Followups, form.Language), caller,
                    users, session, clock, ct);
                return outcome.Succeeded
                    ? Results.Redirect(CaseMails.SettingsPath + "?meldung=gespeichert")
                    : Page(user, form, "Bitte prüfen Sie Ihre Angaben.", outcome.Errors, outcome.Kind == OutcomeKind.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden);
            })
            .RequireAuthorization();
    }

    /// <summary>The login behind a portal session (<c>user:{id}</c>); null for API keys.</summary>
    private static async Task<PortalUserInfo?> SignedInUserAsync(Caller caller, IPortalUsers users, CancellationToken ct) =>
        caller.Actor.StartsWith("user:", StringComparison.Ordinal)
            ? (await users.FindManyAsync([caller.Actor["user:".Length..]], ct)).FirstOrDefault()
            : null;

    private static IResult Page(PortalUserInfo user, SettingsForm form, string? message, IDictionary<string, string[]>? errors, int status) =>
        new RazorComponentResult<SettingsPage>(new
        {
            Email = user.Email,
            BackOffice = user.Role == Roles.BackOffice,
            Form = form,
            Message = message,
            Errors = errors,
        }) { StatusCode = status };
}
