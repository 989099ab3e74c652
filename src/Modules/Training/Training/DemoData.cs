using System.Globalization;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training;

/// <summary>Demo programme of the current year and a few coachings, one delivered and charged to WKZ (the budgets are the
/// Funds module's demo data, seeded first). Idempotent: skipped when the programme exists.</summary>
internal static class DemoData
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var funds = scope.ServiceProvider.GetRequiredService<IWkzFunds>();
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
        await funds.LockAsync(["p-1001", "p-1002"], ct);

        var delivered = Book(session, funds, programme, "p-1001", "s-1001-1", new DateOnly(today.Year, 1, 1).AddDays(Math.Min(today.DayOfYear - 2, 60)),
            Topics.SalesConversation, 2m, 6, 50m, now);
        BookingMoves.Stage(session, delivered, delivered.Confirm(now, "demo"));
        var charged = await funds.ChargeAsync(new WkzChargeRequest(delivered.PartnerId, delivered.Id, delivered.Price(programme).WkzEur,
            $"Coaching {delivered.Date:dd.MM.yyyy}", now, "demo"), ct);
        BookingMoves.Stage(session, delivered, delivered.Deliver(delivered.Price(programme, wkzBalance: charged.AmountEur), now, "demo"));
        Book(session, funds, programme, "p-1001", "s-1001-2", today.AddDays(21), Topics.LeadershipMotivation, 1m, 4, 0m, now);
        Book(session, funds, programme, "p-1002", "s-1002-1", today.AddDays(10), Topics.SalesConversation, 1.5m, 5, 100m, now);
        await session.SaveChangesAsync(ct);
    }

    private static CoachingBooking Book(IDocumentSession session, IWkzFunds funds, TrainingProgramme programme, string partnerId, string shopId,
        DateOnly date, string topic, decimal days, int participants, decimal wkzPercent, DateTimeOffset now)
    {
        var (booking, change) = CoachingBooking.Request($"cb-demo-{partnerId}-{date:MMdd}", partnerId, shopId, date, topic, days, participants,
            wkzPercent, now, "demo");
        BookingMoves.Stage(session, booking, change);
        if (booking.Price(programme).WkzEur is > 0 and var wanted) funds.Earmark(partnerId, booking.Id, wanted, now);
        return booking;
    }
}
