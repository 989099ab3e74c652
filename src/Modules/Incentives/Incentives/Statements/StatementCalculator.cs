using System.Globalization;
using PartnerPortal.Incentives.Plans;
using PartnerPortal.Scoring.Contracts;

namespace PartnerPortal.Incentives.Statements;

/// <summary>DOMAIN.md "Commission": a partner's statement from its plan, its touchpoint NPS and its counts.</summary>
internal static class StatementCalculator
{
    public const int SufficientSample = 30;
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly string[] Categories = ["mobile", "fixed"];

    /// <summary>DOMAIN.md "Shrunk NPS": the partner's NPS as if <paramref name="priorWeight"/> typical answers were added,
    /// typical meaning the shares p̄, d̄ of promoters and detractors among the <paramref name="population"/>:
    /// 100 × (P + w × p̄ − D − w × d̄) / (n + w). Unrounded; computed as one quotient of whole numbers, so a value that is
    /// exactly a tier's minimum comes out exactly. Null without a population (p̄, d̄ undefined; ADR 0034).</summary>
    public static double? Shrunk(int n, int promoters, int detractors, NpsPopulation? population, int priorWeight)
    {
        if (population is not { N: > 0 } pop || n + priorWeight <= 0) return null;
        // Multiplied through by the population's N: 100 × (N·P + w·P̄ − N·D − w·D̄) / (N · (n + w)).
        var numerator = 100m * ((decimal)pop.N * promoters + (decimal)priorWeight * pop.Promoters - (decimal)pop.N * detractors - (decimal)priorWeight * pop.Detractors);
        var denominator = (decimal)pop.N * (n + priorWeight);
        return (double)(numerator / denominator);
    }

    /// <summary>The figures a statement records and its tier is chosen on: the partner's NPS, its interval's lower
    /// bound and its shrunk NPS (under the plan's prior weight).</summary>
    public static StatementNps? Figures(CommissionPlan plan, PartnerNps? nps, NpsPopulation? population) =>
        nps is null
            ? null
            : new StatementNps(nps.Nps, nps.N, nps.CiLow, nps.SufficientSample, Shrunk(nps.N, nps.Promoters, nps.Detractors, population, plan.PriorWeight));

    /// <summary>The value the plan's tiers are chosen on: the NPS, its interval's lower bound (<c>ci-low</c>) or the
    /// shrunk NPS (<c>shrunk</c>; null when there is none).</summary>
    public static double? BasisValue(CommissionPlan plan, StatementNps nps) => plan.TierBasis switch
    {
        TierBases.CiLow => nps.CiLow,
        TierBases.Shrunk => nps.Shrunk,
        _ => nps.Value,
    };

    /// <summary>The tier that applies: the highest row whose minNps ≤ the basis value, and none when the sample is below
    /// max(30, minSample) — under every basis.</summary>
    public static NpsTier? TierFor(CommissionPlan plan, PartnerNps? nps, NpsPopulation? population = null) =>
        TierOn(plan, Figures(plan, nps, population));

    /// <inheritdoc cref="TierFor(CommissionPlan, PartnerNps?, NpsPopulation?)"/>
    public static NpsTier? TierOn(CommissionPlan plan, StatementNps? nps)
    {
        if (nps is null || nps.N < MinimumSample(plan) || BasisValue(plan, nps) is not { } basis) return null;
        return plan.Tiers.Where(t => t.MinNps <= basis).OrderByDescending(t => t.MinNps).FirstOrDefault();
    }

    /// <summary>A tier needs n ≥ max(30, minSample).</summary>
    public static int MinimumSample(CommissionPlan plan) => Math.Max(SufficientSample, plan.MinSample);

    /// <param name="counts">Transactions of the quarter not cancelled at calculation time, by category.</param>
    /// <param name="population">The quarter's partner-shop touchpoint counts, for the shrunk NPS.</param>
    public static Statement Calculate(string quarter, string partnerId, CommissionPlan plan, PartnerNps? nps,
        IReadOnlyDictionary<string, int> counts, DateTimeOffset calculatedAt, NpsPopulation? population = null) =>
        CalculateOn(quarter, partnerId, plan, Figures(plan, nps, population), counts, calculatedAt);

    /// <summary>The what-if: the statement as if the tier-basis value were <paramref name="value"/> with a sufficient
    /// sample. The NPS, its lower bound and the shrunk NPS all take the value, so it holds under every basis.</summary>
    public static Statement WhatIf(string quarter, string partnerId, CommissionPlan plan, double value,
        IReadOnlyDictionary<string, int> counts, DateTimeOffset calculatedAt)
    {
        var statement = CalculateOn(quarter, partnerId, plan, new StatementNps(value, MinimumSample(plan), value, true, value), counts, calculatedAt);
        return statement.AsWhatIf(value);
    }

