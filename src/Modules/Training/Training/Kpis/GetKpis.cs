using System.Globalization;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Kpis;

/// <summary><c>GET /api/v1/training/kpis/{year}?partnerId</c> (and the figures on both Schulungen pages): the year's KPI
/// document as <c>training:recalculate</c> last wrote it; a partner without one (no activity at the last run) gets figures
/// computed on the spot, so the answer is never missing. A partner always gets its own.</summary>
internal static class GetKpis
{
    public static async Task<TrainingKpi> HandleAsync(int year, string? partnerId, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<TrainingKpi>(TrainingKpi.IdOf(year, partnerId), ct) is { } stored) return stored;
        var computed = await KpiCalculator.ComputeAsync(session, year, clock.GetUtcNow(), ct);
        return computed.FirstOrDefault(k => k.PartnerId == partnerId)
            ?? KpiCalculator.Build(year, partnerId, await session.LoadAsync<TrainingProgramme>(year.ToString(CultureInfo.InvariantCulture), ct),
                [], [], [], clock.GetUtcNow());
    }

    public static async Task<IResult> Endpoint(string year, string? partnerId, Caller caller, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!errors.Year("year", year, out var y)) return Problems.Validation(errors.ToDictionary());
        return TypedResults.Ok(KpiView.Of(await HandleAsync(y, caller.ConfinePartnerFilter(partnerId), session, clock, ct)));
    }
}
