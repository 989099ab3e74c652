using PartnerPortal.Incentives.Plans;

namespace PartnerPortal.Incentives.Statements;

/// <param name="Shrunk">The shrunk NPS (ADR 0034), shown under every basis; null for statements from before it and for
/// a quarter without partner-shop responses.</param>
public sealed record StatementNpsView(double Value, int N, double CiLow, double? Shrunk, bool SufficientSample);

/// <summary>What a what-if projection assumed: the tier-basis value, with a sufficient sample.</summary>
public sealed record WhatIfAssumption(double Nps);

/// <summary>A statement as the API answers it and the pages show it (status as its API name: the OpenAPI schema stays a string).</summary>
/// <param name="PlanVersion">The plan version the statement was calculated under; null before ADR 0028.</param>
/// <param name="BaseRates">The base rates it was calculated with (clawbacks of its transactions use them); null before ADR 0028.</param>
public sealed record StatementView(
    string Quarter, string PartnerId, [OneOf(typeof(StatementStatus))] string Status, int Revision, StatementNpsView? Nps, NpsTier? Tier, IReadOnlyList<StatementLine> Lines,
    decimal Total, IReadOnlyDictionary<string, decimal> Attainment, IReadOnlyList<string> Explanation, DateTimeOffset CalculatedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt, int? PlanVersion, CategoryRates? BaseRates)
{
    /// <summary>On a what-if projection (<c>…/what-if?nps=55</c>) what it assumed; null on every real statement, whose
    /// status is the stored one. A projection's status is <c>draft</c>: it is never approved.</summary>
    public WhatIfAssumption? WhatIf { get; init; }

    /// <summary>The explanation in English, for the page (not in the API, whose <see cref="Explanation"/> is German); empty
    /// for statements calculated before it existed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> ExplanationEnglish { get; init; } = [];

    /// <summary>Promoters − detractors among the touchpoint scores, from the unrounded NPS (the page's "etwa N weitere
    /// Promotoren"; not in the API); null without an NPS.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int? NetPromoters { get; init; }

    /// <summary>What the page shows in its language: English when asked and known, else the German sentences.</summary>
    public IReadOnlyList<string> ExplanationIn(bool english) =>
        english && ExplanationEnglish.Count == Explanation.Count ? ExplanationEnglish : Explanation;

    /// <summary>Amounts rounded to cents on the way out (ADR 0028): lines and totals are cents already; the tier's bonus and
    /// the rates come from the plan, which may predate the input rule.</summary>
    internal static StatementView Of(Statement s) => new(
        s.Quarter, s.PartnerId, s.Status.Name(), s.Revision,
        s.Nps is { } n ? new StatementNpsView(Round1(n.Value), n.N, Round1(n.CiLow), n.Shrunk is { } shrunk ? Round1(shrunk) : null, n.SufficientSample) : null,
        s.Tier?.InCents(),
        s.Lines.Select(l => l with { Amount = SharedKernel.Money.Cents(l.Amount) }).ToArray(), SharedKernel.Money.Cents(s.Total),
        s.Attainment, s.Explanation, s.CalculatedAt, s.ApprovedBy, s.ApprovedAt,
        s.PlanVersion, s.BaseRates?.InCents())
    {
        ExplanationEnglish = s.ExplanationEnglish,
        WhatIf = s.WhatIfNps is { } assumed ? new WhatIfAssumption(assumed) : null,
        NetPromoters = s.Nps is { } f ? (int)Math.Round(f.Value * f.N / 100.0, MidpointRounding.AwayFromZero) : null,
    };

    private static double Round1(double value) => (double)Math.Round((decimal)value, 1, MidpointRounding.AwayFromZero);
}
