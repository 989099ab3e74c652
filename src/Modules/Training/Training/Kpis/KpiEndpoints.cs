using Marten;
using PartnerPortal.BuildingBlocks.Audit;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Kpis;

public sealed record TopicMixView(IReadOnlyDictionary<string, decimal> Target, IReadOnlyDictionary<string, decimal> Delivered,
    IReadOnlyDictionary<string, decimal> DeliveredDays);

public sealed record CostsView(decimal TotalEur, decimal OperatorEur, decimal PartnerEur, decimal WkzEur, decimal InvoicedEur);

public sealed record KpiView(int Year, string? PartnerId, decimal TargetCoachingDays, decimal CoachingDaysDelivered, decimal CoachingDaysConfirmed,
    TopicMixView TopicMix, int PeopleTrainedInPerson, int ElearningCompletions, CostsView Costs, DateTimeOffset CalculatedAt)
{
    internal static KpiView Of(TrainingKpi k) =>
        new(k.Year, k.PartnerId, k.TargetCoachingDays, k.CoachingDaysDelivered, k.CoachingDaysConfirmed,
            new TopicMixView(k.TopicMix.Target, k.TopicMix.Delivered, k.TopicMix.DeliveredDays), k.PeopleTrainedInPerson, k.ElearningCompletions,
            new CostsView(k.Costs.TotalEur, k.Costs.OperatorEur, k.Costs.PartnerEur, k.Costs.WkzEur, k.Costs.InvoicedEur), k.CalculatedAt);
}

public sealed record YearRecalculationRequest(int? Year);

/// <summary><c>GET /kpis/{year}?partnerId</c> and <c>POST /recalculations { year }</c>.</summary>
internal static class KpiEndpoints
{
    /// <summary>The year's KPI document as <c>training:recalculate</c> last wrote it; a partner without one (no activity at the
    /// last run) gets figures computed on the spot, so the answer is never missing.</summary>
    public static async Task<IResult> Get(string year, string? partnerId, Caller caller, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!errors.Year("year", year, out var y)) return Problems.Validation(errors.ToDictionary());
        var partner = caller.ConfinePartnerFilter(partnerId);
        return TypedResults.Ok(KpiView.Of(await FindAsync(session, y, partner, clock, ct)));
    }

    internal static async Task<TrainingKpi> FindAsync(IQuerySession session, int year, string? partnerId, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<TrainingKpi>(TrainingKpi.IdOf(year, partnerId), ct) is { } stored) return stored;
        var computed = await KpiCalculator.ComputeAsync(session, year, clock.GetUtcNow(), ct);
        return computed.FirstOrDefault(k => k.PartnerId == partnerId)
            ?? KpiCalculator.Build(year, partnerId, await session.LoadAsync<TrainingProgramme>(year.ToString(System.Globalization.CultureInfo.InvariantCulture), ct),
                [], [], [], clock.GetUtcNow());
    }

    public static async Task<IResult> Recalculate(YearRecalculationRequest? request, JobLauncher jobs, Caller caller, IDocumentStore store,
        TimeProvider clock, CancellationToken ct)
    {
        if (request?.Year is not { } requested || !SharedKernel.SupportedDates.Contains(requested))
            return Problems.Validation("year", $"'year' must be {SharedKernel.SupportedDates.YearExpected}.");
        var year = request.Year.Value;
        var jobId = jobs.Enqueue<TrainingRecalculation>(j => j.RunAsync(year, CancellationToken.None), SharedKernel.Scopes.TrainingAdmin);
        await AuditLog.RecordAsync(store, caller.Actor, clock.GetUtcNow(), AuditActions.RecalculationStarted, $"{nameof(TrainingRecalculation)} {year}",
            $"job {jobId} through the API", null, ct);
        return JobLauncher.Accepted(jobId);
    }
}
