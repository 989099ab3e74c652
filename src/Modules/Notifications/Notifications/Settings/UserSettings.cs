using PartnerPortal.BuildingBlocks.Caching;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Notifications.Settings;

/// <summary>
/// The settings that apply to users, for the mail listener in ingestion's path: each user's stored choice (or none) is kept
/// in memory while no change to the settings has been announced on <see cref="Channel"/> (<see cref="ChangeNotices"/>,
/// ADR 0061); the others are read in one round trip.
/// </summary>
internal sealed class UserSettings(IDocumentStore store, ChangeNotices notices, UserSettings.ChoiceCache cache)
{
    /// <summary>Announced by every session that stores or deletes <see cref="NotificationSettings"/> (<see cref="NotifyChangesOf{T}"/>).</summary>
    public const string Channel = "mail_settings";

    /// <summary>What a user chose (null: nothing stored, the defaults apply), under a generation of <see cref="Channel"/>.</summary>
    internal sealed class ChoiceCache() : StampedCache<string, long, Choice?>(MaxEntries)
    {
        public const int MaxEntries = 200_000;
    }

    internal sealed record Choice(string FollowUps, string Language);

    /// <summary>The settings of each user (by id); users without stored settings get the defaults of their role.</summary>
    public async Task<IReadOnlyDictionary<string, EffectiveSettings>> OfManyAsync(IReadOnlyCollection<PortalUserInfo> users, CancellationToken ct)
    {
        var result = new Dictionary<string, EffectiveSettings>(StringComparer.Ordinal);
        if (users.Count == 0) return result;
        // Asked before reading: a change announced meanwhile leaves what is read under the older generation.
        var generation = notices.Generation(Channel);
        var missing = new List<PortalUserInfo>();
        foreach (var user in users.DistinctBy(u => u.UserId))
        {
            if (generation is { } g && cache.TryGet(user.UserId, g, out var kept)) result[user.UserId] = Effective(user, kept);
            else missing.Add(user);
        }
        if (missing.Count == 0) return result;

        IReadOnlyList<NotificationSettings> stored;
        await using (var session = store.QuerySession())
            stored = await session.LoadManyAsync<NotificationSettings>(ct, missing.Select(u => u.UserId).ToArray());
        var byUser = stored.ToDictionary(s => s.Id, s => new Choice(s.FollowUps, s.Language), StringComparer.Ordinal);
        foreach (var user in missing)
        {
            var choice = byUser.GetValueOrDefault(user.UserId);
            result[user.UserId] = Effective(user, choice);
            if (generation is { } g) cache.Set(user.UserId, g, choice);
        }
        return result;
    }

    private static EffectiveSettings Effective(PortalUserInfo user, Choice? choice) =>
        choice is null ? EffectiveSettings.Of(user.Role, null) : new EffectiveSettings(choice.FollowUps, choice.Language);
}
