using System.Data.Common;
using PartnerPortal.FollowUps.Contracts;
using PartnerPortal.Notifications.Outbox;
using PartnerPortal.Notifications.Settings;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Notifications.Mails;

/// <summary>
/// Writes the <c>immediate</c> mails about newly opened cases into the outbox, inside the transaction that opens the
/// cases (<see cref="IFollowUpCaseListener"/>): one message per partner user whose setting is <c>immediate</c> and
/// opening, about that opening's cases of the user's partner (ADR 0062: one case, <c>followup-case:{caseId}:{userId}</c>;
/// several, one mail listing them, <c>followup-cases:{firstCaseId}:{count}:{userId}</c>), so a retried or doubled opening
/// never writes a second one. Users and settings are read as committed (other connections, or this host's copies while no change is announced:
/// ADR 0061, so a batch usually needs no round trip to learn that nobody is to be mailed); only the outbox rows go through
/// the caller's.
/// </summary>
internal sealed class CaseMailListener(IPortalUsers users, IPartnerDirectory partners, UserSettings userSettings)
    : IFollowUpCaseListener
{
    public async Task CasesOpenedAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<FollowUpCaseInfo> cases, CancellationToken ct)
    {
        if (cases.Count == 0) return;
        var partnerIds = cases.Select(c => c.PartnerId).Distinct(StringComparer.Ordinal).ToArray();
        var recipients = await users.OfPartnersAsync(partnerIds, ct);
        if (recipients.Count == 0) return;
        var chosen = await userSettings.OfManyAsync(recipients, ct);
        var immediate = recipients.Where(u => chosen[u.UserId].FollowUps == FollowUpNotice.Immediate).ToLookup(u => u.PartnerId!, StringComparer.Ordinal);
        if (immediate.Count == 0) return;
        var names = await partners.FindManyAsync(immediate.Select(g => g.Key), ct); // only the partners a mail names

        var mails = new List<NewMail>();
        foreach (var partnerCases in cases.GroupBy(c => c.PartnerId, StringComparer.Ordinal))
        {
            var users = immediate[partnerCases.Key];
            if (!users.Any()) continue;
            var ofPartner = partnerCases.ToArray();
            var name = names.TryGetValue(partnerCases.Key, out var p) ? p.Name : partnerCases.Key;
            foreach (var user in users) mails.Add(CaseMails.Immediate(ofPartner, user, name, chosen[user.UserId].Language));
        }
        await OutboxTable.WriteAsync(connection, transaction, mails, ct, keysExpectedNew: true);
    }
}
