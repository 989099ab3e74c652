using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Incentives;

/// <summary>The Incentives module's whole API.</summary>
internal sealed class IncentivesEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1/incentives";
    protected override string Tag => "Incentives";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapRecalculation<IncentivesRecalculation>(Scopes.StatementsRecalculate,
            "Recalculate a quarter's statements in the background; answers 202 with the job id.",
            quarter => j => j.RunAsync(quarter, CancellationToken.None));
    }
}
