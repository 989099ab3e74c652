using PartnerPortal.FollowUps.Cases;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.UnitTests;

/// <summary>A partner's worked floor lags an hour behind the clock; ingestion must never commit a detractor stamped
/// longer ago than half that, or a floor set meanwhile could hide its case (ADR 0049).</summary>
public sealed class WorkedFloorTests
{
    private static StoredResponse Stamped(DateTimeOffset at) =>
        new("r-1", Channels.PartnerShop, "p-1", "s-1", "2066-Q4", 2, null, at.AddDays(-1), at);

    [Fact]
    public void Ingestion_refuses_responses_stamped_longer_ago_than_half_the_lag_and_takes_the_others()
    {
        var now = new DateTimeOffset(2066, 11, 3, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromHours(1), WorkedFloor.Lag);
        WorkedFloor.CheckStoredRecently([Stamped(now), Stamped(now - WorkedFloor.Lag / 2)], now);
        Assert.Throws<InvalidOperationException>(() => WorkedFloor.CheckStoredRecently([Stamped(now), Stamped(now - WorkedFloor.Lag / 2 - TimeSpan.FromTicks(1))], now));
    }

    /// <summary>Case opening checks the rule against the time the ingestion tells it (ADR 0056), before it writes anything
    /// on the transaction (so no connection is needed to see the refusal).</summary>
    [Fact]
    public async Task Case_opening_refuses_a_detractor_stamped_too_long_before_the_time_it_is_told()
    {
        var opening = new FollowUps.Opening.CaseOpening(null!, []);
        var stamped = new DateTimeOffset(2066, 11, 3, 12, 0, 0, TimeSpan.Zero);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            opening.ResponsesStoredAsync(null!, null!, [Stamped(stamped)], stamped + WorkedFloor.Lag, null!, TestContext.Current.CancellationToken));
    }
}
