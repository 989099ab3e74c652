using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Logging;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.Scoring.Scorecards;
using PartnerPortal.Surveys.Contracts;
using Weasel.Core;

namespace PartnerPortal.Scoring.Recalculation;

/// <summary>What a recalculation did; <see cref="Scores"/> counts answered questions (up to three per response).</summary>
internal sealed record ScoringReport(string Quarter, int Cards, long Scores, long DurationMs);

/// <summary>
/// Recalculates every score card of a quarter from the counts PostgreSQL aggregates (recurring job
/// <c>scoring:recalculate</c>: the current and the previous quarter, nightly). Idempotent: card ids are their
/// natural keys and are overwritten in one transaction; a distributed lock per quarter keeps two hosts from doing
/// the same quarter at once.
/// </summary>
internal sealed class ScoringRecalculation(ISurveyAggregates aggregates, IDocumentStore store, JobStorage jobs, TimeProvider clock,
    ScoreCardStamps stamps, ILogger<ScoringRecalculation> logger)
{
    public const string RecurringJobId = "scoring:recalculate";

    public async Task<ScoringReport> RunAsync(string quarter, CancellationToken cancellationToken)
    {
        var q = Quarter.Parse(quarter).ToString();
        var watch = Stopwatch.StartNew();
        using var connection = jobs.GetConnection();
        using var quarterLock = connection.AcquireDistributedLock($"{RecurringJobId}:{q}", TimeSpan.FromMinutes(15));

        var calculatedAt = clock.GetUtcNow();
        var rollup = new ScoreCardRollup();
        await foreach (var group in aggregates.CountAsync(q, cancellationToken)) rollup.Add(group);
        var cards = rollup.Cards(q, calculatedAt).ToList();
        if (cards.Count > 0)
            await store.BulkInsertDocumentsAsync(cards, BulkInsertMode.OverwriteExisting, batchSize: 50_000, cancellationToken);
        await using (var session = store.LightweightSession())
        {
            // After the cards: caches of derived figures (percentile ranks) compare this stamp to notice the new cards.
            session.Store(new ScoreCardStamp { Id = q, CalculatedAt = calculatedAt, Cards = cards.Count });
            // Every host's copy of the stamps (ScoreCardStamps) hears of it when this commits; this host forgets it at once.
            session.QueueSqlCommand($"select pg_notify('{ScoreCardStamps.Channel}', ?)", q);
            await session.SaveChangesAsync(cancellationToken);
        }
        stamps.Forget(q);

        var scores = cards.Where(c => c is { Scope: CardScopes.All, Segment: "all" }).Sum(c => (long)c.N);
        var report = new ScoringReport(q, cards.Count, scores, watch.ElapsedMilliseconds);
        logger.LogInformation("scoring:recalculate {Quarter}: {Cards} score cards from {Scores} scores in {DurationMs} ms",
            q, report.Cards, report.Scores, report.DurationMs);
        return report;
    }

    public async Task<ScoringReport[]> RunRecurringAsync(CancellationToken cancellationToken)
    {
        var reports = new List<ScoringReport>();
        foreach (var quarter in RecalculationWindow.CurrentAndPrevious(clock))
            reports.Add(await RunAsync(quarter.ToString(), cancellationToken));
        return [.. reports];
    }
}
