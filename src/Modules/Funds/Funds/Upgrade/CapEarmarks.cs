using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerPortal.Funds.Ledger;

namespace PartnerPortal.Funds.Upgrade;

/// <summary>
/// Before ADR 0046 an open booking earmarked all it wanted, whatever the balance, so a partner could hold more than it had.
/// At start-up (after the schema migration, before requests are served) this step shares every partner's balance out to
/// its earmarks again, under the partner's WKZ lock, as every change does since: earlier requests first, never more than
/// the balance. Idempotent: capped earmarks stay as they are, so a restart, or a second host starting at the same time,
/// writes nothing.
/// </summary>
internal sealed class CapEarmarks(IDocumentStore store, ILogger<CapEarmarks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Caps what needs it; returns how many earmarks it changed.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        IReadOnlyList<string> partners;
        await using (var query = store.QuerySession())
            partners = await query.Query<WkzEarmark>().Select(e => e.PartnerId).Distinct().ToListAsync(ct);
        var changed = 0;
        foreach (var partnerId in partners)
        {
            await using var session = store.LightweightSession();
            await WkzLock.EnterAsync(session, [partnerId], ct);
            var settled = (await WkzBook.ReadAsync(session, partnerId, ct)).Settle();
            if (settled == 0) continue; // nothing to write; the transaction ends with the session
            await session.SaveChangesAsync(ct);
            changed += settled;
        }
        if (changed > 0) logger.LogInformation("Funds: capped {Count} WKZ earmarks by their partners' balances (ADR 0046).", changed);
        return changed;
    }
}
