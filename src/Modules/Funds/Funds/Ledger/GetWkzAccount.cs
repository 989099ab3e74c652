using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;
using Money = PartnerPortal.SharedKernel.Money;

namespace PartnerPortal.Funds.Ledger;

/// <summary><c>GET /api/v1/training/partners/{partnerId}/wkz</c> (and, through <see cref="IWkzFunds"/>, the partner's
/// <c>/schulungen</c> page): balance, earmarked, available, and the newest entries.</summary>
internal static class GetWkzAccount
{
    public const int EntriesShown = 200;

    /// <summary>The account, or null when the partner does not exist.</summary>
    public static async Task<WkzAccount?> HandleAsync(string partnerId, IPartnerDirectory partners, IQuerySession session, CancellationToken ct) =>
        await partners.FindAsync(partnerId, ct) is null ? null : await AccountAsync(session, partnerId, ct);

    public static async Task<IResult> Endpoint(string partnerId, IPartnerDirectory partners, IQuerySession session, CancellationToken ct) =>
        await HandleAsync(partnerId, partners, session, ct) is { } account
            ? TypedResults.Ok(WkzAccountView.Of(account))
            : Problems.NotFound($"Partner '{partnerId}' does not exist.");

    internal static async Task<WkzAccount> AccountAsync(IQuerySession session, string partnerId, CancellationToken ct)
    {
        var entries = await session.Query<WkzEntry>().Where(e => e.PartnerId == partnerId).OrderByDescending(e => e.Sequence)
            .Take(EntriesShown).ToListAsync(ct);
        var balance = entries.Count == 0 ? 0m : entries[0].BalanceAfterEur;
        var reserved = (await session.Query<WkzEarmark>().Where(e => e.PartnerId == partnerId).Select(e => e.AmountEur).ToListAsync(ct)).Sum();
        return new WkzAccount(partnerId, Money.Cents(balance), Money.Cents(reserved), Money.Cents(Math.Max(0m, balance - reserved)),
            entries.Select(e => e.ToInfo()).ToArray());
    }
}
