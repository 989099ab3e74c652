namespace PartnerPortal.FollowUps.Cases;

/// <summary>
/// The follow-up of one detractor response (DOMAIN.md "Closing the loop with detractors"). Document in schema
/// <c>followups</c> whose id is the response id: the primary key is what makes one case per response, whichever
/// request, retry or host stores the response (ADR 0041). Two concurrent moves of the
/// same case collide on their <see cref="CaseMove"/>: the second one runs again on the new state and is refused.
/// </summary>
internal sealed class FollowUpCase
{
    /// <summary>The case id: the response id.</summary>
    public string Id { get; set; } = "";
    public string ResponseId { get; set; } = "";
    public string PartnerId { get; set; } = "";
    public string? ShopId { get; set; }
    /// <summary>The response's quarter (Berlin time of respondedAt), which the figures are per.</summary>
    public string Quarter { get; set; } = "";
    public int Score { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset RespondedAt { get; set; }
    /// <summary>When the response was stored, which the due time counts from.</summary>
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public string Status { get; set; } = CaseStatus.Open;
    public DateTimeOffset? StartedAt { get; set; }
    public string? RootCause { get; set; }
    public string? Action { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    /// <summary>A closed case may be reopened once (DOMAIN.md).</summary>
    public int Reopened { get; set; }
    /// <summary>How many moves the case has had: the next <see cref="CaseMove"/>'s number.</summary>
    public int Moves { get; set; }

    public bool IsOverdue(DateTimeOffset now) => Status != CaseStatus.Closed && DueAt < now;
}

internal static class CaseStatus
{
    public const string Open = "open";
    public const string InProgress = "in-progress";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [Open, InProgress, Closed];
}

/// <summary>DOMAIN.md's root causes a partner may choose; <see cref="Excluded"/> is set only by an exclusion.</summary>
internal static class RootCauses
{
    public const string Excluded = "excluded";

    public static readonly IReadOnlyList<string> Chosen =
        ["advice", "waiting-time", "product", "price-tariff", "network", "billing", "friendliness", "other"];

    /// <summary>Every value a closed case can carry, in the order the figures list them.</summary>
    public static readonly IReadOnlyList<string> All = [.. Chosen, Excluded];
}

internal static class CaseActions
{
    public static readonly IReadOnlyList<string> All = ["called-back", "visited-shop", "no-contact-possible", "other"];
}
