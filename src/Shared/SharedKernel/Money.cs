namespace PartnerPortal.SharedKernel;

/// <summary>
/// The one rule for EUR amounts (API.md: "Money is a JSON number in EUR with at most two decimals"; ADR 0028):
/// an amount that comes in has at most two decimals as written, and one that goes out is rounded to cents.
/// <c>ValidationErrors.Money</c> and <c>ValidationErrors.Percent</c> check inputs with it; views round with <see cref="Cents"/>.
/// </summary>
public static class Money
{
    /// <summary>The largest amount an input may have unless the field says otherwise (a sane bound far above any real
    /// rate, bonus or budget, and far below where sums of many of them could overflow).</summary>
    public const decimal MaxAmount = 1_000_000m;

    /// <summary>Rounds an amount to cents, half away from zero (DOMAIN.md: 0.005 € → 0.01 €).</summary>
    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>True when the amount is a whole number of cents (10, 10.5, 10.50, also 10.500: the same JSON number).
    /// <c>0.001</c>, <c>10.005</c> and <c>1e-28</c> are not. A zero written with more than two decimals is refused too:
    /// that is what the JSON reader makes of a number too small for a decimal (<c>1e-30</c> reads as a zero with 28
    /// decimals), which was not meant as zero. Percentages that multiply money (uplift, partner share, WKZ share) follow
    /// the same rule.</summary>
    public static bool HasAtMostTwoDecimals(decimal amount) =>
        amount == 0m ? amount.Scale <= 2 : decimal.Round(amount, 2) == amount;
}
