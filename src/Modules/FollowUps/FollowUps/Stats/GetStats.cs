namespace PartnerPortal.FollowUps.Stats;

/// <summary><c>GET /api/v1/followups/stats?quarter&amp;partnerId</c>, the Übersicht tile and the back-office page's totals:
/// the quarter's figures of one partner, or of all partners for an unbound caller without <c>partnerId</c>. A bound
/// caller gets its own partner's, whatever it asks for.</summary>
internal static class GetStats
{
    public static async Task<Outcome<StatsView>> HandleAsync(string? quarter, string? partnerId, Caller caller, CaseFigures figures, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (quarter is null) errors.Add("quarter", "'quarter' is required (YYYY-Qn).");
        else errors.Quarter("quarter", quarter, out _);
        if (partnerId is not null) errors.Identifier("partnerId", partnerId);
        if (!errors.IsValid) return Outcome<StatsView>.Invalid(errors.ToDictionary());
        var rows = await figures.PerPartnerAsync(quarter!, caller.ConfinePartnerFilter(partnerId), clock.GetUtcNow(), ct);
        return Outcome<StatsView>.Done(CaseStats.Sum(rows.Select(r => r.Stats)));
    }

    public static async Task<IResult> Endpoint(string? quarter, string? partnerId, Caller caller, CaseFigures figures, TimeProvider clock,
        CancellationToken ct) =>
        (await HandleAsync(quarter, partnerId, caller, figures, clock, ct)).ToHttp(s => s);
}
