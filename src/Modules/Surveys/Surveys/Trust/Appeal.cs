namespace PartnerPortal.Surveys.Trust;

/// <summary>
/// A partner's appeal (<i>Einspruch</i>) against a response that counts for it (DOMAIN.md "Trust in the score"). Filed once
/// per response (a unique index on <see cref="ResponseId"/>) and never changed: back office's decision is its own document,
/// <see cref="AppealDecision"/>, under the same id, so that of two concurrent decisions only one can be stored.
/// </summary>
public sealed class Appeal
{
    public string Id { get; set; } = "";
    public string ResponseId { get; set; } = "";
    public string PartnerId { get; set; } = "";
    public string Quarter { get; set; } = "";
    public string Reason { get; set; } = "";
    public string? Text { get; set; }
    public DateTimeOffset FiledAt { get; set; }
    /// <summary>The actor (<c>user:…</c>, <c>key:…</c>).</summary>
    public string FiledBy { get; set; } = "";
    public string FiledByName { get; set; } = "";
    /// <summary>When the window closed (or was to close) by time when the appeal was filed.</summary>
    public DateTimeOffset WindowClosesAt { get; set; }
}

/// <summary>Back office's decision on an <see cref="Appeal"/>; the id is the appeal's. Inserted once: a decided appeal is final.</summary>
public sealed class AppealDecision
{
    public string Id { get; set; } = "";
    /// <summary><see cref="AppealStatus.Accepted"/> or <see cref="AppealStatus.Rejected"/>.</summary>
    public string Decision { get; set; } = "";
    public string? Note { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public string DecidedBy { get; set; } = "";
    public string DecidedByName { get; set; } = "";
}

/// <summary>Why a partner appeals (DOMAIN.md); <see cref="Other"/> needs a text of at least <see cref="OtherMinLength"/> characters.</summary>
internal static class AppealReasons
{
    public const string NotOurCustomer = "not-our-customer";
    public const string StaffOrRelative = "staff-or-relative";
    public const string DuplicateCustomer = "duplicate-customer";
    public const string OtherChannel = "other-channel";
    public const string Abusive = "abusive";
    public const string Other = "other";

    public const int OtherMinLength = 10;
    public const int TextMaxLength = 2000;

    public static readonly IReadOnlyList<string> All = [NotOurCustomer, StaffOrRelative, DuplicateCustomer, OtherChannel, Abusive, Other];
}

internal static class AppealStatus
{
    public const string Open = "open";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    public static readonly IReadOnlyList<string> All = [Open, Accepted, Rejected];
}

/// <summary>
/// An appeal as the API shows it (API.md "Trust in the score"). <c>decidedBy</c> is the deciding actor for unbound callers;
/// a partner sees <c>back-office</c>.
/// </summary>
public sealed record AppealView(
    string AppealId, string ResponseId, string PartnerId, string Quarter, [OneOf(typeof(AppealReasons))] string Reason, string? Text,
    [OneOf(typeof(AppealStatus))] string Status, DateTimeOffset FiledAt,
    DateTimeOffset WindowClosesAt, DateTimeOffset? DecidedAt, string? DecidedBy, string? Note)
{
    public static AppealView Of(Appeal a, AppealDecision? d, BuildingBlocks.Security.Caller caller) =>
        new(a.Id, a.ResponseId, a.PartnerId, a.Quarter, a.Reason, a.Text, d?.Decision ?? AppealStatus.Open, a.FiledAt, a.WindowClosesAt,
            d?.DecidedAt, d is null ? null : caller.IsPartnerBound ? "back-office" : d.DecidedBy, d?.Note);
}

/// <summary>A page of appeals, oldest first.</summary>
internal sealed record AppealPage(IReadOnlyList<AppealView> Items, string? Next);
