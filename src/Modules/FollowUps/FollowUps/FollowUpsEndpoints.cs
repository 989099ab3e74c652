using PartnerPortal.FollowUps.Cases;
using PartnerPortal.FollowUps.Stats;

namespace PartnerPortal.FollowUps;

/// <summary>The FollowUps module's whole API (API.md "Follow-up of detractors"). A partner-bound caller sees and moves
/// its own partner's cases only; another partner's case is answered like an unknown one (404).</summary>
internal sealed class FollowUpsEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1/followups";
    protected override string Tag => "FollowUps";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapGet("", ListCases.Endpoint)
            .RequireScope(Scopes.FollowUpsRead)
            .WithSummary("Follow-up cases of detractor responses, oldest due first, with filters and cursor paging (a partner sees its own only).")
            .Produces<CasePage>()
            .ProducesValidationProblem();
        api.MapGet("/stats", GetStats.Endpoint)
            .RequireScope(Scopes.FollowUpsRead)
            .WithSummary("A quarter's follow-up figures of one partner (or all): opened, closed in time, closed late, open, overdue, the closed-loop rate in percent (null without cases) and the root-cause mix.")
            .Produces<StatsView>()
            .ProducesValidationProblem();
        api.MapPost("/{caseId}/start", StartCase.Endpoint)
            .RequireScope(Scopes.FollowUpsWrite)
            .WithSummary("Start working an open case; any other state is 409.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{caseId}/close", CloseCase.Endpoint)
            .RequireScope(Scopes.FollowUpsWrite)
            .WithSummary("Close an open or in-progress case with root cause, action and note (at most 2,000 characters); a closed case is 409.")
            .Accepts<CloseCaseRequest>("application/json")
            .Produces<CaseView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{caseId}/reopen", ReopenCase.Endpoint)
            .RequireScope(Scopes.FollowUpsWrite)
            .WithSummary("Reopen a closed case, once; otherwise 409.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
