using System.Text.Json.Serialization;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>API.md's batch answer: counts and one result per item, in order.</summary>
public sealed record BatchResult(int Accepted, int Duplicates, int Conflicts, int Rejected, IReadOnlyList<ItemResult> Results)
{
    public const int MaxItems = 10_000;

    public static BatchResult From(IReadOnlyList<ItemResult> results) => new(
        results.Count(r => r.Status == ItemStatus.Accepted),
        results.Count(r => r.Status == ItemStatus.Duplicate),
        results.Count(r => r.Status == ItemStatus.Conflict),
        results.Count(r => r.Status == ItemStatus.Rejected),
        results);
}

public sealed record ItemResult(
    int Index,
    string? Id,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IDictionary<string, string[]>? Errors = null);

public static class ItemStatus
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Conflict = "conflict";
    public const string Rejected = "rejected";
}
