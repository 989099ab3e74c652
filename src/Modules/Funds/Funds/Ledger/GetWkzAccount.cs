using System.ComponentModel.DataAnnotations;
using System.Globalization;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;
using Money = PartnerPortal.SharedKernel.Money;

namespace PartnerPortal.Funds.Ledger;

/// <summary><c>GET /api/v1/training/partners/{partnerId}/wkz?after&amp;limit</c> (and, through <see cref="IWkzFunds"/>, the partner's
/// <c>/schulungen</c> page): balance, earmarked, available, and the ledger newest first, a page at a time (<c>entries</c> and
/// <c>next</c>, ADR 0040) instead of a silent cap.</summary>
internal static class GetWkzAccount
{
    /// <summary>Entries on a page when no <c>limit</c> is given: what the answer held before it was paged.</summary>
    public const int EntriesShown = 200;
    public const int MaxLimit = 1000;

    /// <summary>The account with one page of its ledger and the cursor of the next; not found when the partner does not exist.</summary>
    public static async Task<Outcome<(WkzAccount Account, string? Next)>> HandleAsync(string partnerId, string? after, int? limit,
        IPartnerDirectory partners, IQuerySession session, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var cursor = errors.After(after);
        long? before = null;
        if (cursor is { } c)
        {
            // The cursor is the last entry's time and id ({partnerId}/{sequence:D9}): of this partner's ledger, or not ours.
            var prefix = partnerId + "/";
            if (c.Id.StartsWith(prefix, StringComparison.Ordinal) && c.Id.Length == prefix.Length + 9
                && long.TryParse(c.Id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                before = sequence;
            else errors.Add("after", ListPaging.AfterMessage);
        }
        var take = errors.Limit(limit, EntriesShown, MaxLimit);
        if (!errors.IsValid) return Outcome<(WkzAccount, string?)>.Invalid(errors.ToDictionary());
        if (await partners.FindAsync(partnerId, ct) is null) return Outcome<(WkzAccount, string?)>.NotFound($"Partner '{partnerId}' does not exist.");
        return Outcome<(WkzAccount, string?)>.Done(await PageAsync(session, partnerId, before, take, ct));
    }

    public static async Task<IResult> Endpoint(string partnerId, string? after, [Range(1, MaxLimit)] int? limit, IPartnerDirectory partners, IQuerySession session,
        CancellationToken ct) =>
        (await HandleAsync(partnerId, after, limit, partners, session, ct)).ToHttp(page => WkzAccountView.Of(page.Account, page.Next));

    /// <summary>The account with the newest <see cref="EntriesShown"/> entries (the page's ledger).</summary>
    internal static async Task<WkzAccount> AccountAsync(IQuerySession session, string partnerId, CancellationToken ct) =>
        (await PageAsync(session, partnerId, null, EntriesShown, ct)).Account;

    private static async Task<(WkzAccount Account, string? Next)> PageAsync(IQuerySession session, string partnerId, long? beforeSequence, int limit,
        CancellationToken ct)
    {
        var query = session.Query<WkzEntry>().Where(e => e.PartnerId == partnerId);
        if (beforeSequence is { } before) query = query.Where(e => e.Sequence < before);
        var rows = await query.OrderByDescending(e => e.Sequence).Take(limit + 1).ToListAsync(ct);
        // The balance is the ledger's head, which a later page does not hold.
        var balance = beforeSequence is null ? (rows.Count == 0 ? 0m : rows[0].BalanceAfterEur) : (await WkzHead.ReadAsync(session, partnerId, ct)).BalanceEur;
        var reserved = (await session.Query<WkzEarmark>().Where(e => e.PartnerId == partnerId).Select(e => e.AmountEur).ToListAsync(ct)).Sum();
        var account = new WkzAccount(partnerId, Money.Cents(balance), Money.Cents(reserved), Money.Cents(Math.Max(0m, balance - reserved)),
            rows.Take(limit).Select(e => e.ToInfo()).ToArray());
        return (account, ListPaging.Next(rows, limit, e => e.At, e => e.Id));
    }
}
