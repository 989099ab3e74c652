using Marten;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.BuildingBlocks.Demo;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Partners.ApiKeys;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Partners.Logins;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Host.Audit;

/// <summary>One audit entry as a person reads it: the actor's name, the action's label, the partner's name.</summary>
public sealed record AuditLogRow(DateTimeOffset At, string Actor, string ActorName, bool ActorIsKey, string Action, string ActionLabel, string Subject,
    string? PartnerId, string? PartnerName, string Details);

/// <summary>The page's filters as given (for the form and the "older" link) and one page of rows.</summary>
public sealed record AuditLogView(IReadOnlyList<AuditLogRow> Rows, string? NextCursor, string? Action, string? PartnerId, string? Who, string? From, string? To);

/// <summary>
/// <c>/protokoll</c> (back office): the audit log, newest first, 100 a page, filtered by action, partner, who (a name,
/// e-mail or key name, matched to the actors) and a date range (Berlin days); it pages with <c>after</c>, the API's cursor
/// (ADR 0040), and still reads an old bookmarked <c>before</c> (an entry id). It reads the entries itself rather than
/// through <c>GET /api/v1/audit</c> (whose shape is the API's), and shows names and labels where the API has codes:
/// <c>user:…</c> as the user's name, <c>key:…</c> as the key's name, actions through <see cref="AuditLabels"/>.
/// </summary>
internal static class AuditLogPageEndpoint
{
    private const int PageSize = 100;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/protokoll", async (string? action, string? partnerId, string? who, string? from, string? to, string? after, string? before, Caller caller,
                IQuerySession session, IPartnerDirectory partners, CancellationToken ct) =>
            {
                if (caller.IsPartnerBound) return Problems.Forbidden("The audit log is for back office: a partner-bound caller cannot read it.");
                action = string.IsNullOrWhiteSpace(action) ? null : action.Trim();
                partnerId = string.IsNullOrWhiteSpace(partnerId) ? null : partnerId.Trim();
                who = string.IsNullOrWhiteSpace(who) ? null : who.Trim();
                from = string.IsNullOrWhiteSpace(from) ? null : from;
                to = string.IsNullOrWhiteSpace(to) ? null : to;
                var errors = new ValidationErrors();
                DateOnly fromDay = default, toDay = default;
                if (from is not null) errors.Date("from", from, out fromDay);
                if (to is not null) errors.Date("to", to, out toDay);
                if (who is not null) errors.Text("who", who, 100);
                Guid? cursor = null;
                if (after is not null)
                {
                    if (AuditEndpoints.TryDecodeCursor(after, out var id)) cursor = id;
                    else errors.Add("after", "'after' must be a link from an earlier page.");
                }
                if (before is not null)
                {
                    if (after is not null) errors.Add("before", "'before' is the old form of 'after': send one of them.");
                    else if (Guid.TryParse(before, out var id)) cursor = id;
                    else errors.Add("before", "'before' must be a link from an earlier page.");
                }
                if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());

                var query = session.Query<AuditEntry>().AsQueryable();
                if (action is not null) query = query.Where(e => e.Action == action);
                if (partnerId is not null) query = query.Where(e => e.PartnerId == partnerId);
                if (from is not null) { var start = BerlinTime.StartOfDay(fromDay); query = query.Where(e => e.At >= start); }
                if (to is not null) { var end = BerlinTime.StartOfDay(toDay.AddDays(1)); query = query.Where(e => e.At < end); }
                if (who is not null)
                {
                    var actors = await ActorsMatchingAsync(session, who, ct);
                    query = query.Where(e => actors.Contains(e.Actor));
                }
                if (cursor is { } older) query = query.Where(e => e.Id < older);
                var entries = await query.OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(ct);
                var shown = entries.Take(PageSize).ToArray();
                var names = await ActorNamesAsync(session, shown.Select(e => e.Actor), ct);
                var partnerNames = await partners.FindManyAsync(shown.Where(e => e.PartnerId is not null).Select(e => e.PartnerId!).Distinct(), ct);
                var rows = shown.Select(e => new AuditLogRow(e.At, e.Actor, names.TryGetValue(e.Actor, out var n) ? n.Name : e.Actor, names.TryGetValue(e.Actor, out var k) && k.IsKey,
                    e.Action, AuditLabels.Action(e.Action), e.Subject, e.PartnerId,
                    e.PartnerId is not null && partnerNames.TryGetValue(e.PartnerId, out var p) ? p.Name : null,
                    ShopsByName(e.Details, e.PartnerId is not null ? partnerNames.GetValueOrDefault(e.PartnerId) : null))).ToArray();
                return PortalPages.Page<AuditLogPage>(new
                {
                    View = new AuditLogView(rows, entries.Count > PageSize ? TimeIdCursor.Encode(shown[^1].At, shown[^1].Id.ToString("D")) : null,
                        action, partnerId, who, from, to),
                });
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.AuditRead));

    /// <summary>The actors whose user name, e-mail or key name contains <paramref name="who"/> (any case); "System" too.</summary>
    private static async Task<string[]> ActorsMatchingAsync(IQuerySession session, string who, CancellationToken ct)
    {
        var users = await session.Query<PortalUser>()
            .Where(u => u.DisplayName.Contains(who, StringComparison.OrdinalIgnoreCase) || u.Email.Contains(who, StringComparison.OrdinalIgnoreCase))
            .Select(u => u.Id).ToListAsync(ct);
        var keys = await session.Query<ApiKey>().Where(k => k.Name.Contains(who, StringComparison.OrdinalIgnoreCase)).Select(k => k.Id).ToListAsync(ct);
        var actors = users.Select(u => "user:" + u).Concat(keys.Select(k => "key:" + k));
        return ("system".Contains(who, StringComparison.OrdinalIgnoreCase) ? actors.Append("system") : actors).ToArray();
    }

    /// <summary>The details as a person reads them: each of the partner's shop ids (a word of its own) by the shop's
    /// label; the API keeps the entry as written.</summary>
    internal static string ShopsByName(string details, PartnerInfo? partner) =>
        partner is null || partner.Shops.Count == 0 ? details
        : string.Join(' ', details.Split(' ').Select(word => partner.ShopLabel(word) ?? word));

    /// <summary>The names of the actors: a user's display name, a key's name, the showcase's demo callers' names;
    /// "system" and unknown actors are left out.</summary>
    private static async Task<Dictionary<string, (string Name, bool IsKey)>> ActorNamesAsync(IQuerySession session, IEnumerable<string> actors,
        CancellationToken ct)
    {
        var distinct = actors.Distinct(StringComparer.Ordinal).ToArray();
        var userIds = distinct.Where(a => a.StartsWith("user:", StringComparison.Ordinal)).Select(a => a[5..]).ToArray();
        var keyIds = distinct.Where(a => a.StartsWith("key:", StringComparison.Ordinal)).Select(a => a[4..]).ToArray();
        var names = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        foreach (var actor in distinct)
            if (DemoCallers.DisplayName(actor) is { } demo) names[actor] = (demo, false);
        if (userIds.Length > 0)
            foreach (var user in await session.LoadManyAsync<PortalUser>(ct, userIds)) names["user:" + user.Id] = (user.DisplayName, false);
        if (keyIds.Length > 0)
            foreach (var key in await session.LoadManyAsync<ApiKey>(ct, keyIds)) names["key:" + key.Id] = (key.Name, true);
        return names;
    }
}
