using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Marten;
using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Host.Audit;

public sealed record AuditEntryView(Guid Id, DateTimeOffset At, string Actor, string Action, string Subject, string? PartnerId, string Details)
{
    internal static AuditEntryView Of(AuditEntry e) => new(e.Id, e.At, e.Actor, e.Action, e.Subject, e.PartnerId, e.Details);
}

/// <summary>
/// A page of the audit log in the one list shape (<c>{ items, next }</c>, ADR 0040). <see cref="Entries"/> and
/// <see cref="NextCursor"/> are the shape before it, kept for one release so existing clients keep working.
/// </summary>
public sealed record AuditPage(
    IReadOnlyList<AuditEntryView> Items,
    string? Next,
    [property: Obsolete("Deprecated: read 'items'. Removed in the next release (ADR 0040).")] IReadOnlyList<AuditEntryView> Entries,
    [property: Obsolete("Deprecated: page with 'after' = 'next'. Removed in the next release (ADR 0040).")] string? NextCursor);

/// <summary>The audit log's filters (API.md); <see cref="Before"/> is the deprecated cursor, an entry id.</summary>
internal sealed record AuditQuery(string? Action, string? Actor, string? PartnerId, string? From, string? To, string? After, string? Before, int? Limit);

/// <summary><c>GET /api/v1/audit</c>: the audit log, newest first, for back office (never partner-bound callers).</summary>
internal sealed class AuditEndpoints : ApiModule
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    protected override string BasePath => "/api/v1";
    protected override string Tag => "Audit";

    protected override void MapEndpoints(RouteGroupBuilder api) =>
        api.MapGet("/audit", List)
            .RequireScope(Scopes.AuditRead)
            .RequireUnboundCaller()
            .WithSummary("Audit entries, newest first: filter by action, actor, partnerId and a from/to time range; page with ?after={next}&limit "
                         + "(1-500, default 100). Deprecated for one release: ?before={nextCursor} and the 'entries'/'nextCursor' fields.")
            .Produces<AuditPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<IResult> List(string? action, string? actor, string? partnerId, string? from, string? to, string? after, string? before,
        [Range(1, MaxLimit)] int? limit, Caller caller, IQuerySession session, CancellationToken ct) =>
        (await HandleAsync(new AuditQuery(action, actor, partnerId, from, to, after, before, limit), caller, session, ct)).ToHttp(page => page);

    /// <summary>One page of the log for the API or the page; nothing is read when a filter is invalid.</summary>
    internal static async Task<Outcome<AuditPage>> HandleAsync(AuditQuery q, Caller caller, IQuerySession session, CancellationToken ct)
    {
        if (caller.IsPartnerBound) return Outcome<AuditPage>.Forbidden("The audit log is for back office: a partner-bound caller cannot read it.");
        var errors = new ValidationErrors();
        DateTimeOffset fromAt = default, toAt = default;
        if (q.From is not null) errors.Timestamp("from", q.From, out fromAt);
        if (q.To is not null) errors.Timestamp("to", q.To, out toAt);
        Guid? cursor = null;
        if (q.After is not null)
        {
            if (TryDecodeCursor(q.After, out var id)) cursor = id;
            else errors.Add("after", ListPaging.AfterMessage);
        }
        if (q.Before is not null)
        {
            if (q.After is not null) errors.Add("before", "'before' is the deprecated form of 'after': send one of them.");
            else if (Guid.TryParseExact(q.Before, "D", out var id)) cursor = id;
            else errors.Add("before", "'before' must be a nextCursor from an earlier page.");
        }
        var take = errors.Limit(q.Limit, DefaultLimit, MaxLimit);
        if (!errors.IsValid) return Outcome<AuditPage>.Invalid(errors.ToDictionary());

        var query = session.Query<AuditEntry>().AsQueryable();
        if (q.Action is not null) query = query.Where(e => e.Action == q.Action);
        if (q.Actor is not null) query = query.Where(e => e.Actor == q.Actor);
        if (q.PartnerId is not null) query = query.Where(e => e.PartnerId == q.PartnerId);
        if (q.From is not null) query = query.Where(e => e.At >= fromAt);
        if (q.To is not null) query = query.Where(e => e.At < toAt);
        if (cursor is { } before) query = query.Where(e => e.Id < before);
        var entries = await query.OrderByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);
        var page = entries.Take(take).Select(AuditEntryView.Of).ToArray();
        var more = entries.Count > take;
        return Outcome<AuditPage>.Done(new AuditPage(page, more ? TimeIdCursor.Encode(page[^1].At, page[^1].Id.ToString("D")) : null,
            page, more ? page[^1].Id.ToString("D") : null));
    }

    /// <summary>
    /// An <c>after</c> cursor: <see cref="TimeIdCursor"/> of an entry's time and its version-7 id, whose first 48 bits are that
    /// time in milliseconds (<see cref="AuditLog"/>); a cursor whose two halves disagree was not given out by this API. The
    /// Protokoll page pages with the same cursor.
    /// </summary>
    internal static bool TryDecodeCursor(string text, out Guid id)
    {
        id = default;
        if (!TimeIdCursor.TryDecode(text, out var cursor) || !Guid.TryParseExact(cursor.Id, "D", out var parsed) || parsed.Version != 7) return false;
        var millis = long.Parse(parsed.ToString("N")[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (millis != cursor.At.ToUnixTimeMilliseconds()) return false;
        id = parsed;
        return true;
    }
}
