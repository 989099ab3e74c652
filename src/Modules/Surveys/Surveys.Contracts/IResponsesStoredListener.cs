using System.Data.Common;

namespace PartnerPortal.Surveys.Contracts;

/// <summary>A response as it was just stored, for modules that act on new responses (FollowUps opens detractor cases).
/// A value read from the stored response when a listener asks for it: ingestion hands out a view of its batch, not a
/// copy of every response (ADR 0050).</summary>
public readonly record struct StoredResponse(
    string ResponseId,
    string Channel,
    string? PartnerId,
    string? ShopId,
    string Quarter,
    int? Touchpoint,
    string? Comment,
    DateTimeOffset RespondedAt,
    DateTimeOffset StoredAt);

/// <summary>
/// Told about the responses a request really inserted (never a duplicate or a conflict), inside the transaction that
/// inserts them and on its connection: what a listener writes there commits or rolls back with the responses. A
/// listener must not commit, must not open another connection for its writes, and should write in bulk (one statement
/// per call): ingestion calls it once per COPY. Surveys depends on no other module for this; a host without FollowUps
/// simply has no listener.
/// </summary>
public interface IResponsesStoredListener
{
    /// <param name="now">The time by the clock that stamped the responses' <see cref="StoredResponse.StoredAt"/>, read as the
    /// listeners are told (just before the commit): the host's clock, or the showcase's when it stores a year of history
    /// as it arrived (ADR 0056).</param>
    /// <param name="withCommit">Commands added here (on this connection, in the order added) are sent in one round trip
    /// with the commit, after everything the listeners did otherwise: for a last write whose row locks should be held
    /// only until the commit, without a round trip of its own (ADR 0060). If one fails, nothing commits.</param>
    Task ResponsesStoredAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredResponse> responses, DateTimeOffset now,
        DbBatch withCommit, CancellationToken ct);
}

/// <summary>
/// Told after a response was excluded from the figures (appeal accepted, quarantined) or released again, once that is
/// committed, with the response: FollowUps closes or reopens its case. Called after <see cref="IResponseExclusionListener"/>'s
/// quarter-level notice; a failing listener is logged, the exclusion stands.
/// </summary>
public interface IResponseExclusionChangedListener
{
    Task ResponseExcludedAsync(string responseId, DateTimeOffset at, string actor, CancellationToken ct);

    Task ResponseReleasedAsync(string responseId, DateTimeOffset at, string actor, CancellationToken ct);
}
