using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Incentives;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Incentives;

/// <summary>DOMAIN.md "Commission": plans per quarter, validated, frozen once a statement is approved. Owns 2032.</summary>
public sealed class PlanTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Plan(decimal mobile = 12.50m, decimal @fixed = 20m, object[]? tiers = null, int? minSample = 30, string? tierBasis = "point") => new
    {
        baseRates = new { mobile, @fixed },
        tiers = tiers ?? [new { minNps = 0, upliftPercent = 5, qualityBonusEur = 100 }, new { minNps = 30, upliftPercent = 10, qualityBonusEur = 250.50m }],
        minSample,
        tierBasis,
        defaultTargets = new { mobile = 100, @fixed = 40 },
    };

    [Fact]
    public async Task A_plan_is_created_then_replaced_and_read_back()
    {
        using var admin = host.Admin();
        var created = await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2032-Q1", Plan(), Ct)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(12.50m, created.GetProperty("baseRates").GetProperty("mobile").GetDecimal());
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2032-Q1", Plan(mobile: 13m, tierBasis: "ci-low"), Ct)).EnsureStatus(HttpStatusCode.OK);
        var read = await (await admin.GetAsync("/api/v1/incentives/plans/2032-Q1", Ct)).JsonAsync();
        Assert.Equal(13m, read.GetProperty("baseRates").GetProperty("mobile").GetDecimal());
        Assert.Equal("ci-low", read.GetProperty("tierBasis").GetString());
        Assert.Equal(250.50m, read.GetProperty("tiers")[1].GetProperty("qualityBonusEur").GetDecimal());
        Assert.Equal(100, read.GetProperty("defaultTargets").GetProperty("mobile").GetInt32());
    }

    public static TheoryData<string, object, string> InvalidPlans => new()
    {
        { "negative rate", Plan(mobile: -1m), "baseRates.mobile" },
        { "rate with three decimals", Plan(@fixed: 1.005m), "baseRates.fixed" },
        { "tiers out of order", Plan(tiers: [new { minNps = 30, upliftPercent = 10, qualityBonusEur = 0 }, new { minNps = 0, upliftPercent = 5, qualityBonusEur = 0 }]), "tiers[1].minNps" },
        { "tier twice", Plan(tiers: [new { minNps = 30, upliftPercent = 10, qualityBonusEur = 0 }, new { minNps = 30, upliftPercent = 12, qualityBonusEur = 0 }]), "tiers[1].minNps" },
        { "minNps above 100", Plan(tiers: [new { minNps = 101, upliftPercent = 1, qualityBonusEur = 0 }]), "tiers[0].minNps" },
        { "uplift above 100 %", Plan(tiers: [new { minNps = 0, upliftPercent = 101, qualityBonusEur = 0 }]), "tiers[0].upliftPercent" },
        { "negative uplift", Plan(tiers: [new { minNps = 0, upliftPercent = -1, qualityBonusEur = 0 }]), "tiers[0].upliftPercent" },
        { "negative bonus", Plan(tiers: [new { minNps = 0, upliftPercent = 1, qualityBonusEur = -5 }]), "tiers[0].qualityBonusEur" },
        { "unknown basis", Plan(tierBasis: "median"), "tierBasis" },
        { "minimum sample 0", Plan(minSample: 0), "minSample" },
        { "no rates", new { tiers = Array.Empty<object>() }, "baseRates" },
        { "negative target", new { baseRates = new { mobile = 1, @fixed = 1 }, defaultTargets = new { mobile = -1 } }, "defaultTargets.mobile" },
    };

    [Theory]
    [MemberData(nameof(InvalidPlans))]
    public async Task Invalid_plans_are_400_with_the_field_and_store_nothing(string rule, object plan, string field)
    {
        using var admin = host.Admin();
        var problem = await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2032-Q4", plan, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors(field).Length > 0, $"{rule}: no error for {field} in {problem}");
        await (await admin.GetAsync("/api/v1/incentives/plans/2032-Q4", Ct)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_quarter_that_is_not_one_is_400()
    {
        using var admin = host.Admin();
        Assert.NotEmpty((await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2032-Q5", Plan(), Ct)).ProblemAsync(HttpStatusCode.BadRequest)).Errors("quarter"));
    }

    [Fact]
    public async Task Partner_targets_need_a_plan_and_a_known_partner()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/2032-Q2/targets/{partnerId}", new { mobile = 10, @fixed = 5 }, Ct)).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2032-Q2", Plan(), Ct)).EnsureStatus(HttpStatusCode.Created);
        await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/2032-Q2/targets/{PortalHost.NewId("p")}", new { mobile = 10, @fixed = 5 }, Ct)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.NotEmpty((await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/2032-Q2/targets/{partnerId}", new { mobile = -3, @fixed = 5 }, Ct))
            .ProblemAsync(HttpStatusCode.BadRequest)).Errors("mobile"));

        var plan = await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/2032-Q2/targets/{partnerId}", new { mobile = 10, @fixed = 5 }, Ct)).JsonAsync();
        Assert.Equal(10, plan.GetProperty("partnerTargets").GetProperty(partnerId).GetProperty("mobile").GetInt32());
        // Replacing the plan keeps the partner targets.
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2032-Q2", Plan(mobile: 11m), Ct)).EnsureStatus(HttpStatusCode.OK);
        var read = await (await admin.GetAsync("/api/v1/incentives/plans/2032-Q2", Ct)).JsonAsync();
        Assert.Equal(5, read.GetProperty("partnerTargets").GetProperty(partnerId).GetProperty("fixed").GetInt32());
    }

    [Fact]
    public async Task A_plan_is_frozen_once_a_statement_of_its_quarter_is_approved()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2032-Q3", Plan(), Ct)).EnsureStatus(HttpStatusCode.Created);
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2032-Q3", Plan(mobile: 14m), Ct)).EnsureStatus(HttpStatusCode.OK); // a draft does not freeze

        await using (var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Store(new Statement { Id = $"2032-Q3|{partnerId}", Quarter = "2032-Q3", PartnerId = partnerId, Status = StatementStatus.Draft });
            await session.SaveChangesAsync(Ct);
        }
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2032-Q3", Plan(mobile: 15m), Ct)).EnsureStatus(HttpStatusCode.OK);

        await using (var session = host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.Store(new Statement { Id = $"2032-Q3|{partnerId}", Quarter = "2032-Q3", PartnerId = partnerId, Status = StatementStatus.Approved });
            await session.SaveChangesAsync(Ct);
        }
        await (await admin.PutAsJsonAsync("/api/v1/incentives/plans/2032-Q3", Plan(mobile: 99m), Ct)).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PutAsJsonAsync($"/api/v1/incentives/plans/2032-Q3/targets/{partnerId}", new { mobile = 1 }, Ct)).ProblemAsync(HttpStatusCode.Conflict);
        var read = await (await admin.GetAsync("/api/v1/incentives/plans/2032-Q3", Ct)).JsonAsync();
        Assert.Equal(15m, read.GetProperty("baseRates").GetProperty("mobile").GetDecimal());
    }

    [Fact]
    public async Task Plans_need_the_plans_write_scope()
    {
        using var reader = host.WithKey(await host.CreateKeyAsync([Scopes.StatementsRead]));
        await (await reader.PutAsJsonAsync("/api/v1/incentives/plans/2032-Q1", Plan(), Ct)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.GetAsync("/api/v1/incentives/plans/2032-Q1", Ct)).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
