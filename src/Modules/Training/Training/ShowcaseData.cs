using System.Globalization;
using System.Text.Json;
using PartnerPortal.BuildingBlocks.Demo;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Elearning;
using PartnerPortal.Training.Kpis;
using PartnerPortal.Training.Programmes;
using PartnerPortal.Training.Sessions;

namespace PartnerPortal.Training;

/// <summary>
/// The showcase's coaching (ADR 0043), on top of the demo programme: for the demo partners bookings in every state —
/// delivered and charged to WKZ in the past, confirmed and requested ahead, one cancelled — moved through the module's own
/// use cases (<see cref="ConfirmBooking"/>, <see cref="DeliverBooking"/>, <see cref="CancelBooking"/>) as back office would,
/// a few dozen e-learning completions (<see cref="PostCompletions"/>), two in-person sessions (one held, with attendance),
/// then the year's KPIs. Dates are relative to today and
/// stay in the programme year. Booking and completion ids are fixed (<c>cb-show-…</c>, <c>el-show-…</c>), and a booking
/// only moves on from the state it is in: a second run changes nothing.
/// </summary>
internal static class ShowcaseData
{
    private enum Target { Requested, Confirmed, Delivered, Cancelled }

    private static readonly (string Partner, string Shop, int Offset, string Topic, decimal Days, int People, decimal Wkz, Target Target)[] Bookings =
    [
        ("p-1001", "s-1001-2", -75, Topics.SalesConversation, 2m, 6, 100m, Target.Delivered),
        ("p-1001", "s-1001-1", -30, Topics.LeadershipMotivation, 1m, 4, 50m, Target.Delivered),
        ("p-1001", "s-1001-2", 14, Topics.SalesConversation, 1.5m, 5, 100m, Target.Confirmed),
        ("p-1001", "s-1001-3", 28, Topics.SalesConversation, 1m, 3, 50m, Target.Requested),
        ("p-1001", "s-1001-1", 7, Topics.LeadershipMotivation, 1m, 4, 0m, Target.Cancelled),
        ("p-1002", "s-1002-1", -50, Topics.SalesConversation, 1m, 5, 100m, Target.Delivered),
        ("p-1002", "s-1002-1", 10, Topics.LeadershipMotivation, 0.5m, 3, 0m, Target.Confirmed),
        ("p-1003", "s-1003-2", -20, Topics.SalesConversation, 2m, 7, 75m, Target.Delivered),
        ("p-1003", "s-1003-1", 20, Topics.SalesConversation, 1m, 4, 50m, Target.Requested),
        ("p-1004", "s-1004-1", 5, Topics.SalesConversation, 1m, 6, 100m, Target.Confirmed),
        ("p-1005", "s-1005-1", -40, Topics.SalesConversation, 3m, 4, 100m, Target.Delivered),
        ("p-1006", "s-1006-1", -100, Topics.LeadershipMotivation, 1m, 8, 25m, Target.Delivered),
        ("p-1008", "s-1008-1", 3, Topics.SalesConversation, 1m, 5, 50m, Target.Cancelled),
    ];

