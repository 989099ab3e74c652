using PartnerPortal.BuildingBlocks.Jobs;
using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Elearning;
using PartnerPortal.Training.Kpis;
using PartnerPortal.Training.Programmes;
using PartnerPortal.Training.Sessions;

namespace PartnerPortal.Training;

/// <summary>The Training module's whole API, one use case per route (each in its own file). Administrative routes
/// (programmes, confirm and deliver, sessions, attendance, recalculations) are back office's: partner-bound callers are
/// refused whatever their scopes. The WKZ routes under the same path are the Funds module's (ADR 0035).</summary>
internal sealed class TrainingEndpoints : ApiModule
{
    protected override string BasePath => "/api/v1/training";
    protected override string Tag => "Training";

    protected override void MapEndpoints(RouteGroupBuilder api)
    {
        api.MapPut("/programmes/{year}", PutProgramme.Endpoint)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Create or replace a year's programme: target coaching days, topic mix (sums to 100), day rate, partner share.")
            .Produces<ProgrammeView>(StatusCodes.Status201Created)
            .Produces<ProgrammeView>()
            .ProducesValidationProblem();
        api.MapGet("/programmes/{year}", GetProgramme.Endpoint)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("A year's programme.")
            .Produces<ProgrammeView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/coaching-bookings", RequestBooking.Endpoint)
            .RequireScope(Scopes.TrainingWrite)
            .WithSummary("Request an on-site coaching (days in half-day steps) in a programme year; wkzPercent is the share of the partner's part to settle from WKZ.")
            .Produces<BookingView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/coaching-bookings", ListBookings.Endpoint)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("Coaching bookings, newest date first; page with ?after={next}&limit (1-1000, default 100); a partner sees its own.")
            .Produces<BookingPage>()
            .ProducesValidationProblem();
        api.MapGet("/coaching-bookings/price-preview", PricePreview.Endpoint)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("What a coaching would cost before it is requested: days × day rate, the partner's share, the WKZ part it would earmark now (min(wanted, available)) and the expected invoice. Stores nothing.")
            .Produces<PriceQuote>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/coaching-bookings/{bookingId}", GetBooking.Endpoint)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("One coaching booking, with its charges once delivered.")
            .Produces<BookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/coaching-bookings/{bookingId}/cancel", CancelBooking.Endpoint)
            .RequireScope(Scopes.TrainingWrite)
            .WithSummary("Cancel a requested or confirmed booking; anything else is 409.")
            .Produces<BookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/coaching-bookings/{bookingId}/confirm", ConfirmBooking.Endpoint)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Confirm a requested booking; anything else is 409.")
            .Produces<BookingView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/coaching-bookings/{bookingId}/deliver", DeliverBooking.Endpoint)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Record a confirmed booking as delivered, on or after its date (Berlin; before it is 409), and charge it: WKZ pays min(balance, partner share × wkzPercent), the rest is invoiced. With expectedWkzEur/expectedInvoiceEur, other amounts are 409 and nothing changes.")
            .Produces<BookingView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/elearning-completions/batch", PostCompletions.Endpoint)
            .RequireScope(Scopes.TrainingWrite)
            .WithSummary("Store up to 10,000 e-learning completions, idempotent by completionId; one result per item.")
            .Accepts<CompletionBatch>("application/json")
            .Produces<BatchResult>()
            .ProducesValidationProblem();

        api.MapPost("/sessions", CreateSession.Endpoint)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Create an in-person session (Präsenzschulung) with a number of seats.")
            .Produces<SessionView>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        api.MapGet("/sessions", ListSessions.Endpoint)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("Sessions by date; page with ?after={next}&limit (1-1000, default 100); a partner sees the seat counts and only its own registrations.")
            .Produces<SessionPage>()
            .ProducesValidationProblem();
        api.MapGet("/sessions/{sessionId}", GetSession.Endpoint)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("One session.")
            .Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/sessions/{sessionId}/registrations", RegisterForSession.Endpoint)
            .RequireScope(Scopes.TrainingWrite)
            .WithSummary("Register a person; 409 when the session is full. Registering the same person again answers 200.")
            .Produces<SessionView>(StatusCodes.Status201Created)
            .Produces<SessionView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/sessions/{sessionId}/attendance", RecordAttendance.Endpoint)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Record the roll call { attended: [personId, …] }: listed people attended, the other registered people did not.")
            .Produces<SessionView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/kpis/{year}", GetKpis.Endpoint)
            .RequireScope(Scopes.TrainingRead)
            .WithSummary("The year's KPIs for the programme, or ?partnerId= for one partner (a partner always gets its own).")
            .Produces<KpiView>()
            .ProducesValidationProblem();
        api.MapPost("/recalculations", RequestRecalculation.Endpoint)
            .RequireScope(Scopes.TrainingAdmin)
            .RequireUnboundCaller()
            .WithSummary("Recalculate a year's KPI documents in the background { year }; answers 202 with the job id.")
            .Produces<JobAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();
    }
}
