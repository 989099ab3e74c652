using System.Globalization;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.SharedKernel;
using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Programmes;
using PartnerPortal.Training.Wkz;

namespace PartnerPortal.Training;

/// <summary>Demo programme of the current year, WKZ budgets and a few coachings (idempotent: skipped when the programme exists).</summary>
internal static class DemoData
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(now));
        var year = today.Year.ToString(CultureInfo.InvariantCulture);
        if (await session.LoadAsync<TrainingProgramme>(year, ct) is not null) return;

        var programme = new TrainingProgramme
        {
            Id = year, Year = today.Year, TargetCoachingDays = 5000, CoachingDayRateEur = 1200m, PartnerSharePercent = 50m,
            TopicMix = new() { [Topics.SalesConversation] = 70m, [Topics.LeadershipMotivation] = 30m }, UpdatedAt = now, UpdatedBy = "demo",
        };
        session.Store(programme);
        var budgets = new Dictionary<string, decimal> { ["p-1001"] = 5000m, ["p-1002"] = 3000m, ["p-1003"] = 4000m };
        var allocations = budgets.ToDictionary(b => b.Key, b => default(WkzHead).Next(b.Key, WkzKind.Allocation, b.Value, $"WKZ-Budget {year}", null, now, "demo"));
        foreach (var allocation in allocations.Values) session.Store(allocation);

        var delivered = Booking("p-1001", "s-1001-1", new DateOnly(today.Year, 1, 1).AddDays(Math.Min(today.DayOfYear - 2, 60)), Topics.SalesConversation, 2m, 6, 50m, now);
        delivered.Status = BookingStatus.Delivered;
        delivered.DeliveredAt = now;
        delivered.DeliveredBy = "demo";
        delivered.Charges = CoachingCharges.Compute(delivered.Days, programme.CoachingDayRateEur, programme.PartnerSharePercent, 50m, budgets["p-1001"]);
        session.Store(allocations["p-1001"].Next(delivered, -delivered.Charges.WkzEur));
        session.Store(delivered);
        session.Store(Booking("p-1001", "s-1001-2", today.AddDays(21), Topics.LeadershipMotivation, 1m, 4, 0m, now));
        session.Store(Booking("p-1002", "s-1002-1", today.AddDays(10), Topics.SalesConversation, 1.5m, 5, 100m, now));
        await session.SaveChangesAsync(ct);
    }

    private static CoachingBooking Booking(string partnerId, string shopId, DateOnly date, string topic, decimal days, int participants, decimal wkzPercent,
        DateTimeOffset now) =>
        new()
        {
            Id = $"cb-demo-{partnerId}-{date:MMdd}", PartnerId = partnerId, ShopId = shopId, Date = date, Year = date.Year, Topic = topic, Days = days,
            Participants = participants, WkzPercent = wkzPercent, RequestedAt = now, RequestedBy = "demo", Version = 1,
        };

    private static WkzEntry Next(this WkzEntry previous, CoachingBooking booking, decimal amount) =>
        new WkzHead(previous.Sequence, previous.BalanceAfterEur).Next(booking.PartnerId, WkzKind.Charge, amount,
            $"Coaching {booking.Date:dd.MM.yyyy}", booking.Id, booking.DeliveredAt!.Value, "demo");
}
