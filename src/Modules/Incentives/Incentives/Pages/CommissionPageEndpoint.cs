using PartnerPortal.Incentives.Plans;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Incentives.Statements;

namespace PartnerPortal.Incentives.Pages;

/// <summary><c>/provision</c>: the signed-in partner's statement (back office picks a partner with <c>?partnerId=</c>).</summary>
internal static class CommissionPageEndpoint
{
    public static void Map(IEndpointRouteBuilder pages) =>
        pages.MapGet("/provision", async (string? quarter, string? whatIf, string? partnerId, HttpContext http, Caller caller,
                IDocumentStore store, IQuerySession session, IPartnerDirectory partners, TimeProvider clock, CancellationToken ct) =>
            {
                // A partner user editing the URL to another partner gets 403, as the API's partner guard answers.
                if (!string.IsNullOrEmpty(partnerId) && !caller.CanAccessPartner(partnerId)) return Results.Forbid();
                var partner = caller.PartnerId ?? (string.IsNullOrEmpty(partnerId) ? null : partnerId);
                var current = Quarter.TryParse(quarter, out var q) ? q : Quarter.Of(clock.GetUtcNow());
                var options = new List<string>();
                for (var o = Quarter.Of(clock.GetUtcNow()); options.Count < 8; o = o.Previous()) options.Add(o.ToString());
                if (!options.Contains(current.ToString())) options.Insert(0, current.ToString());
                StatementView? statement = null, projected = null;
                if (partner is not null)
                {
                    // No statement (yet) and a what-if the page cannot compute (no plan, no number) both show as nothing.
                    if (await GetStatement.HandleAsync(current.ToString(), partner, session, ct) is { Succeeded: true } found)
                        statement = StatementView.Of(found.Value!);
                    if (!string.IsNullOrWhiteSpace(whatIf)
                        && await WhatIfStatement.HandleAsync(current.ToString(), partner, whatIf.Replace(',', '.'), store, session, clock, ct) is { Succeeded: true } w)
                        projected = StatementView.Of(w.Value!);
                }
                return (IResult)PortalPages.Page<CommissionPage>(new
                {
                    Quarter = current.ToString(),
                    // Back office looks at one partner's statement: the page names it and keeps it in its form.
                    PartnerId = caller.IsPartnerBound ? null : partner,
                    IsBackOffice = caller.IsBackOffice,
                    PartnerName = caller.IsPartnerBound || partner is null ? null : (await partners.FindAsync(partner, ct))?.Name ?? partner,
                    QuarterOptions = options,
                    Statement = statement,
                    WhatIf = projected,
                    WhatIfNps = projected?.WhatIf?.Nps,
                    Plan = await session.LoadAsync<CommissionPlan>(current.ToString(), ct),
                });
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.StatementsRead));
}
