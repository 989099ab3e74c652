namespace PartnerPortal.Surveys.Trust;

/// <summary>
/// The integrity flags of DOMAIN.md "Trust in the score", in its order. The five response flags are stored as bits of one
/// integer per flagged response (<see cref="IntegrityRecalculation"/>); <see cref="PromoterShare"/> is the partner's.
/// </summary>
internal static class IntegrityFlags
{
    public const string RepeatTransaction = "repeat-transaction";
    public const string UnknownTransaction = "unknown-transaction";
    public const string BeforeTransaction = "before-transaction";
    public const string Burst = "burst";
    public const string DuplicateComment = "duplicate-comment";
    public const string PromoterShare = "promoter-share";

    public const int RepeatTransactionBit = 1;
    public const int UnknownTransactionBit = 2;
    public const int BeforeTransactionBit = 4;
    public const int BurstBit = 8;
    public const int DuplicateCommentBit = 16;

    /// <summary>The response flags with their bits, in DOMAIN.md's order.</summary>
    public static readonly IReadOnlyList<(string Name, int Bit)> ResponseFlags =
    [
        (RepeatTransaction, RepeatTransactionBit), (UnknownTransaction, UnknownTransactionBit), (BeforeTransaction, BeforeTransactionBit),
        (Burst, BurstBit), (DuplicateComment, DuplicateCommentBit),
    ];

    /// <summary>Every flag, the partner's last.</summary>
    public static readonly IReadOnlyList<string> All = [.. ResponseFlags.Select(f => f.Name), PromoterShare];

    /// <summary>The names of the bits set in <paramref name="bits"/>, in DOMAIN.md's order.</summary>
    public static IReadOnlyList<string> Names(int bits) => [.. ResponseFlags.Where(f => (bits & f.Bit) != 0).Select(f => f.Name)];

    /// <summary>A burst: at least this many responses of one shop …</summary>
    public const int BurstSize = 5;

    /// <summary>… whose <c>respondedAt</c> lie within this span of each other (inclusive: exactly 10:00 apart is within).</summary>
    public static readonly TimeSpan BurstWindow = TimeSpan.FromMinutes(10);

    /// <summary>A duplicate comment: at least this many of a partner's responses in the quarter …</summary>
    public const int DuplicateCommentCount = 3;

    /// <summary>… carrying the same comment of at least this many characters, after normalisation.</summary>
    public const int DuplicateCommentMinLength = 20;
}

/// <summary>
/// DOMAIN.md <c>promoter-share</c>: the share of promoters <c>p</c> among a partner's <c>n</c> touchpoint scores against that
/// of every other partner's partner-shop touchpoint scores, <c>p0</c>; flagged when <c>n ≥ 30</c> and
/// <c>z = (p − p0) / √(p0 (1 − p0) / n) ≥ 3.09</c>. Where <c>z</c> has no value (p0 of 0 or 1, no other partner, n = 0) it is
/// null; then a share above p0 = 0 is as far above as it gets and is flagged (with n ≥ 30), and nothing else is.
/// </summary>
public readonly record struct PromoterShare(int N, double? P, double? P0, double? Z, bool Flagged)
{
    public const int MinSample = 30;
    public const double Threshold = 3.09;

    public static PromoterShare Of(int n, int promoters, int othersN, int othersPromoters)
    {
        double? p = n > 0 ? (double)promoters / n : null;
        double? p0 = othersN > 0 ? (double)othersPromoters / othersN : null;
        if (p is not { } share || p0 is not { } baseline) return new PromoterShare(n, p, p0, null, false);
        var variance = baseline * (1 - baseline);
        if (variance <= 0) return new PromoterShare(n, p, p0, null, n >= MinSample && share > baseline);
        var z = (share - baseline) / Math.Sqrt(variance / n);
        return new PromoterShare(n, p, p0, z, n >= MinSample && z >= Threshold);
    }
}