    private static Statement CalculateOn(string quarter, string partnerId, CommissionPlan plan, StatementNps? nps,
        IReadOnlyDictionary<string, int> counts, DateTimeOffset calculatedAt)
    {
        var tier = TierOn(plan, nps);
        var statement = new Statement
        {
            Quarter = quarter, PartnerId = partnerId, Tier = tier, CalculatedAt = calculatedAt,
            PlanVersion = plan.Version, BaseRates = plan.BaseRates, Nps = nps,
        };
        statement.Explain(Explain(plan, nps, tier));
        foreach (var category in Categories)
        {
            var count = counts.TryGetValue(category, out var c) ? c : 0;
            var rate = category == "mobile" ? plan.BaseRates.Mobile : plan.BaseRates.Fixed;
            var baseAmount = rate * count;
            statement.Lines.Add(new StatementLine("base", category, count, Cents(baseAmount)));
            statement.Explain(($"{Label(category)}: {count} Geschäftsvorfälle × {Money(rate)} = {Money(Cents(baseAmount))}.",
                $"{LabelEnglish(category)}: {count} transactions × {Money(rate)} = {Money(Cents(baseAmount))}."));
            if (tier is { UpliftPercent: > 0 })
            {
                var uplift = Cents(baseAmount * tier.UpliftPercent / 100);
                statement.Lines.Add(new StatementLine("uplift", category, count, uplift));
                statement.Explain(($"Qualitätsaufschlag {Label(category)}: {tier.UpliftPercent.ToString("0.##", German)} % von {Money(Cents(baseAmount))} = {Money(uplift)}.",
                    $"Quality uplift {LabelEnglish(category)}: {tier.UpliftPercent.ToString("0.##", German)} % of {Money(Cents(baseAmount))} = {Money(uplift)}."));
            }
            var target = (plan.PartnerTargets.TryGetValue(partnerId, out var own) ? own : plan.DefaultTargets) is { } t
                ? category == "mobile" ? t.Mobile : t.Fixed
                : null;
            if (target is > 0) statement.Attainment[category] = Math.Round((decimal)count / target.Value, 4, MidpointRounding.AwayFromZero);
        }
        if (tier is { QualityBonusEur: > 0 })
        {
            statement.Lines.Add(new StatementLine("bonus", null, null, Cents(tier.QualityBonusEur)));
            statement.Explain(($"Qualitätsbonus (mengenunabhängig): {Money(Cents(tier.QualityBonusEur))}.",
                $"Quality bonus (independent of volume): {Money(Cents(tier.QualityBonusEur))}."));
        }
        statement.Total = statement.Lines.Sum(l => l.Amount);
        return statement;
    }

    /// <summary>Each line is rounded to cents, half away from zero.</summary>
    public static decimal Cents(decimal amount) => SharedKernel.Money.Cents(amount);

    /// <summary>The first sentence: the figures and the tier they reach, in German and English (numbers German in both, ADR 0013).</summary>
    private static (string German, string English) Explain(CommissionPlan plan, StatementNps? nps, NpsTier? tier)
    {
        var minimum = MinimumSample(plan);
        if (nps is null)
            return ("Keine Kundenbewertungen zum Kontaktpunkt in diesem Quartal: keine Qualitätsstufe.",
                "No touchpoint ratings this quarter: no quality tier.");
        var shrunk = nps.Shrunk is { } s ? $", geglättet {Score(s)}" : "";
        var shrunkEnglish = nps.Shrunk is { } se ? $", shrunk {Score(se)}" : "";
        var figures = $"Kontaktpunkt-NPS {Score(nps.Value)} (95-%-Intervall ab {Score(nps.CiLow)}{shrunk}, n = {nps.N})";
        var figuresEnglish = $"Touchpoint NPS {Score(nps.Value)} (95 % interval from {Score(nps.CiLow)}{shrunkEnglish}, n = {nps.N})";
        if (nps.N < minimum)
            return ($"{figures}: Stichprobe unter {minimum} Antworten, daher keine Qualitätsstufe.",
                $"{figuresEnglish}: sample below {minimum} responses, so no quality tier.");
        if (BasisValue(plan, nps) is not { } value)
            return ($"{figures}: ohne Antworten aus Partnershops in diesem Quartal kein geglätteter NPS, daher keine Qualitätsstufe.",
                $"{figuresEnglish}: without partner-shop responses this quarter there is no shrunk NPS, so no quality tier.");
        var (basis, basisEnglish) = plan.TierBasis switch
        {
            TierBases.CiLow => ($"Untergrenze des Intervalls {Score(value)}", $"the interval's lower bound {Score(value)}"),
            TierBases.Shrunk => ($"geglätteter NPS {Score(value)}", $"the shrunk NPS {Score(value)}"),
            _ => ($"NPS {Score(value)}", $"the NPS {Score(value)}"),
        };
        return tier is null
            ? ($"{figures}: {basis} erreicht keine Stufe.", $"{figuresEnglish}: {basisEnglish} reaches no tier.")
            : ($"{figures}: {basis} erreicht die Stufe ab {Score(tier.MinNps)} ({tier.UpliftPercent.ToString("0.##", German)} % Aufschlag, {Money(tier.QualityBonusEur)} Bonus).",
                $"{figuresEnglish}: {basisEnglish} reaches the tier from {Score(tier.MinNps)} ({tier.UpliftPercent.ToString("0.##", German)} % uplift, {Money(tier.QualityBonusEur)} bonus).");
    }

    private static string Label(string category) => category == "mobile" ? "Mobilfunk" : "Festnetz";

    private static string LabelEnglish(string category) => category == "mobile" ? "Mobile" : "Fixed line";

    private static string Money(decimal amount) => amount.ToString("#,##0.00", German) + " €";

    private static string Score(double value) => Math.Round((decimal)value, 1, MidpointRounding.AwayFromZero).ToString("0.0", German);
}
