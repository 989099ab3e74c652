namespace PartnerPortal.BuildingBlocks.Data;

/// <summary>
/// Optimistic concurrency by primary key: a use case that reads state, decides and then <em>inserts</em> a record
/// whose id encodes the state it read (the next ledger sequence number, the next version of a booking) loses the race
/// when another request inserted that id first. The whole attempt is then run again against the new state.
/// </summary>
public static class InsertRace
{
    public const int MaxAttempts = 40;

    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, CancellationToken ct)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (i < MaxAttempts && MartenErrors.IsAlreadyExists(e))
            {
                // Spread the losers out a little so that they do not collide again on the next id.
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(i, 10)), ct);
            }
        }
    }
}
