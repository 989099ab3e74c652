using System.Text.Json.Serialization;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>API.md's batch answer: counts and one result per item, in order.</summary>
[ApiExample("""
    { "accepted": 2, "duplicates": 1, "conflicts": 0, "rejected": 1,
      "results": [ { "index": 0, "id": "r-1", "status": "accepted" },
                   { "index": 1, "id": "r-2", "status": "duplicate" },
                   { "index": 2, "id": "r-3", "status": "accepted" },
                   { "index": 3, "id": "r-4", "status": "rejected", "errors": { "scores.touchpoint": ["'scores.touchpoint' must be a whole number from 0 to 10."] } } ] }
    """)]
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
    [OneOf(typeof(ItemStatus))] string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IDictionary<string, string[]>? Errors = null);

public static class ItemStatus
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Conflict = "conflict";
    public const string Rejected = "rejected";
}
