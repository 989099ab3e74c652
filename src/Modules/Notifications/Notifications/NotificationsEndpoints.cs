using PartnerPortal.Notifications.Outbox;
using PartnerPortal.Notifications.Settings;

namespace PartnerPortal.Notifications;

/// <summary>The Notifications module's whole API: a user's mail settings (the user itself, or users:write) and the outbox
/// (back office).</summary>
internal sealed class NotificationsEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1";
    protected override string Tag => "Notifications";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapGet("/users/{email}/notifications", GetNotificationSettings.Endpoint)
            .DocumentScope(Scopes.UsersWrite, "or the user itself")
            .WithSummary("A user's mail settings: follow-up case mails (immediate, daily, off) and the mail language. The user itself, or users:write.")
            .Produces<NotificationSettingsView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/users/{email}/notifications", ChangeNotificationSettings.Endpoint)
            .DocumentScope(Scopes.UsersWrite, "or the user itself")
            .WithSummary("Change a user's mail settings. The user itself, or users:write (a partner-bound caller: its own partner's users).")
            .Produces<NotificationSettingsView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/outbox", ListOutbox.Endpoint)
            .RequireScope(Scopes.AuditRead)
            .RequireUnboundCaller()
            .WithSummary("The mail outbox, newest first: pending, sent and failed messages (back office).")
            .Produces<OutboxPage>()
            .ProducesValidationProblem();
    }
}
