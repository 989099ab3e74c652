using Marten;
using PartnerPortal.BuildingBlocks.Security;

namespace PartnerPortal.BuildingBlocks.Audit;

/// <summary>
/// One money-moving or administrative action: who, what, when, on what. Append-only: entries are only ever
/// inserted (there is no update or delete path), in the same transaction as the action they record where the action
/// is a Marten session, so an action and its entry are stored together or not at all.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>A version-7 GUID: ordered by creation time.</summary>
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary><c>user:{id}</c>, <c>key:{id}</c>, or <c>system</c>.</summary>
    public string Actor { get; set; } = "";

    /// <summary>Dotted verb, e.g. <c>statement.approved</c>, <c>wkz.allocated</c>, <c>api-key.created</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>What the action was on, e.g. <c>statement 2023-Q2/p-1001</c>.</summary>
    public string Subject { get; set; } = "";

    /// <summary>The partner concerned, if any.</summary>
    public string? PartnerId { get; set; }

    /// <summary>Human-readable facts of the action (amounts, scopes, quarters); never a secret.</summary>
    public string Details { get; set; } = "";
}

/// <summary>The action names the audit log uses.</summary>
public static class AuditActions
{
    public const string PartnerSaved = "partner.saved";
    public const string UserCreated = "user.created";
    public const string ApiKeyCreated = "api-key.created";
    public const string PlanSaved = "plan.saved";
    public const string PlanTargetsSaved = "plan.targets-saved";
    public const string StatementApproved = "statement.approved";
    public const string RecalculationStarted = "recalculation.started";
    public const string ProgrammeSaved = "training-programme.saved";
    public const string WkzAllocated = "wkz.allocated";
    public const string WkzAdjusted = "wkz.adjusted";
    public const string WkzCharged = "wkz.charged";
    public const string CoachingDelivered = "coaching.delivered";
    public const string FollowUpStarted = "followup.started";
    public const string FollowUpClosed = "followup.closed";
    public const string FollowUpReopened = "followup.reopened";
    public const string NotificationsChanged = "notifications.changed";
}

public static class AuditLog
{
    /// <summary>Queues an audit entry in <paramref name="session"/>: it is stored with the session's other changes.</summary>
    /// <remarks>Details are formatted with the invariant culture (amounts as 1234.50), whatever the server's culture.</remarks>
    public static AuditEntry Audit(this IDocumentSession session, Caller caller, DateTimeOffset at, string action, string subject,
        FormattableString details, string? partnerId = null) =>
        session.Audit(caller.Actor, at, action, subject, details, partnerId);

    public static AuditEntry Audit(this IDocumentSession session, string actor, DateTimeOffset at, string action, string subject,
        FormattableString details, string? partnerId = null)
    {
        var entry = new AuditEntry
        {
            Id = Guid.CreateVersion7(at), At = at, Actor = actor, Action = action, Subject = subject, Details = FormattableString.Invariant(details),
            PartnerId = partnerId,
        };
        session.Insert(entry);
        return entry;
    }

    /// <summary>Stores an entry on its own, for actions that do not run in a Marten session of their own.</summary>
    public static async Task RecordAsync(IDocumentStore store, string actor, DateTimeOffset at, string action, string subject,
        FormattableString details, string? partnerId, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Audit(actor, at, action, subject, details, partnerId);
        await session.SaveChangesAsync(ct);
    }
}
