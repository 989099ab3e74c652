using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.SharedKernel;
using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Elearning;
using PartnerPortal.Training.Kpis;
using PartnerPortal.Training.Programmes;
using PartnerPortal.Training.Sessions;
using PartnerPortal.Training.Wkz;

namespace PartnerPortal.Training;

/// <summary>The Training module's whole API. Administrative routes (programmes, confirm and deliver, WKZ postings, sessions,
/// attendance, recalculations) are back office's: partner-bound callers are refused whatever their scopes.</summary>
internal sealed class TrainingEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1/training";
    protected override string Tag => "Training";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapPut("/programmes/{year}", ProgrammeEndpoints.Put)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Create or replace a year's programme: target coaching days, topic mix (sums to 100), day rate, partner share.")
            .Produces<ProgrammeView>(StatusCodes.Status201Created)
            .Produces<ProgrammeView>()
            .ProducesValidationProblem();
        api.MapGet("/programmes/{year}", ProgrammeEndpoints.Get)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("A year's programme.")
            .Produces<ProgrammeView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/coaching-bookings", BookingEndpoints.Create)
            .RequireScope(Scopes.TrainingWrite)
            .WithSummary("Request an on-site coaching (days in half-day steps) in a programme year; wkzPercent is the share of the partner's part to settle from WKZ.")
            .Produces<BookingView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/coaching-bookings", BookingEndpoints.List)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("Coaching bookings, newest date first (at most 1,000); a partner sees its own.")
            .Produces<BookingView[]>()
            .ProducesValidationProblem();
        api.MapGet("/coaching-bookings/{bookingId}", BookingEndpoints.Get)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("One coaching booking, with its charges once delivered.")
            .Produces<BookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/coaching-bookings/{bookingId}/cancel", BookingEndpoints.Cancel)
            .RequireScope(Scopes.TrainingWrite)
            .WithSummary("Cancel a requested or confirmed booking; anything else is 409.")
            .Produces<BookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/coaching-bookings/{bookingId}/confirm", BookingEndpoints.Confirm)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Confirm a requested booking; anything else is 409.")
            .Produces<BookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/coaching-bookings/{bookingId}/deliver", BookingEndpoints.Deliver)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Record a confirmed booking as delivered and charge it: WKZ pays min(balance, partner share × wkzPercent), the rest is invoiced.")
            .Produces<BookingView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/partners/{partnerId}/wkz", WkzEndpoints.Get)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("A partner's WKZ balance, what open bookings earmark, and the ledger (newest first, at most 200 entries).")
            .Produces<WkzAccountView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/partners/{partnerId}/wkz/allocations", WkzEndpoints.Allocate)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Credit WKZ budget to a partner.")
            .Produces<WkzEntryView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/partners/{partnerId}/wkz/adjustments", WkzEndpoints.Adjust)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Correct a partner's WKZ balance by a signed amount; refused (409) when the balance would become negative.")
            .Produces<WkzEntryView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/elearning-completions/batch", CompletionBatches.Post)
            .RequireScope(Scopes.TrainingWrite)
            .WithSummary("Store up to 10,000 e-learning completions, idempotent by completionId; one result per item.")
            .Accepts<CompletionBatch>("application/json")
            .Produces<BatchResult>()
            .ProducesValidationProblem();

        api.MapPost("/sessions", SessionEndpoints.Create)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Create an in-person session (Präsenzschulung) with a number of seats.")
            .Produces<SessionView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        api.MapGet("/sessions", SessionEndpoints.List)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("Sessions by date; a partner sees the seat counts and only its own registrations.")
            .Produces<SessionView[]>();
        api.MapGet("/sessions/{sessionId}", SessionEndpoints.Get)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("One session.")
            .Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/sessions/{sessionId}/registrations", SessionEndpoints.Register)
            .RequireScope(Scopes.TrainingWrite)
            .WithSummary("Register a person; 409 when the session is full. Registering the same person again answers 200.")
            .Produces<SessionView>(StatusCodes.Status201Created)
            .Produces<SessionView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/sessions/{sessionId}/attendance", SessionEndpoints.Attendance)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Record the roll call { attended: [personId, …] }: listed people attended, the other registered people did not.")
            .Produces<SessionView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/kpis/{year}", KpiEndpoints.Get)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("The year's KPIs for the programme, or ?partnerId= for one partner (a partner always gets its own).")
            .Produces<KpiView>()
            .ProducesValidationProblem();
        api.MapPost("/recalculations", KpiEndpoints.Recalculate)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Recalculate a year's KPI documents in the background { year }; answers 202 with the job id.")
            .Produces<JobAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
    }
}
