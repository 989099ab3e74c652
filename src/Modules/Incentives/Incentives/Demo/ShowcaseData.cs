using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Logging;
using PartnerPortal.BuildingBlocks.Demo;
using PartnerPortal.Incentives.Plans;
using PartnerPortal.Incentives.Sales;
using PartnerPortal.Incentives.Statements;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Incentives.Demo;

/// <summary>
/// Seeds the showcase's commission side (ADR 0043) through the module's own use cases, in the order back office and the
/// sales system would: the plans of the last and the running quarter (<see cref="PutPlan"/>), the demo shops' sales of both
/// quarters and a few cancellations (<see cref="PostTransactions"/>, <see cref="PostCancellations"/>), the last quarter's
/// statements calculated and approved (<see cref="IncentivesRecalculation"/>, <see cref="ApproveStatement"/>), then the
/// cancellations of its sales that came after the approval (clawbacks) and the running quarter's drafts. Sales have fixed
/// random seeds per day and ids of their own (<c>dm-tx-yyyyMMdd-nnn</c>): a second run stores nothing; an existing plan, an
/// approved statement or a running quarter's draft are left as they are.
/// </summary>
internal static class ShowcaseData
{
    private static readonly Dictionary<string, double> ShopVolume = new(StringComparer.Ordinal) { ["s-1001-3"] = 0.4, ["s-1007-1"] = 0.7, ["s-1008-2"] = 0.6 };

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var clock = sp.GetRequiredService<TimeProvider>();
        var store = sp.GetRequiredService<IDocumentStore>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ShowcaseData).FullName!);
        var now = clock.GetUtcNow();
        var current = Quarter.Of(now);
        var last = current.Previous();
        var backOffice = DemoCallers.BackOffice();
        var partners = (await sp.GetRequiredService<IPartnerDirectory>().FindManyAsync(DemoPartners.Ids, ct)).Values
            .OrderBy(p => p.PartnerId, StringComparer.Ordinal).ToArray();

        await PlanAsync(store, backOffice, clock, last, 40m, 55m, new(240, 70), ct);
        await PlanAsync(store, backOffice, clock, current, 42m, 55m, new(260, 75), ct);

        // Sales of both quarters; cancellations 5 to 20 days after the sale, of about one sale in thirty.
        var sales = new List<(string Id, DateTimeOffset At)>();
        var items = new List<JsonElement>();
        for (var day = DateOnly.FromDateTime(BerlinTime.ToLocal(last.Start)); day <= DateOnly.FromDateTime(BerlinTime.ToLocal(now)); day = day.AddDays(1))
            items.AddRange(Day(day, partners, now, sales));
        var stored = 0;
        foreach (var chunk in items.Chunk(5000))
            stored += Check(await PostTransactions.HandleAsync(chunk, backOffice, store, sp.GetRequiredService<IPartnerDirectory>(), clock, ct), "transaction");
        var random = new Random(31_337);
        var cancellations = sales.Where(_ => random.NextDouble() < 1 / 30.0)
            .Select(s => (s.Id, Sold: s.At, At: s.At.AddDays(random.Next(5, 21)).AddMinutes(random.Next(0, 600))))
            .Where(c => c.At <= now).ToArray();
        // A sale of the last quarter cancelled in the running one is clawed back once the last quarter is approved.
        var late = cancellations.Where(c => c.Sold < current.Start && c.At >= current.Start).Select(c => (c.Id, c.At)).ToArray();
        var early = cancellations.Where(c => !(c.Sold < current.Start && c.At >= current.Start)).Select(c => (c.Id, c.At)).ToArray();
        await CancelAsync(early, backOffice, store, clock, ct);
        logger.LogInformation("Showcase: {Stored} sales transactions, {Cancelled} cancellations", stored, cancellations.Length);

        var recalculation = sp.GetRequiredService<IncentivesRecalculation>();
        var jobs = sp.GetRequiredService<JobStorage>();
        var appeals = sp.GetServices<IOpenAppeals>().ToArray();
        await using (var query = store.QuerySession())
        {
            if ((await LatestStatements.OfQuarterAsync(query, last.ToString(), ct)).All(s => !s.IsApproved))
                await recalculation.RunAsync(last.ToString(), ct);
        }
        foreach (var partner in partners)
        {
            await using var session = store.LightweightSession();
            var approval = await ApproveStatement.HandleAsync(last.ToString(), partner.PartnerId, confirmedRevision: null, beforeQuarterEnd: false, backOffice, session, jobs, appeals, clock, ct);
            if (approval.Outcome is not (ApproveStatement.Outcome.Approved or ApproveStatement.Outcome.ApprovedAlready or ApproveStatement.Outcome.NotFound))
                throw new InvalidOperationException($"The showcase statement {last}/{partner.PartnerId} was not approved: {approval.Message}");
        }
        await CancelAsync(late, backOffice, store, clock, ct); // after the approval: clawed back in the running quarter
        await using (var query = store.QuerySession())
        {
            if ((await LatestStatements.OfQuarterAsync(query, current.ToString(), ct)).Count == 0)
                await recalculation.RunAsync(current.ToString(), ct);
        }
    }

    private static async Task PlanAsync(IDocumentStore store, Caller caller, TimeProvider clock, Quarter quarter, decimal mobile, decimal @fixed,
        TargetsRequest targets, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<CommissionPlan>(quarter.ToString(), ct) is not null) return;
        var request = new PlanRequest(new RatesRequest(mobile, @fixed),
            [new TierRequest(-100, 0m, 0m), new TierRequest(0, 4m, 150m), new TierRequest(25, 8m, 400m), new TierRequest(45, 12m, 800m)],
            30, TierBases.Point, targets);
        var outcome = await PutPlan.HandleAsync(quarter.ToString(), request, caller, session, clock, ct);
        if (outcome.Value is null) throw new InvalidOperationException($"The showcase plan of {quarter} was not saved.");
    }

    /// <summary>One day's sales of every demo shop, given before <paramref name="now"/>: about 1.4 mobile and 0.4 fixed-line
    /// contracts per shop and weekday, none on Sundays.</summary>
    private static IEnumerable<JsonElement> Day(DateOnly day, IReadOnlyList<PartnerInfo> partners, DateTimeOffset now, List<(string Id, DateTimeOffset At)> sales)
    {
        if (day.DayOfWeek == DayOfWeek.Sunday) yield break;
        var random = new Random(30_260_000 + day.DayNumber);
        var n = 0;
        foreach (var partner in partners)
            foreach (var shop in partner.Shops)
            {
                var volume = ShopVolume.GetValueOrDefault(shop.ShopId, DemoPartners.Small.Contains(partner.PartnerId) ? 0.35 : 1.0)
                             * (day.DayOfWeek == DayOfWeek.Saturday ? 1.5 : 1.0);
                foreach (var (category, mean) in new[] { ("mobile", 1.4 * volume), ("fixed", 0.4 * volume) })
                {
                    var count = (int)mean + (random.NextDouble() < mean - Math.Floor(mean) ? 1 : 0);
                    for (var i = 0; i < count; i++)
                    {
                        var local = day.ToDateTime(new TimeOnly(9, 30)).AddMinutes(random.Next(0, 10 * 60));
                        var at = new DateTimeOffset(local, BerlinTime.Zone.GetUtcOffset(local));
                        var id = $"dm-tx-{day:yyyyMMdd}-{n++:D3}";
                        if (at > now) continue;
                        sales.Add((id, at));
                        yield return JsonSerializer.SerializeToElement(new Dictionary<string, string>
                        {
                            ["transactionId"] = id, ["partnerId"] = partner.PartnerId, ["shopId"] = shop.ShopId, ["category"] = category,
                            ["occurredAt"] = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                        });
                    }
                }
            }
    }

    private static async Task CancelAsync((string Id, DateTimeOffset At)[] cancellations, Caller caller, IDocumentStore store, TimeProvider clock,
        CancellationToken ct)
    {
        if (cancellations.Length == 0) return;
        var items = cancellations.Select(c => JsonSerializer.SerializeToElement(new Dictionary<string, string>
        {
            ["transactionId"] = c.Id, ["cancelledAt"] = c.At.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        })).ToArray();
        Check(await PostCancellations.HandleAsync(items, caller, store, clock, ct), "cancellation");
    }

    private static int Check(BatchResult result, string what)
    {
        if (result.Results.FirstOrDefault(r => r.Status == ItemStatus.Rejected) is { } rejected)
            throw new InvalidOperationException($"A showcase {what} was rejected: {rejected.Id}: " +
                string.Join("; ", rejected.Errors?.SelectMany(e => e.Value) ?? []));
        return result.Results.Count(r => r.Status == ItemStatus.Accepted);
    }
}
