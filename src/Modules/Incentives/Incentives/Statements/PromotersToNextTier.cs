namespace PartnerPortal.Incentives.Statements;

/// <summary>
/// "noch 15,7 Punkte" in customers (issue 18): the smallest number k of additional promoter responses, at today's n,
/// that lifts the NPS to a tier's minimum: the least k ≥ 0 with 100 × (s + k) / (n + k) ≥ t, s = promoters − detractors.
/// Solved exactly in decimals: k = ⌈(t·n − 100·s) / (100 − t)⌉. Pure, unit-tested.
/// </summary>
internal static class PromotersToNextTier
{
    /// <param name="n">today's number of scores (≥ 0).</param>
    /// <param name="netPromoters">promoters − detractors among them (between −n and n).</param>
    /// <param name="threshold">the tier's minimum NPS.</param>
    /// <returns>0 when the NPS reaches it already; null when no number of promoters can (a minimum of 100 or more
    /// with a passive or a detractor among the scores).</returns>
    public static int? Needed(int n, int netPromoters, double threshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (netPromoters > n || netPromoters < -n) throw new ArgumentOutOfRangeException(nameof(netPromoters), "Promoters − detractors lies between −n and n.");
        var t = (decimal)threshold;
        if (t <= -100m) return 0;
        if (n > 0 && 100m * netPromoters >= t * n) return 0;
        if (t > 100m || (t == 100m && netPromoters < n)) return null;
        if (n == 0) return 1; // one promoter makes an NPS of 100
        var k = Math.Ceiling((t * n - 100m * netPromoters) / (100m - t));
        return k > int.MaxValue ? null : (int)k;
    }
}
