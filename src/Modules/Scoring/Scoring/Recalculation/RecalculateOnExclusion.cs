using Hangfire;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Scoring.Recalculation;

/// <summary>A response excluded or released (Surveys): the quarter's score cards are recalculated by a job
/// (DOMAIN.md "Trust in the score"). The job is the same one back office starts; it is idempotent.</summary>
internal sealed class RecalculateOnExclusion(IBackgroundJobClient jobs) : IResponseExclusionListener
{
    public string? ExclusionsChanged(string quarter) =>
        jobs.Enqueue<ScoringRecalculation>(j => j.RunAsync(quarter, CancellationToken.None));
}
