using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPortal.Notifications.Outbox;

namespace PartnerPortal.Notifications.Pages;

/// <summary><c>/postausgang</c> ("Postausgang"): back office's view of the mail outbox, newest first, filtered by status,
/// a page at a time (the same use case as <c>GET /api/v1/outbox</c>). Without SMTP configured this is where the mails
/// wait.</summary>
internal static class OutboxPageEndpoint
{
    public const string Path = "/postausgang";
    public const int PageSize = 50;

    public static void Map(IEndpointRouteBuilder pages) =>
        pages.MapGet(Path, (string? status, string? after, Caller caller, IDocumentStore store, Mails.MailSettings settings, CancellationToken ct) =>
                PageAsync(status, after, caller, store, settings, ct))
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.AuditRead));

    private static async Task<IResult> PageAsync(string? status, string? after, Caller caller, IDocumentStore store, Mails.MailSettings settings,
        CancellationToken ct)
    {
        if (!caller.IsBackOffice) return Problems.Forbidden("The outbox is back office's.");
        var outcome = await ListOutbox.HandleAsync(string.IsNullOrEmpty(status) ? null : status, string.IsNullOrEmpty(after) ? null : after,
            PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), store, ct);
        return new RazorComponentResult<OutboxListPage>(new
        {
            Status = outcome.Succeeded && !string.IsNullOrEmpty(status) ? status : null,
            Items = outcome.Value?.Items ?? [],
            Next = outcome.Value?.Next,
            Invalid = !outcome.Succeeded,
            SmtpConfigured = settings.SmtpConfigured,
        }) { StatusCode = outcome.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest };
    }
}
