namespace PartnerPortal.Scoring.Scorecards;

/// <summary>The figures of one score card.</summary>
public readonly record struct NpsFigures(double Nps, double Adjusted, double StandardError, double CiLow, double CiHigh, double Moe95);

/// <summary>DOMAIN.md "Net Promoter Score": the NPS, the adjusted-Wald interval, significance and rounding.</summary>
internal static class NpsMath
{
    public const int SufficientSample = 30;
    private const double Z = 1.96;

    public static NpsFigures Compute(int n, int promoters, int detractors)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), "A score card needs at least one score.");
        var nps = 100.0 * (promoters - detractors) / n;
        var adjustedN = n + 3.0;
        var p = (promoters + 0.75) / adjustedN;
        var d = (detractors + 0.75) / adjustedN;
        var adjusted = 100 * (p - d);
        var se = 100 * Math.Sqrt((p + d - (p - d) * (p - d)) / adjustedN);
        return new NpsFigures(nps, adjusted, se, Math.Max(-100, adjusted - Z * se), Math.Min(100, adjusted + Z * se), Z * se);
    }

    public static bool IsSufficient(int n) => n >= SufficientSample;

    /// <summary>Two NPS values differ significantly when |adj1 − adj2| / √(se1² + se2²) ≥ 1.96.</summary>
    public static bool Significant(NpsFigures a, NpsFigures b) =>
        Math.Abs(a.Adjusted - b.Adjusted) / Math.Sqrt(a.StandardError * a.StandardError + b.StandardError * b.StandardError) >= Z;

    /// <summary>One decimal, half away from zero, on the decimal value the double stands for (so 12.45 → 12.5).</summary>
    public static double Round1(double value) => (double)Math.Round((decimal)value, 1, MidpointRounding.AwayFromZero);
}
