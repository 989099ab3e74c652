using PartnerPortal.Funds.Ledger;

namespace PartnerPortal.Funds;

/// <summary>The Funds module's whole API. The WKZ routes kept their Training paths, tag and scopes (clients depend on
/// them, ADR 0035); postings are back office's: partner-bound callers are refused whatever their scopes.</summary>
internal sealed class FundsEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1/training";
    protected override string Tag => "Training";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapGet("/partners/{partnerId}/wkz", GetWkzAccount.Endpoint)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("A partner's WKZ balance, what open bookings earmark, and the ledger newest first: 'entries' holds one page "
                         + "(limit 1-1000, default 200), 'next' the cursor to send as ?after= for the page after it.")
            .Produces<WkzAccountView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/partners/{partnerId}/wkz/allocations", AllocateWkz.Endpoint)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Credit WKZ budget to a partner.")
            .Produces<WkzEntryView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/partners/{partnerId}/wkz/adjustments", AdjustWkz.Endpoint)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Correct a partner's WKZ balance by a signed amount; refused (409) when the balance would become negative.")
            .Produces<WkzEntryView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
