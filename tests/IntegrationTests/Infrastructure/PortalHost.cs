using PartnerPortal.TestSupport;

[assembly: AssemblyFixture(typeof(PartnerPortal.IntegrationTests.Infrastructure.PortalHost))]

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// One real host for the whole test assembly (Hangfire keeps global state), on a throwaway PostgreSQL cluster
/// started with the host's own launcher, in memory (the test server), without demo data. Tests isolate themselves
/// by using fresh ids (<see cref="PortalTestHost.NewId"/>). The shared parts live in <c>tests/TestSupport</c>.
/// </summary>
public sealed class PortalHost : PortalTestHost, IAsyncLifetime
{
    public ValueTask InitializeAsync()
    {
        Start();
        return ValueTask.CompletedTask;
    }
}
