using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Incentives.Plans;
using PartnerPortal.Incentives.Statements;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Incentives.Pages;

/// <summary><c>/provision</c>: the signed-in partner's statement (back office picks a partner with <c>?partnerId=</c>).</summary>
internal static class CommissionPageEndpoint
{
    public static void Map(IEndpointRouteBuilder pages) =>
        pages.MapGet("/provision", async (string? quarter, string? whatIf, string? partnerId, HttpContext http, Caller caller,
                IDocumentStore store, IQuerySession session, TimeProvider clock, CancellationToken ct) =>
            {
                var partner = caller.PartnerId ?? partnerId;
                var current = Quarter.TryParse(quarter, out var q) ? q : Quarter.Of(clock.GetUtcNow());
                var options = new List<string>();
                for (var o = Quarter.Of(clock.GetUtcNow()); options.Count < 8; o = o.Previous()) options.Add(o.ToString());
                if (!options.Contains(current.ToString())) options.Insert(0, current.ToString());
                StatementView? statement = null, projected = null;
                if (partner is not null)
                {
                    if (await StatementEndpoints.Get(current.ToString(), partner, session, ct) is Ok<StatementView> found) statement = found.Value;
                    if (!string.IsNullOrWhiteSpace(whatIf)
                        && await StatementEndpoints.WhatIf(current.ToString(), partner, whatIf.Replace(',', '.'), store, session, clock, ct) is Ok<StatementView> w)
                        projected = w.Value;
                }
                return PortalPages.Page<CommissionPage>(new
                {
                    Quarter = current.ToString(),
                    QuarterOptions = options,
                    Statement = statement,
                    WhatIf = projected,
                    WhatIfNps = projected is null ? null : whatIf,
                    Plan = await session.LoadAsync<CommissionPlan>(current.ToString(), ct),
                });
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.StatementsRead));
}
