using PartnerPortal.TestSupport;

namespace PartnerPortal.ClientTests;

/// <summary>
/// The main journeys of API.md driven through the client generated from <c>docs/api/openapi-v1.json</c> (ADR 0040): what
/// an integrator's generated code would send and read. A path, parameter, field or type the document gets wrong breaks
/// this project's build (the client is regenerated from the document) or these assertions.
/// </summary>
public sealed class MainJourneyTests(ClientHost host)
{
    private const string Quarter = "2064-Q1";
    private const int Year = 2064;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Polls <c>GET /api/v1/jobs/{jobId}</c> until the job has succeeded or failed, as a client would.</summary>
    private static async Task<JobView> FinishAsync(PortalApiClient client, string jobId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        while (true)
        {
            var job = await client.Api.V1.Jobs[jobId].GetAsync(cancellationToken: timeout.Token);
            Assert.Equal(jobId, job!.JobId);
            if (Wire.Of(job.State) is "succeeded" or "failed") return job;
            Assert.Contains(Wire.Of(job.State), new[] { "enqueued", "processing" });
            await Task.Delay(100, timeout.Token);
        }
    }

    private static ResponseBody Response(string partnerId, int touchpoint, int day) => new()
    {
        ResponseId = PortalTestHost.NewId("gc-r"),
        RespondedAt = new DateTimeOffset(2064, 2, day, 10, 0, 0, TimeSpan.FromHours(1)),
        Segment = Wire.Segment("private"),
        Channel = Wire.Channel("partner-shop"),
        PartnerId = partnerId,
        ShopId = partnerId + "-s",
        Scores = new ScoresBody { Touchpoint = touchpoint },
    };

