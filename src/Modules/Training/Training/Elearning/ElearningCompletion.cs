namespace PartnerPortal.Training.Elearning;

/// <summary>An e-learning completion reported by the learning platform; stored once per <c>completionId</c>.</summary>
public sealed class ElearningCompletion
{
    public string Id { get; init; } = "";
    public string PartnerId { get; init; } = "";
    public string PersonId { get; init; } = "";
    public string CourseId { get; init; } = "";
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>The year of <see cref="CompletedAt"/> in Berlin time.</summary>
    public int Year { get; init; }

    public string ContentHash { get; init; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
}
