using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.Incentives.Plans;
using PartnerPortal.Incentives.Sales;
using PartnerPortal.Incentives.Statements;

namespace PartnerPortal.Incentives;

/// <summary>The Incentives module's whole API, one use case per route (each in its own file). Plans, targets, the payout
/// export, approvals and recalculations concern every partner or are back office's decisions: partner-bound callers are
/// refused (<c>RequireUnboundCaller</c>).</summary>
internal sealed class IncentivesEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1/incentives";
    protected override string Tag => "Incentives";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapRecalculation<IncentivesRecalculation>(Scopes.StatementsRecalculate,
            "Recalculate a quarter's statements in the background; answers 202 with the job id.",
            quarter => j => j.RunAsync(quarter, CancellationToken.None));

        api.MapPut("/plans/{quarter}", PutPlan.Endpoint)
            .RequireScope(Scopes.PlansWrite)
            .RequireUnboundCaller()
            .WithSummary("Create or replace a quarter's commission plan (refused once a statement of the quarter is approved).")
            .Produces<PlanView>(StatusCodes.Status201Created)
            .Produces<PlanView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPut("/plans/{quarter}/targets/{partnerId}", PutTargets.Endpoint)
            .RequireScope(Scopes.PlansWrite)
            .RequireUnboundCaller()
            .WithSummary("Set a partner's quarterly volume targets in the quarter's plan.")
            .Produces<PlanView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/transactions/batch", PostTransactions.Endpoint)
            .RequireScope(Scopes.TransactionsWrite)
            .WithSummary("Store up to 10,000 sales transactions, idempotent by transactionId; one result per item.")
            .Accepts<TransactionBatch>("application/json")
            .Produces<BatchResult>()
            .ProducesValidationProblem();

        api.MapPost("/cancellations/batch", PostCancellations.Endpoint)
            .RequireScope(Scopes.TransactionsWrite)
            .WithSummary("Store up to 10,000 cancellations of known transactions; a second one of a transaction is a duplicate.")
            .Accepts<CancellationBatch>("application/json")
            .Produces<BatchResult>()
            .ProducesValidationProblem();

        api.MapGet("/statements/{quarter}.csv", ExportStatements.Endpoint)
            .RequireScope(Scopes.StatementsRead)
            .RequireUnboundCaller()
            .WithSummary("Every partner's latest statement of a quarter, one CSV row per line, for payout (back office); ?format=excel-de for German Excel.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/statements", ListStatements.Endpoint)
            .RequireScope(Scopes.StatementsRead)
            .RequireUnboundCaller()
            .WithSummary("Every partner's latest statement of ?quarter= (back office), by partner id, optionally only ?status=draft|approved; "
                + "page with ?after={next}&limit (1-1000, default 100). The revisions are what POST /statements/{quarter}/approve confirms.")
            .Produces<StatementPage>()
            .ProducesValidationProblem();

        api.MapPost("/statements/{quarter}/approve", ApproveQuarter.Endpoint)
            .RequireScope(Scopes.StatementsApprove)
            .RequireUnboundCaller()
            .WithSummary("Approve the confirmed statements of a quarter in one step (back office; \"Alle freigeben\"). Body { statements: [ { partnerId, revision } ], "
                + "beforeQuarterEnd }: statements approved meanwhile are reported, not approved twice; partners with open appeals are left out and named; "
                + "a newer revision, a missing statement or a changed plan refuses the whole step (409, nothing approved); the running quarter needs beforeQuarterEnd.")
            .Produces<QuarterApprovalView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/statements/{quarter}/{partnerId}", GetStatement.Endpoint)
            .RequireScope(Scopes.StatementsRead)
            .WithSummary("A partner's statement of a quarter: the latest revision, with its explanation.")
            .Produces<StatementView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/statements/{quarter}/{partnerId}/what-if", WhatIfStatement.Endpoint)
            .RequireScope(Scopes.StatementsRead)
            .WithSummary("The statement recomputed as if the tier-basis NPS were ?nps= with a sufficient sample; nothing is stored.")
            .Produces<StatementView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/statements/{quarter}/{partnerId}/approve", ApproveStatement.Endpoint)
            .RequireScope(Scopes.StatementsApprove)
            .RequireUnboundCaller()
            .WithSummary("Approve a draft statement (back office); an approved statement never changes. Optional body { revision, beforeQuarterEnd }: "
                + "the revision confirmed (409 when it is no longer the latest), and true to approve the running quarter (409 without).")
            .Produces<StatementView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/plans/{quarter}", GetPlan.Endpoint)
            .RequireScope(Scopes.PlansWrite)
            .RequireUnboundCaller()
            .WithSummary("A quarter's commission plan (back office).")
            .Produces<PlanView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
