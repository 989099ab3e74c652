using PartnerPortal.Partners.ApiKeys;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Partners.Directory;
using PartnerPortal.Partners.Logins;

namespace PartnerPortal.Partners;

/// <summary>The Partners module's whole API: the partner directory, logins and API keys.</summary>
internal sealed class PartnersEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1";
    protected override string Tag => "Partners";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapPut("/partners/{partnerId}", PutPartner.Handle)
            .RequireScope(Scopes.PartnersWrite)
            .WithSummary("Create or replace a partner and its shops.")
            .Produces<PartnerInfo>(StatusCodes.Status201Created)
            .Produces<PartnerInfo>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/partners/{partnerId}", GetPartner.Handle)
            .RequireScope(Scopes.PartnersRead)
            .WithSummary("A partner with its shops.")
            .Produces<PartnerInfo>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/users", CreateUser.Handle)
            .RequireScope(Scopes.UsersWrite)
            .WithSummary("Create a portal login (partner or back office).")
            .Produces<UserCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/api-keys", CreateApiKey.Handle)
            .RequireScope(Scopes.UsersWrite)
            .WithSummary("Issue an API key; the key is in this answer only. Never with more scopes or less binding than the caller has; "
                         + "a key bound to a partner never carries a scope only back office can use (400: plans:write, statements:approve, "
                         + "statements:recalculate, scoring:recalculate, surveys:review, audit:read, training:admin).")
            .Produces<ApiKeyCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
    }
}
