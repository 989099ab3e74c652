namespace PartnerPortal.Scoring.Recalculation;

/// <summary>The showcase's score cards (ADR 0043): the recalculation of every quarter the showcase has responses in (the
/// running one and the four before it), as the job would do it; idempotent like the job.</summary>
internal static class ShowcaseScores
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var recalculation = scope.ServiceProvider.GetRequiredService<ScoringRecalculation>();
        var quarter = Quarter.Of(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
        for (var i = 0; i < 5; i++, quarter = quarter.Previous()) await recalculation.RunAsync(quarter.ToString(), ct);
    }
}