    [Fact]
    public async Task Partner_responses_scores_plan_transactions_statements_approval_coaching_and_WKZ_through_the_generated_client()
    {
        var client = host.Client();
        var api = client.Api.V1;

        // Partners: PUT creates, GET reads back.
        string strong = PortalTestHost.NewId("gc"), weak = PortalTestHost.NewId("gc");
        foreach (var p in new[] { strong, weak })
        {
            var saved = await api.Partners[p].PutAsync(new PartnerBody
            {
                Name = "Partner " + p, Shops = [new ShopBody { ShopId = p + "-s", Name = "Shop " + p, City = "Köln" }],
            }, cancellationToken: Ct);
            Assert.Equal(p, saved!.PartnerId);
        }
        var read = await api.Partners[strong].GetAsync(cancellationToken: Ct);
        Assert.Equal("Partner " + strong, read!.Name);
        Assert.Equal([strong + "-s"], read.Shops!.Select(s => s.ShopId));

        // Responses batch: 40 touchpoint answers for the strong partner (24 promoters, 10 passives, 6 detractors: NPS 45),
        // 5 for the weak one (too few for a tier), and one invalid item, rejected with its errors.
        var scores = Enumerable.Repeat(10, 24).Concat(Enumerable.Repeat(7, 10)).Concat(Enumerable.Repeat(2, 6)).ToArray();
        var items = scores.Select((s, i) => Response(strong, s, 1 + i % 28)).Concat(Enumerable.Range(1, 5).Select(d => Response(weak, 9, d))).ToList();
        var invalid = Response(weak, 11, 6);
        items.Add(invalid);
        var batch = await api.Surveys.Responses.Batch.PostAsync(new ResponseBatchBody { Items = items }, cancellationToken: Ct);
        Assert.Equal(45, batch!.Accepted);
        Assert.Equal(1, batch.Rejected);
        Assert.Equal(0, batch.Duplicates);
        Assert.Equal(items.Select(i => i.ResponseId), batch.Results!.Select(r => r.Id));
        Assert.Equal(Enumerable.Range(0, items.Count), batch.Results!.Select(r => r.Index ?? -1));
        var rejected = Assert.Single(batch.Results!, r => Wire.Of(r.Status) == "rejected");
        Assert.Equal(invalid.ResponseId, rejected.Id);
        Assert.Contains("scores.touchpoint", rejected.Errors!.AdditionalData.Keys);

        // Score recalculation: 202 with a job, polled to succeeded; then the partner's summary.
        var scoring = await api.Scoring.Recalculations.PostAsync(new RecalculationBody { Quarter = Quarter }, cancellationToken: Ct);
        Assert.Equal("succeeded", Wire.Of((await FinishAsync(client, scoring!.JobId!)).State));
        var summary = await api.Scoring.Partners[strong].Summary.GetAsync(c =>
        {
            c.QueryParameters.Quarter = Quarter;
            c.QueryParameters.Segment = Wire.SummarySegment("private");
        }, Ct);
        Assert.Equal(strong, summary!.PartnerId);
        var touchpoint = summary.Dimensions!.Touchpoint!;
        Assert.Equal(45.0, touchpoint.Nps);
        Assert.Equal(40, touchpoint.N);
        Assert.Equal(24, touchpoint.Promoters);
        Assert.True(touchpoint.SufficientSample);
        Assert.Null(summary.Dimensions.Brand); // no brand answers: null (API.md)
        Assert.Equal(Quarter, summary.Trend!.Last().Quarter);

        // Plan, transactions, statement recalculation.
        var plan = await api.Incentives.Plans[Quarter].PutAsync(new PlanBody
        {
            BaseRates = new RatesBody { Mobile = 42.10, Fixed = 30 },
            Tiers =
            [
                new TierBody { MinNps = 0, UpliftPercent = 5, QualityBonusEur = 100 },
                new TierBody { MinNps = 30, UpliftPercent = 10, QualityBonusEur = 250 },
                new TierBody { MinNps = 50, UpliftPercent = 15, QualityBonusEur = 400 },
            ],
            MinSample = 30,
            TierBasis = Wire.TierBasis("point"),
            DefaultTargets = new TargetsBody { Mobile = 4, Fixed = 2 },
        }, cancellationToken: Ct);
        Assert.NotNull(plan);
        TransactionBody Sale(string partnerId, string category, int day) => new()
        {
            TransactionId = PortalTestHost.NewId("gc-t"), PartnerId = partnerId, Category = Wire.Category(category),
            OccurredAt = new DateTimeOffset(2064, 1, day, 10, 0, 0, TimeSpan.FromHours(1)),
        };
        var sales = await api.Incentives.Transactions.Batch.PostAsync(new TransactionBatchBody
        {
            Items = [Sale(strong, "mobile", 10), Sale(strong, "mobile", 11), Sale(strong, "mobile", 12), Sale(strong, "fixed", 13), Sale(weak, "mobile", 14)],
        }, cancellationToken: Ct);
        Assert.Equal(5, sales!.Accepted);
        Assert.All(sales.Results!, r => Assert.Equal("accepted", Wire.Of(r.Status)));
        var statements = await api.Incentives.Recalculations.PostAsync(new RecalculationBody { Quarter = Quarter }, cancellationToken: Ct);
        Assert.Equal("succeeded", Wire.Of((await FinishAsync(client, statements!.JobId!)).State));

        // With a tier: NPS 45 on 40 answers reaches "ab 30": mobile 3 × 42.10 = 126.30 + 10 % 12.63, fixed 30 + 3.00, bonus 250.
        var withTier = await api.Incentives.Statements[Quarter][strong].GetAsync(cancellationToken: Ct);
        Assert.Equal("draft", Wire.Of(withTier!.Status));
        Assert.Equal(45.0, withTier.Nps!.Value);
        Assert.Equal(40, withTier.Nps.N);
        Assert.Equal(30.0, withTier.Tier!.MinNps);
        Assert.Equal(10.0, withTier.Tier.UpliftPercent);
        Assert.Equal(421.93, withTier.Total!.Value, 2);
        Assert.Equal(
            [("base", "mobile", 126.30), ("uplift", "mobile", 12.63), ("base", "fixed", 30.0), ("uplift", "fixed", 3.0), ("bonus", null, 250.0)],
            withTier.Lines!.Select(l => (Wire.Of(l.Kind), Wire.Of(l.Category), Math.Round(l.Amount!.Value, 2))));
        // Without one: 5 answers are below the plan's minimum sample, so "tier": null and the base rate only.
        var noTier = await api.Incentives.Statements[Quarter][weak].GetAsync(cancellationToken: Ct);
        Assert.Null(noTier!.Tier);
        Assert.False(noTier.Nps!.SufficientSample);
        Assert.Equal(42.10, noTier.Total!.Value, 2);

        // Approval, once; a second one is 409 with problem details.
        // The body is optional on the wire (old clients send none); the generated client sends an empty one.
        var approved = await api.Incentives.Statements[Quarter][strong].Approve.PostAsync(new Generated.Models.ApproveRequest(), cancellationToken: Ct);
        Assert.Equal("approved", Wire.Of(approved!.Status));
        var twice = await Assert.ThrowsAnyAsync<ApiException>(() => api.Incentives.Statements[Quarter][strong].Approve.PostAsync(new Generated.Models.ApproveRequest(), cancellationToken: Ct));
        Assert.Equal(409, twice.ResponseStatusCode);
        var audit = await api.Audit.GetAsync(c =>
        {
            c.QueryParameters.Action = "statement.approved";
            c.QueryParameters.PartnerId = strong;
        }, Ct);
        Assert.Single(audit!.Items!);
        Assert.Null(audit.Next);

        // Coaching from request to delivery, settled from WKZ; then the WKZ account.
        await api.Training.Programmes[Year].PutAsync(new ProgrammeBody
        {
            TargetCoachingDays = 20,
            TopicMix = new TopicMixBody { AdditionalData = { ["sales-conversation"] = 70, ["leadership-motivation"] = 30 } },
            CoachingDayRateEur = 1000,
            PartnerSharePercent = 40,
        }, cancellationToken: Ct);
        var allocation = await api.Training.Partners[strong].Wkz.Allocations.PostAsync(new WkzPostingBody { AmountEur = 600, Reason = "Budget 2064" },
            cancellationToken: Ct);
        Assert.Equal(600.0, allocation!.BalanceAfterEur);
        var booking = await api.Training.CoachingBookings.PostAsync(new BookingBody
        {
            PartnerId = strong, ShopId = strong + "-s", Date = Wire.Date("2064-06-15"), Topic = Wire.Topic("sales-conversation"), Days = 1.5,
            Participants = 6, WkzPercent = 100,
        }, cancellationToken: Ct);
        Assert.Equal("requested", Wire.Of(booking!.Status));
        Assert.Equal("2064-06-15", Wire.Of(booking.Date)); // format: date, read back as Kiota's Date
        Assert.Equal("sales-conversation", Wire.Of(booking.Topic));
        Assert.Null(booking.Charges);
        var confirmed = await api.Training.CoachingBookings[booking.BookingId!].Confirm.PostAsync(cancellationToken: Ct);
        Assert.Equal("confirmed", Wire.Of(confirmed!.Status));
        // Delivery is never before the booking's date (409): this request's "now" is the day itself (RequestClock).
        var delivered = await api.Training.CoachingBookings[booking.BookingId!].Deliver.PostAsync(new DeliverBody { WkzPercent = 100 },
            c => c.Headers.Add(RequestClock.Header, RequestClock.Format(new DateTimeOffset(2064, 6, 15, 12, 0, 0, TimeSpan.FromHours(2)))), Ct);
        Assert.Equal("delivered", Wire.Of(delivered!.Status));
        // 1.5 days × 1,000 = 1,500: the partner's 40 % is 600, all of it from WKZ; the operator pays 900.
        var charges = delivered.Charges!;
        Assert.Equal(1500.0, charges.TotalEur);
        Assert.Equal(900.0, charges.OperatorEur);
        Assert.Equal(600.0, charges.PartnerEur);
        Assert.Equal(600.0, charges.WkzEur);
        Assert.Equal(0.0, charges.InvoicedEur);
        var bookings = await api.Training.CoachingBookings.GetAsync(c =>
        {
            c.QueryParameters.PartnerId = strong;
            c.QueryParameters.Year = Year;
        }, Ct);
        Assert.Equal([booking.BookingId], bookings!.Items!.Select(b => b.BookingId));
        Assert.Null(bookings.Next);

        var wkz = await api.Training.Partners[strong].Wkz.GetAsync(cancellationToken: Ct);
        Assert.Equal(0.0, wkz!.BalanceEur);
        Assert.Equal(0.0, wkz.ReservedEur);
        Assert.Equal([("charge", -600.0), ("allocation", 600.0)], wkz.Entries!.Select(e => (Wire.Of(e.Kind), e.AmountEur ?? double.NaN)));
        Assert.Null(wkz.Next);
    }
}
