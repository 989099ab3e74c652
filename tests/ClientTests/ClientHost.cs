using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using PartnerPortal.TestSupport;

[assembly: AssemblyFixture(typeof(PartnerPortal.ClientTests.ClientHost))]

namespace PartnerPortal.ClientTests;

/// <summary>
/// The real host on a throwaway PostgreSQL cluster (one per test assembly, ADR 0007), reached through the generated client
/// over the test server's HTTP handler. The tests here own the quarter 2064-Q1, the training year 2064 and partner ids
/// <c>gc-…</c>.
/// </summary>
public sealed class ClientHost : PortalTestHost, IAsyncLifetime
{
    public ValueTask InitializeAsync()
    {
        Start();
        return ValueTask.CompletedTask;
    }

    /// <summary>A generated client sending <paramref name="apiKey"/> (the bootstrap key by default: every scope, no partner).</summary>
    public PortalApiClient Client(string apiKey = BootstrapKey)
    {
        var http = WithKey(apiKey);
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') };
        return new PortalApiClient(adapter);
    }
}
