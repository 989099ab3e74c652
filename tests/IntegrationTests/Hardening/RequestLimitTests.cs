using System.Net;
using System.Net.Sockets;
using System.Text;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>What only a real server enforces (the in-process test server has no body size limit and refuses a NUL in a
/// path on the client side): oversized bodies are 413 problem details, a NUL in the request line is Kestrel's 400.</summary>
[Collection(IsolatedHostCollection.Name)]
public sealed class RequestLimitTests(IsolatedHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bodies_over_the_limit_are_413_problem_details_and_store_nothing()
    {
        var key = await host.CreateKeyAsync([Scopes.PartnersWrite, Scopes.PartnersRead, Scopes.SurveysWrite]);
        using var client = host.Client(apiKey: key);
        // As a well-behaved client of large uploads does: the server refuses by the Content-Length before the body is sent.
        client.DefaultRequestHeaders.ExpectContinue = true;
        var partnerId = PortalHost.NewId("p");

        // Kestrel's default limit (30 MB) for ordinary routes.
        var name = new string('a', 31_000_000);
        var oversized = await client.PutAsync($"/api/v1/partners/{partnerId}",
            new StringContent($"{{\"name\":\"{name}\",\"shops\":[]}}", Encoding.UTF8, "application/json"), Ct);
        await oversized.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await client.GetAsync($"/api/v1/partners/{partnerId}", Ct)).ProblemAsync(HttpStatusCode.NotFound);

        // The survey batch allows 64 MB, no more.
        var items = new StringBuilder("{\"items\":[");
        while (items.Length < 65 * 1024 * 1024) items.Append("{\"responseId\":\"").Append(PortalHost.NewId("big")).Append("\",\"comment\":\"").Append('x', 1900).Append("\"},");
        items.Length--;
        items.Append("]}");
        var batch = await client.PostAsync("/api/v1/surveys/responses/batch", new StringContent(items.ToString(), Encoding.UTF8, "application/json"), Ct);
        await batch.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_NUL_in_the_path_is_refused_by_the_server()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port, Ct);
        await using var stream = tcp.GetStream();
        var request = $"GET /api/v1/partners/a%00b HTTP/1.1\r\nHost: {host.BaseAddress.Authority}\r\nX-Api-Key: {IsolatedHost.BootstrapKey}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Ct);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(Ct);
        Assert.StartsWith("HTTP/1.1 400", statusLine, StringComparison.Ordinal);
    }
}
