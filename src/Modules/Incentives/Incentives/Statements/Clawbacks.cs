using System.Globalization;
using PartnerPortal.Incentives.Plans;
using PartnerPortal.Incentives.Sales;

namespace PartnerPortal.Incentives.Statements;

/// <summary>
/// DOMAIN.md: a transaction counted in an approved statement and cancelled afterwards is clawed back in the statement
/// of the quarter in which the cancellation happened — or, if that one is approved too, in the partner's next draft.
/// One line per category and source quarter: −count × rate × (1 + uplift % applied in the source statement / 100),
/// rates of the source plan as the approved source statement recorded them (ADR 0028); a statement from before that
/// recorded none, and the source plan's rates stand in.
/// </summary>
internal static class Clawbacks
{
    /// <param name="history">The partner's latest statement per quarter, up to and including <paramref name="quarter"/>.</param>
    /// <param name="plans">The source quarters' plans: only for source statements that recorded no rates.</param>
    public static (List<StatementLine> Lines, List<string> TransactionIds, List<(string German, string English)> Explanation) For(
        string quarter, IEnumerable<Cancellation> cancellations, IReadOnlyDictionary<string, Statement> history,
        IReadOnlyDictionary<string, CommissionPlan> plans)
    {
        var target = Quarter.Parse(quarter);
        var alreadyTaken = history.Values.Where(s => s.IsApproved).SelectMany(s => s.ClawedBack).ToHashSet(StringComparer.Ordinal);
        var due = cancellations.Where(c =>
            !alreadyTaken.Contains(c.Id)
            && history.TryGetValue(c.TransactionQuarter, out var source) && source.IsApproved
            && c.ReceivedAt > source.CalculatedAt                         // the approved statement had counted it
            && Quarter.Parse(c.Quarter) <= target
            && BetweenAllApproved(Quarter.Parse(c.Quarter), target, history)) // this is the first draft since the cancellation
            .ToArray();

        var lines = new List<StatementLine>();
        var explanation = new List<(string German, string English)>();
        foreach (var group in due.GroupBy(c => (c.TransactionQuarter, c.Category)).OrderBy(g => g.Key.TransactionQuarter, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal))
        {
            var (sourceQuarter, category) = group.Key;
            var source = history[sourceQuarter];
            var rates = source.BaseRates ?? (plans.TryGetValue(sourceQuarter, out var plan) ? plan.BaseRates : null);
            if (rates is null) continue; // no plan, no commission was paid
            var rate = category == "mobile" ? rates.Mobile : rates.Fixed;
            var uplift = source.Tier?.UpliftPercent ?? 0;
            var count = group.Count();
            var amount = StatementCalculator.Cents(-count * rate * (1 + uplift / 100));
            lines.Add(new StatementLine("clawback", category, count, amount, sourceQuarter));
            var german = CultureInfo.GetCultureInfo("de-DE");
            explanation.Add((
                string.Create(german,
                    $"Rückbelastung {(category == "mobile" ? "Mobilfunk" : "Festnetz")} aus {sourceQuarter}: {count} stornierte Geschäftsvorfälle × {rate:0.00} € × (1 + {uplift:0.##} %) = {amount:0.00} €."),
                string.Create(german,
                    $"Clawback {(category == "mobile" ? "mobile" : "fixed line")} from {sourceQuarter}: {count} cancelled transactions × {rate:0.00} € × (1 + {uplift:0.##} %) = {amount:0.00} €.")));
        }
        return (lines, due.Where(c => lines.Any(l => l.SourceQuarter == c.TransactionQuarter && l.Category == c.Category)).Select(c => c.Id).ToList(), explanation);
    }

    /// <summary>True when every quarter from <paramref name="from"/> up to (not including) <paramref name="to"/> has an
    /// approved statement: then <paramref name="to"/> is the first draft that can take the clawback.</summary>
    private static bool BetweenAllApproved(Quarter from, Quarter to, IReadOnlyDictionary<string, Statement> history)
    {
        for (var q = from; q < to; q = q.Next())
            if (!history.TryGetValue(q.ToString(), out var s) || !s.IsApproved) return false;
        return true;
    }
}
