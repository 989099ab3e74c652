using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Logging;
using PartnerPortal.Incentives.Sales;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.Incentives.Plans;
using PartnerPortal.Incentives.Statements;
using PartnerPortal.Scoring.Contracts;

namespace PartnerPortal.Incentives;

internal sealed record StatementsReport(string Quarter, int Statements, string[] SkippedApproved, long DurationMs);

/// <summary>
/// Computes every partner's statement of a quarter (recurring <c>incentives:recalculate</c>): a new draft revision
/// for each partner with transactions or a touchpoint score card; approved statements are skipped and reported.
/// Counts come from SQL; the NPS and the partner-shop population (for the shrunk NPS) from Scoring's contract. One distributed lock per quarter, shared with approval.
/// </summary>
internal sealed class IncentivesRecalculation(IDocumentStore store, IScoreCards scores, JobStorage jobs, TimeProvider clock,
    ILogger<IncentivesRecalculation> logger)
{
    public const string RecurringJobId = "incentives:recalculate";

    public static string LockOf(string quarter) => $"{RecurringJobId}:{quarter}";

    [AutomaticRetry(Attempts = 3, ExceptOn = [typeof(JobInputException)])]
    public async Task<StatementsReport> RunAsync(string quarter, CancellationToken cancellationToken)
    {
        var q = Quarter.Parse(quarter).ToString();
        var watch = Stopwatch.StartNew();
        using var connection = jobs.GetConnection();
        using var quarterLock = connection.AcquireDistributedLock(LockOf(q), TimeSpan.FromMinutes(15));

        await using var session = store.LightweightSession();
        var plan = await session.LoadAsync<CommissionPlan>(q, cancellationToken)
                   ?? throw new JobInputException($"There is no commission plan for {q}: create it with PUT /api/v1/incentives/plans/{q}.");
        var touchpoints = await scores.PartnerTouchpointWithPopulationAsync(q, cancellationToken);
        var nps = touchpoints.Partners;
        var counts = await SalesCounts.UncancelledAsync(store, q, null, cancellationToken);
        // Every partner's latest statement of every quarter up to this one (for clawbacks), and the cancellations so far.
        var history = (await session.QueryAsync<Statement>(
                $"select distinct on (partner_id, quarter) data from {LatestStatements.Table(session)} where quarter <= ? order by partner_id, quarter, revision desc",
                cancellationToken, q))
            .GroupBy(s => s.PartnerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(s => s.Quarter, StringComparer.Ordinal), StringComparer.Ordinal);
        var cancellations = (await session.QueryAsync<Cancellation>("where quarter <= ?", cancellationToken, q))
            .ToLookup(c => c.PartnerId, StringComparer.Ordinal);
        var sourcePlans = (await session.LoadManyAsync<CommissionPlan>(cancellationToken,
                cancellations.SelectMany(c => c).Select(c => c.TransactionQuarter).Distinct().ToArray()))
            .ToDictionary(p => p.Id, StringComparer.Ordinal);

        var calculatedAt = clock.GetUtcNow();
        var skipped = new List<string>();
        var written = 0;
        foreach (var partnerId in counts.Keys.Union(nps.Keys).Union(cancellations.Select(c => c.Key)).Order(StringComparer.Ordinal))
        {
            var partnerHistory = history.GetValueOrDefault(partnerId) ?? new Dictionary<string, Statement>(StringComparer.Ordinal);
            partnerHistory.TryGetValue(q, out var previous);
            if (previous?.IsApproved == true) { skipped.Add(partnerId); continue; }
            var statement = StatementCalculator.Calculate(q, partnerId, plan, nps.GetValueOrDefault(partnerId),
                counts.GetValueOrDefault(partnerId) ?? new Dictionary<string, int>(), calculatedAt, touchpoints.Population);
            var (clawbacks, clawedBack, explained) = Clawbacks.For(q, cancellations[partnerId], partnerHistory, sourcePlans);
            if (clawbacks.Count == 0 && !counts.ContainsKey(partnerId) && !nps.ContainsKey(partnerId)) continue; // nothing for this partner
            statement.Lines.AddRange(clawbacks);
            statement.ClawedBack = clawedBack;
            foreach (var sentence in explained) statement.Explain(sentence);
            statement.Total = statement.Lines.Sum(l => l.Amount);
            statement.Revision = (previous?.Revision ?? 0) + 1;
            statement.Id = Statement.IdOf(q, partnerId, statement.Revision);
            session.Insert(statement);
            written++;
        }
        await session.SaveChangesAsync(cancellationToken);

        var report = new StatementsReport(q, written, [.. skipped], watch.ElapsedMilliseconds);
        logger.LogInformation("incentives:recalculate {Quarter}: {Statements} draft statements written, {Skipped} approved skipped, {DurationMs} ms",
            q, written, skipped.Count, report.DurationMs);
        return report;
    }

    public async Task<StatementsReport[]> RunRecurringAsync(CancellationToken cancellationToken)
    {
        var reports = new List<StatementsReport>();
        foreach (var quarter in RecalculationWindow.CurrentAndPrevious(clock))
        {
            await using var session = store.QuerySession();
            if (await session.LoadAsync<CommissionPlan>(quarter.ToString(), cancellationToken) is null) continue; // nothing to pay yet
            reports.Add(await RunAsync(quarter.ToString(), cancellationToken));
        }
        return [.. reports];
    }
}
