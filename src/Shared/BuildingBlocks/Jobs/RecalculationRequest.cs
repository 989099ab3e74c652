using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.BuildingBlocks.Jobs;

/// <summary>The body of <c>POST …/recalculations</c>: <c>{ "quarter": "2023-Q2" }</c>.</summary>
public sealed record RecalculationRequest(string? Quarter)
{
    public bool TryGetQuarter(out Quarter quarter, out ValidationErrors errors)
    {
        errors = new ValidationErrors();
        if (SharedKernel.Quarter.TryParse(Quarter, out quarter)) return true;
        errors.Add("quarter", "'quarter' must be a quarter of the form YYYY-Qn, e.g. 2023-Q2.");
        return false;
    }
}

/// <summary>The quarters a nightly recalculation covers: the current one and the one before (Berlin time).</summary>
public static class RecalculationWindow
{
    public static Quarter[] CurrentAndPrevious(TimeProvider clock)
    {
        var current = Quarter.Of(clock.GetUtcNow());
        return [current.Previous(), current];
    }
}
