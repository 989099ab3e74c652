using System.Globalization;
using PartnerPortal.Incentives.Plans;
using PartnerPortal.Scoring.Contracts;

namespace PartnerPortal.Incentives.Statements;

/// <summary>DOMAIN.md "Commission": a partner's statement from its plan, its touchpoint NPS and its counts.</summary>
public static class StatementCalculator
{
    public const int SufficientSample = 30;
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly string[] Categories = ["mobile", "fixed"];

    /// <summary>The tier that applies: the highest row whose minNps ≤ the basis value (the NPS, or its interval's lower
    /// bound for <c>ci-low</c>), and none when the sample is below max(30, minSample).</summary>
    public static NpsTier? TierFor(CommissionPlan plan, PartnerNps? nps)
    {
        if (nps is null || nps.N < Math.Max(SufficientSample, plan.MinSample)) return null;
        var basis = plan.TierBasis == "ci-low" ? nps.CiLow : nps.Nps;
        return plan.Tiers.Where(t => t.MinNps <= basis).OrderByDescending(t => t.MinNps).FirstOrDefault();
    }

    /// <param name="counts">Transactions of the quarter not cancelled at calculation time, by category.</param>
    public static Statement Calculate(string quarter, string partnerId, CommissionPlan plan, PartnerNps? nps,
        IReadOnlyDictionary<string, int> counts, DateTimeOffset calculatedAt)
    {
        var tier = TierFor(plan, nps);
        var statement = new Statement
        {
            Quarter = quarter, PartnerId = partnerId, Tier = tier, CalculatedAt = calculatedAt,
            PlanVersion = plan.Version, BaseRates = plan.BaseRates,
            Nps = nps is null ? null : new StatementNps(nps.Nps, nps.N, nps.CiLow, nps.SufficientSample),
        };
        statement.Explanation.Add(Explain(plan, nps, tier));
        foreach (var category in Categories)
        {
            var count = counts.TryGetValue(category, out var c) ? c : 0;
            var rate = category == "mobile" ? plan.BaseRates.Mobile : plan.BaseRates.Fixed;
            var baseAmount = rate * count;
            statement.Lines.Add(new StatementLine("base", category, count, Cents(baseAmount)));
            statement.Explanation.Add($"{Label(category)}: {count} Geschäftsvorfälle × {Money(rate)} = {Money(Cents(baseAmount))}.");
            if (tier is { UpliftPercent: > 0 })
            {
                var uplift = Cents(baseAmount * tier.UpliftPercent / 100);
                statement.Lines.Add(new StatementLine("uplift", category, count, uplift));
                statement.Explanation.Add($"Qualitätsaufschlag {Label(category)}: {tier.UpliftPercent.ToString("0.##", German)} % von {Money(Cents(baseAmount))} = {Money(uplift)}.");
            }
            var target = (plan.PartnerTargets.TryGetValue(partnerId, out var own) ? own : plan.DefaultTargets) is { } t
                ? category == "mobile" ? t.Mobile : t.Fixed
                : null;
            if (target is > 0) statement.Attainment[category] = Math.Round((decimal)count / target.Value, 4, MidpointRounding.AwayFromZero);
        }
        if (tier is { QualityBonusEur: > 0 })
        {
            statement.Lines.Add(new StatementLine("bonus", null, null, Cents(tier.QualityBonusEur)));
            statement.Explanation.Add($"Qualitätsbonus (mengenunabhängig): {Money(Cents(tier.QualityBonusEur))}.");
        }
        statement.Total = statement.Lines.Sum(l => l.Amount);
        return statement;
    }

    /// <summary>Each line is rounded to cents, half away from zero.</summary>
    public static decimal Cents(decimal amount) => SharedKernel.Money.Cents(amount);

    private static string Explain(CommissionPlan plan, PartnerNps? nps, NpsTier? tier)
    {
        var minimum = Math.Max(SufficientSample, plan.MinSample);
        if (nps is null) return "Keine Kundenbewertungen zum Kontaktpunkt in diesem Quartal: keine Qualitätsstufe.";
        var figures = $"Kontaktpunkt-NPS {Score(nps.Nps)} (95-%-Intervall ab {Score(nps.CiLow)}, n = {nps.N})";
        if (nps.N < minimum) return $"{figures}: Stichprobe unter {minimum} Antworten, daher keine Qualitätsstufe.";
        var basis = plan.TierBasis == "ci-low" ? $"Untergrenze des Intervalls {Score(nps.CiLow)}" : $"NPS {Score(nps.Nps)}";
        return tier is null
            ? $"{figures}: {basis} erreicht keine Stufe."
            : $"{figures}: {basis} erreicht die Stufe ab {Score(tier.MinNps)} ({tier.UpliftPercent.ToString("0.##", German)} % Aufschlag, {Money(tier.QualityBonusEur)} Bonus).";
    }

    private static string Label(string category) => category == "mobile" ? "Mobilfunk" : "Festnetz";

    private static string Money(decimal amount) => amount.ToString("#,##0.00", German) + " €";

    private static string Score(double value) => Math.Round((decimal)value, 1, MidpointRounding.AwayFromZero).ToString("0.0", German);
}
