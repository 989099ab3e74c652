using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Upgrade;

/// <summary>A data upgrade step of the Training module that has run on this database (id: the step's name).</summary>
public sealed class TrainingUpgrade
{
    public string Id { get; init; } = "";
    public DateTimeOffset At { get; init; }

    /// <summary>How many documents the step wrote.</summary>
    public int Written { get; init; }
}

/// <summary>
/// Before ADR 0035 what open bookings earmark of WKZ was computed from the bookings on every read; now Funds keeps it as
/// earmarks, written when a booking is requested. This step earmarks the bookings that were open before, at start-up
/// (after the schema migration, before requests are served), once per database: a <see cref="TrainingUpgrade"/> marks it
/// done, inserted in the same transaction, so of two hosts starting at once one writes and the other's attempt fails
/// on the marker and is dropped. An earmark is keyed by the booking, so writing it again changes nothing either.
/// </summary>
internal sealed class EarmarkOpenBookings(IServiceProvider services, TimeProvider clock, ILogger<EarmarkOpenBookings> logger) : IHostedService
{
    public const string StepId = "wkz-earmarks-of-open-bookings";

    public async Task StartAsync(CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Earmarks the open bookings unless the step has run; returns how many it earmarked, or null when it had run.</summary>
    public async Task<int?> RunAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var funds = scope.ServiceProvider.GetRequiredService<IWkzFunds>();
        if (await session.LoadAsync<TrainingUpgrade>(StepId, ct) is not null) return null;

        var open = await session.Query<CoachingBooking>()
            .Where(b => (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed) && b.WkzPercent > 0).ToListAsync(ct);
        var years = open.Select(b => b.Year.ToString(CultureInfo.InvariantCulture)).Distinct().ToArray();
        var programmes = years.Length == 0 ? [] : (await session.LoadManyAsync<TrainingProgramme>(ct, years)).ToDictionary(p => p.Year);
        var written = 0;
        await funds.LockAsync(open.Select(b => b.PartnerId).Distinct().ToArray(), ct);
        foreach (var booking in open.OrderBy(b => b.RequestedAt).ThenBy(b => b.Id, StringComparer.Ordinal)) // served in request order
        {
            if (!programmes.TryGetValue(booking.Year, out var programme)) continue;
            funds.Earmark(booking.PartnerId, booking.Id, booking.Price(programme).WkzEur, booking.RequestedAt);
            written++;
        }
        session.Insert(new TrainingUpgrade { Id = StepId, At = clock.GetUtcNow(), Written = written });
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (MartenErrors.IsAlreadyExists(e))
        {
            return null; // another host did it at the same moment
        }
        if (written > 0) logger.LogInformation("Training: earmarked the WKZ of {Count} open coaching bookings (upgrade step {Step}).", written, StepId);
        return written;
    }
}
