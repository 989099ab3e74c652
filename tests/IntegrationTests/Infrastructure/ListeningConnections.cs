namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>For the tests of the host's copies kept under notifications (ADRs 0025 and 0061): waiting for what another
/// connection's notification brings, and cutting the host's listening connection.</summary>
internal static class ListeningConnections
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after 60 s, generous because a loaded CI machine,
    /// not the design, sets how long the other connection's notification takes.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail("Not seen within 60 s: " + what);
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>Ends the host's listening connection named <paramref name="applicationName"/> (there is exactly one).</summary>
    public static async Task CutAsync(PortalHost host, string applicationName) =>
        Assert.Equal(1, await host.ScalarAsync<long>(
            "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1) t", applicationName));

    /// <summary>Waits until the host listens again, and a little longer: the next reads must come after it trusts its copies
    /// again (not a wait for an answer).</summary>
    public static async Task ListeningAgainAsync(PortalHost host, string applicationName)
    {
        await EventuallyAsync(async () => await host.ScalarAsync<long>("select count(*) from pg_stat_activity where application_name = $1", applicationName) == 1,
            "a listener again");
        await Task.Delay(200, Ct);
    }
}
