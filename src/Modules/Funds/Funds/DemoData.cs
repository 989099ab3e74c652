using System.Globalization;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Funds.Ledger;

namespace PartnerPortal.Funds;

/// <summary>This year's WKZ budgets of the demo partners (idempotent: skipped when p-1001 has a ledger).</summary>
internal static class DemoData
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        if ((await WkzHead.ReadAsync(session, "p-1001", ct)).Sequence > 0) return;
        var year = BerlinTime.ToLocal(now).Year.ToString(CultureInfo.InvariantCulture);
        foreach (var (partnerId, amount) in new[] { ("p-1001", 5000m), ("p-1002", 3000m), ("p-1003", 4000m) })
            session.Store(default(WkzHead).Next(partnerId, WkzKind.Allocation, amount, $"WKZ-Budget {year}", null, now, "demo"));
        await session.SaveChangesAsync(ct);
    }
}
