using Microsoft.Extensions.Logging;
using PartnerPortal.FollowUps.Contracts;
using PartnerPortal.Notifications.Outbox;
using PartnerPortal.Notifications.Settings;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Notifications.Mails;

/// <summary>What one digest run wrote.</summary>
internal sealed record DigestReport(DateOnly Day, int Users, int Written);

/// <summary>
/// The daily digest at 07:00 Berlin (recurring job): for each user whose setting is <c>daily</c> one mail, a partner
/// user's with its partner's cases opened in the window (the day before 07:00 → this day 07:00, Berlin), back office's
/// with every partner's overdue cases at the window's end. Nothing to report, no mail. The key is per user, kind and
/// day, so a second run of the same day (a retry, a second host) writes nothing.
/// </summary>
internal sealed class DailyDigest(IDocumentStore store, IPortalUsers users, IPartnerDirectory partners, IEnumerable<IFollowUpCases> followUps,
    MailSettings settings, TimeProvider clock, ILogger<DailyDigest> logger)
{
    public const string RecurringJobId = "mail:daily-digest";
    public static readonly TimeOnly At = new(7, 0);

    public Task<DigestReport> RunRecurringAsync(CancellationToken ct) => RunAsync(clock.GetUtcNow(), ct);

    /// <summary>The window that ends at the last 07:00 (Berlin) at or before <paramref name="now"/>.</summary>
    public static (DateOnly Day, DateTimeOffset From, DateTimeOffset To) WindowOf(DateTimeOffset now)
    {
        var local = BerlinTime.ToLocal(now);
        var day = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) < At) day = day.AddDays(-1);
        return (day, SevenOclock(day.AddDays(-1)).ToUniversalTime(), SevenOclock(day).ToUniversalTime());
    }

    private static DateTimeOffset SevenOclock(DateOnly day)
    {
        var local = day.ToDateTime(At, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, BerlinTime.Zone.GetUtcOffset(local));
    }

    public async Task<DigestReport> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var (day, from, to) = WindowOf(now);
        if (followUps.FirstOrDefault() is not { } cases)
        {
            logger.LogWarning("No follow-up cases in this host (the FollowUps module is off): no digest for {Day}.", day);
            return new DigestReport(day, 0, 0);
        }
        IReadOnlyList<NotificationSettings> daily;
        await using (var session = store.QuerySession())
            daily = await session.Query<NotificationSettings>().Where(s => s.FollowUps == FollowUpNotice.Daily).ToListAsync(ct);
        var language = daily.ToDictionary(s => s.Id, s => s.Language, StringComparer.Ordinal);
        var recipients = await users.FindManyAsync(language.Keys, ct);

        var mails = new List<NewMail>();
        IReadOnlyList<FollowUpCaseInfo>? overdue = null;
        foreach (var group in recipients.GroupBy(u => u.Role == Roles.BackOffice ? null : u.PartnerId))
        {
            var found = group.Key is null
                ? overdue ??= await cases.OverdueAsync(to, null, ct)
                : await cases.OpenedBetweenAsync(from, to, group.Key, ct);
            if (found.Count == 0) continue;
            var names = await partners.FindManyAsync(found.Select(c => c.PartnerId).Distinct(StringComparer.Ordinal), ct);
            foreach (var user in group)
                mails.Add(CaseMails.Digest(day, found, user, overdue: group.Key is null, names, language[user.UserId], settings));
        }
        if (mails.Count == 0) return new DigestReport(day, recipients.Count, 0);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var written = await OutboxTable.WriteAsync(connection, transaction, mails, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Daily digest {Day}: {Written} mails written for {Users} users.", day, written, recipients.Count);
        return new DigestReport(day, recipients.Count, written);
    }
}
