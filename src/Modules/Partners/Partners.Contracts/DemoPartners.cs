namespace PartnerPortal.Partners.Contracts;

/// <summary>The partners of the embedded demo (ADR 0043): the other modules' showcase seeders find their shops through
/// <see cref="IPartnerDirectory"/> under these ids. <c>p-1001</c> to <c>p-1003</c> come with the demo logins; the others,
/// and <c>p-1001</c>'s young third shop, only with the showcase.</summary>
public static class DemoPartners
{
    /// <summary>The partner the partner demo login belongs to.</summary>
    public const string LoginPartnerId = "p-1001";

    /// <summary>The partners with a story of their own (names, shops, bookings, budgets).</summary>
    public static readonly IReadOnlyList<string> Featured = ["p-1001", "p-1002", "p-1003", "p-1004", "p-1005", "p-1006", "p-1007", "p-1008"];

    /// <summary>Sixty smaller partners with one shop each (<c>s-{n}-1</c>), so back office's lists have more than a page.</summary>
    public static readonly IReadOnlyList<string> Small = [.. Enumerable.Range(1101, 60).Select(n => $"p-{n}")];

    public static readonly IReadOnlyList<string> Ids = [.. Featured, .. Small];
}
