using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.Surveys;

/// <summary>The Surveys module's whole API.</summary>
internal sealed class SurveysEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1/surveys";
    protected override string Tag => "Surveys";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        // The survey API (responses, batches, CSV import, listing) arrives with the Surveys issue.
    }
}
