using System.Data.Common;
using PartnerPortal.FollowUps.Contracts;
using PartnerPortal.Notifications.Outbox;
using PartnerPortal.Notifications.Settings;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Notifications.Mails;

/// <summary>
/// Writes the <c>immediate</c> mails about newly opened cases into the outbox, inside the transaction that opens the
/// cases (<see cref="IFollowUpCaseListener"/>): one message per case and partner user whose setting is
/// <c>immediate</c>, keyed <c>followup-case:{caseId}:{userId}</c>, so a retried or doubled opening never writes a second
/// one. Users and settings are read as committed (other connections, or this host's copies while no change is announced:
/// ADR 0061, so a batch usually needs no round trip to learn that nobody is to be mailed); only the outbox rows go through
/// the caller's.
/// </summary>
internal sealed class CaseMailListener(IPortalUsers users, IPartnerDirectory partners, UserSettings userSettings, MailSettings settings)
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
        var names = await partners.FindManyAsync(partnerIds, ct);

        var mails = new List<NewMail>();
        foreach (var c in cases)
            foreach (var user in immediate[c.PartnerId])
                mails.Add(CaseMails.Immediate(c, user, names.TryGetValue(c.PartnerId, out var p) ? p.Name : c.PartnerId, chosen[user.UserId].Language, settings));
        await OutboxTable.WriteAsync(connection, transaction, mails, ct);
    }
}
