using System.Globalization;
using PartnerPortal.BuildingBlocks.Demo;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Funds.Ledger;

/// <summary>The showcase's WKZ ledger (ADR 0043), posted as back office would (<see cref="WkzPostings"/>): this year's budget
/// for the partners the demo logins do not bring, an autumn top-up for everyone, and one correction; the coaching charges
/// come from Training's deliveries. A posting whose reason is in the partner's ledger already is not posted again.</summary>
internal static class ShowcaseLedger
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var store = sp.GetRequiredService<IDocumentStore>();
        var partners = sp.GetRequiredService<IPartnerDirectory>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var year = BerlinTime.ToLocal(clock.GetUtcNow()).Year.ToString(CultureInfo.InvariantCulture);
        var actor = DemoCallers.BackOffice().Actor;
        (string Partner, WkzKind Kind, decimal Amount, string Reason)[] postings =
        [
            ("p-1004", WkzKind.Allocation, 3500m, $"WKZ-Budget {year}"),
            ("p-1005", WkzKind.Allocation, 2500m, $"WKZ-Budget {year}"),
            ("p-1006", WkzKind.Allocation, 4500m, $"WKZ-Budget {year}"),
            ("p-1007", WkzKind.Allocation, 2000m, $"WKZ-Budget {year}"),
            ("p-1008", WkzKind.Allocation, 3000m, $"WKZ-Budget {year}"),
            ("p-1001", WkzKind.Allocation, 1500m, $"Sonderbudget Herbstaktion {year}"),
            ("p-1002", WkzKind.Allocation, 1000m, $"Sonderbudget Herbstaktion {year}"),
            ("p-1003", WkzKind.Allocation, 1200m, $"Sonderbudget Herbstaktion {year}"),
            ("p-1006", WkzKind.Allocation, 800m, $"Sonderbudget Herbstaktion {year}"),
            ("p-1001", WkzKind.Adjustment, -250m, "Korrektur: Messestand doppelt zugeteilt"),
        ];
        foreach (var (partnerId, kind, amount, reason) in postings)
        {
            await using (var session = store.QuerySession())
            {
                if (await session.Query<WkzEntry>().AnyAsync(e => e.PartnerId == partnerId && e.Reason == reason, ct)) continue;
            }
            var posting = await WkzPostings.PostAsync(partnerId, kind, new WkzPostingRequest(amount, reason), actor, partners, store, clock, ct);
            if (posting.Outcome != WkzPostingOutcome.Posted)
                throw new InvalidOperationException($"The showcase WKZ posting '{reason}' of {partnerId} failed: {posting.Outcome} {posting.Message}");
        }
    }
}
