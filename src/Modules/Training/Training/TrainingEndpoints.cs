using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Training;

/// <summary>The Training module's whole API.</summary>
internal sealed class TrainingEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1/training";
    protected override string Tag => "Training";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        // The training API (programmes, bookings, WKZ, sessions, KPIs) arrives with the Training issue.
    }
}
