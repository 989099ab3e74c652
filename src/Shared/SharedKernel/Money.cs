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

    /// <summary>True when the amount was written with at most two decimals (10, 10.5, 10.50). Decided on the decimal's
    /// scale, not its value, so that what the JSON reader could not represent is refused too: <c>1e-30</c> reads as a
    /// zero with 28 decimals, <c>0.001</c> and <c>10.005</c> have three, and so has <c>10.500</c>. Percentages that multiply
    /// money (uplift, partner share, WKZ share) follow the same rule.</summary>
    public static bool HasAtMostTwoDecimals(decimal amount) => amount.Scale <= 2;
}
