using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PartnerPortal.Partners.ApiKeys;

/// <summary>
/// <c>PartnerPortal__BootstrapApiKey=&lt;secret&gt;</c>: at start-up, ensures a key with every scope, so a fresh
/// installation can be administered through the API. The secret itself is never logged.
/// </summary>
internal sealed class BootstrapApiKey(IServiceProvider services, IConfiguration configuration, TimeProvider clock,
    ILogger<BootstrapApiKey> logger) : IHostedService
{
    public const string KeyId = "bootstrap";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var secret = configuration["PartnerPortal:BootstrapApiKey"];
        if (string.IsNullOrWhiteSpace(secret)) return;
        if (secret.Length < 16) throw new InvalidOperationException("PartnerPortal:BootstrapApiKey must be at least 16 characters long.");

        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var hash = ApiKey.HashOf(secret);
        var current = await session.LoadAsync<ApiKey>(KeyId, cancellationToken);
        if (current?.Hash == hash && current.Scopes.Count == Scopes.All.Count) return;
        session.Store(new ApiKey
        {
            Id = KeyId,
            Name = "Bootstrap key (from configuration)",
            Hash = hash,
            Scopes = [.. Scopes.All],
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = "configuration",
        });
        await session.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Bootstrap API key ensured with every scope (id {KeyId}).", KeyId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