    private static readonly string[] Courses = ["el-tarifberatung-2", "el-bedarfsanalyse", "el-einwandbehandlung", "el-festnetz-glasfaser"];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var store = sp.GetRequiredService<IDocumentStore>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var kpis = sp.GetRequiredService<KpiRefresh>();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(now));
        var year = today.Year;
        var backOffice = DemoCallers.BackOffice();
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<TrainingProgramme>(year.ToString(CultureInfo.InvariantCulture), ct) is null) return; // the demo data's, seeded before
        }

        for (var i = 0; i < Bookings.Length; i++)
        {
            var b = Bookings[i];
            var id = $"cb-show-{b.Partner}-{i + 1:D2}";
            var date = Clip(today.AddDays(b.Offset), year);
            await RequestAsync(services, id, b.Partner, b.Shop, date, b.Topic, b.Days, b.People, b.Wkz, backOffice, ct);
            var (partner, target) = (b.Partner, b.Target);
            if (target is Target.Confirmed or Target.Delivered)
                await MoveAsync(services, id, BookingStatus.Requested, ct, (session, funds) => ConfirmBooking.HandleAsync(id, backOffice, session, funds, kpis, clock, ct));
            if (target is Target.Delivered)
                await MoveAsync(services, id, BookingStatus.Confirmed, ct,
                    (session, funds) => DeliverBooking.HandleAsync(id, new DeliverRequest(null), backOffice, session, funds, kpis, clock, ct));
            if (target is Target.Cancelled)
                await MoveAsync(services, id, BookingStatus.Requested, ct,
                    (session, funds) => CancelBooking.HandleAsync(id, null, DemoCallers.Partner(partner, partner == DemoPartners.LoginPartnerId ? "Petra Partner" : "Partner-Login"),
                        session, funds, kpis, clock, ct));
        }

        var random = new Random(4_242);
        var completions = new List<JsonElement>();
        for (var i = 0; i < 48; i++)
        {
            var partner = DemoPartners.Featured[random.Next(DemoPartners.Featured.Count)];
            var at = now.AddDays(-random.Next(1, Math.Max(2, today.DayOfYear - 1))).AddMinutes(-random.Next(0, 600));
            completions.Add(JsonSerializer.SerializeToElement(new Dictionary<string, string>
            {
                ["completionId"] = $"el-show-{year}-{i + 1:D3}", ["partnerId"] = partner, ["personId"] = $"{partner}-person-{random.Next(1, 9)}",
                ["courseId"] = Courses[random.Next(Courses.Length)], ["completedAt"] = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            }));
        }
        var result = await PostCompletions.HandleAsync(completions, backOffice, store, sp.GetRequiredService<IPartnerDirectory>(), kpis, clock, ct);
        if (result.Rejected > 0) throw new InvalidOperationException("A showcase e-learning completion was rejected.");

        await SessionAsync(services, backOffice, kpis, "Perfect Pitch Grundlagen: Bedarfsanalyse", Topics.SalesConversation, Clip(today.AddDays(-45), year),
            "Köln, Schulungszentrum Deutz", 16, registered: 11, attended: 9, ct);
        await SessionAsync(services, backOffice, kpis, "Führung im Shop: Teams motivieren", Topics.LeadershipMotivation, Clip(today.AddDays(21), year),
            "Leipzig, Hotel am Augustusplatz", 12, registered: 7, attended: 0, ct);

        await sp.GetRequiredService<TrainingRecalculation>().RunAsync(year, ct);
    }

    private static DateOnly Clip(DateOnly date, int year) =>
        date.Year < year ? new DateOnly(year, 1, 1) : date.Year > year ? new DateOnly(year, 12, 31) : date;

    /// <summary>An in-person session through <see cref="CreateSession"/> (unless one of that title and date exists), people of
    /// the demo partners registered (<see cref="RegisterForSession"/>: a second registration is no change) and, once it has
    /// taken place, their attendance (<see cref="RecordAttendance"/>, once).</summary>
    private static async Task SessionAsync(IServiceProvider services, Caller backOffice, KpiRefresh kpis, string title, string topic, DateOnly date,
        string place, int seats, int registered, int attended, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var session = sp.GetRequiredService<IDocumentSession>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var training = await session.Query<TrainingSession>().Where(t => t.Year == date.Year && t.Title == title).FirstOrDefaultAsync(ct)
                       ?? (await CreateSession.HandleAsync(new SessionRequest(title, topic, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), place, seats),
                           backOffice, session, clock, ct)).Value
                       ?? throw new InvalidOperationException($"The showcase session '{title}' was not created.");
        string[] names = ["Anna Berger", "Murat Kaya", "Julia Wolf", "Tobias Lang", "Sofia Marx", "Felix Roth", "Leonie Brandt", "Jan Peters", "Mia Vogel",
            "Lukas Hahn", "Emma Kraus"];
        var people = Enumerable.Range(0, registered)
            .Select(i => (Partner: DemoPartners.Featured[i % 4], Person: $"person-{DemoPartners.Featured[i % 4]}-{i + 1}", Name: names[i % names.Length]))
            .ToArray();
        foreach (var (partner, person, name) in people)
        {
            var outcome = await RegisterForSession.HandleAsync(training.Id, new RegistrationRequest(partner, person, name), backOffice,
                sp.GetRequiredService<IPartnerDirectory>(), session, clock, ct);
            training = outcome.Value ?? throw new InvalidOperationException($"{person} was not registered for '{title}': {outcome.Message}");
        }
        if (attended == 0 || training.Registrations.Any(r => r.Attended is not null)) return;
        var outcomeOfAttendance = await RecordAttendance.HandleAsync(training.Id, new AttendanceRequest([.. people.Take(attended).Select(p => (string?)p.Person)]),
            backOffice, session, kpis, clock, ct);
        if (outcomeOfAttendance.Value is null) throw new InvalidOperationException($"The attendance of '{title}' was not recorded: {outcomeOfAttendance.Message}");
    }

    /// <summary>Requests the booking unless it exists, as <see cref="RequestBooking"/> does but under a fixed id (and, as back
    /// office may, dated in the past): the booking, its first change and its WKZ earmark in one transaction.</summary>
    private static async Task RequestAsync(IServiceProvider services, string id, string partnerId, string shopId, DateOnly date, string topic,
        decimal days, int people, decimal wkz, Caller caller, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        if (await session.LoadAsync<CoachingBooking>(id, ct) is not null) return;
        var programme = await session.LoadAsync<TrainingProgramme>(date.Year.ToString(CultureInfo.InvariantCulture), ct)
                        ?? throw new InvalidOperationException($"There is no training programme for {date.Year}.");
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var (booking, change) = CoachingBooking.Request(id, partnerId, shopId, date, topic, days, people, wkz, now, caller.Actor);
        // As RequestBooking does: under the partner's WKZ lock, the earmark capped by what is available (ADR 0046).
        var funds = scope.ServiceProvider.GetRequiredService<IWkzFunds>();
        await funds.LockAsync([partnerId], ct);
        BookingMoves.Stage(session, booking, change);
        if (booking.Price(programme).WkzEur is > 0 and var wanted) funds.Earmark(partnerId, id, wanted, booking.RequestedAt);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Runs a move of the booking when it is in state <paramref name="from"/>, in a scope of its own: the WKZ funds
    /// queue their entries in the scope's session, the one the move saves.</summary>
    private static async Task MoveAsync(IServiceProvider services, string id, BookingStatus from, CancellationToken ct,
        Func<IDocumentSession, IWkzFunds, Task<Outcome<CoachingBooking>>> move)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        if ((await session.LoadAsync<CoachingBooking>(id, ct))?.Status != from) return;
        var outcome = await move(session, scope.ServiceProvider.GetRequiredService<IWkzFunds>());
        if (outcome.Value is null) throw new InvalidOperationException($"Showcase booking {id} did not move on from {from}: {outcome.Message}");
    }
}
