using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.SharedKernel;
using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Kpis;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Pages;

/// <summary>
/// <c>/schulungen</c> (the partner's coaching, costs and WKZ) and <c>/schulungen/programm</c> (back office: progress,
/// topic mix, bookings to confirm and deliver, WKZ allocations). Every form calls the same use case as the API and maps
/// its outcome (<see cref="FormOutcome"/>): a redirect with a message, or the page again with the errors.
/// </summary>
internal static class TrainingPageEndpoints
{
    private static readonly string TrainingWrite = ScopeAuthorization.PolicyName(Scopes.TrainingWrite);
    private static readonly string TrainingAdmin = ScopeAuthorization.PolicyName(Scopes.TrainingAdmin);

    /// <summary>What a successful action shows after its redirect (codes, so a link cannot make the page say anything else).</summary>
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["gebucht"] = "Ihre Coaching-Anfrage ist eingegangen.",
        ["storniert"] = "Die Buchung ist storniert.",
        ["bestaetigt"] = "Die Buchung ist bestätigt.",
        ["durchgefuehrt"] = "Das Coaching ist als durchgeführt erfasst und abgerechnet.",
        ["wkz"] = "Das WKZ-Budget ist gutgeschrieben.",
    };

    public static void Map(IEndpointRouteBuilder pages)
    {
        pages.MapGet("/schulungen", async (string? meldung, Caller caller, IPartnerDirectory partners, IQuerySession session, IWkzFunds funds,
                TimeProvider clock, CancellationToken ct) =>
            caller.PartnerId is null
                ? Results.Redirect("/schulungen/programm")
                : await PartnerPageAsync(caller.PartnerId, new BookingForm(), Message(meldung), StatusCodes.Status200OK, partners, session, funds, clock, ct))
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.TrainingRead));

        pages.MapPost("/schulungen/buchen", async ([FromForm] BookingForm form, Caller caller, IPartnerDirectory partners, IDocumentSession session,
                IQuerySession query, IWkzFunds funds, TimeProvider clock, CancellationToken ct) =>
            {
                if (caller.PartnerId is not { } partnerId) return Problems.Forbidden("Only a partner books coaching through this page.");
                var request = new BookingRequest(partnerId, form.ShopId, form.Date, form.Topic, FormValues.Decimal(form.Days),
                    FormValues.Integer(form.Participants), FormValues.Decimal(form.WkzPercent) ?? 0m);
                var outcome = await RequestBooking.HandleAsync(request, caller, partners, session, funds, clock, ct);
                return outcome.Succeeded
                    ? Results.Redirect("/schulungen?meldung=gebucht")
                    : await PartnerPageAsync(partnerId, form, FormOutcome.Of(outcome), FormOutcome.StatusOf(outcome), partners, query, funds, clock, ct);
            })
            .RequireAuthorization(TrainingWrite);

        pages.MapPost("/schulungen/buchungen/{bookingId}/stornieren", async (string bookingId, [FromForm] DeliverForm _, Caller caller,
                IPartnerDirectory partners, IDocumentSession session, IQuerySession query, IWkzFunds funds, KpiRefresh kpis, TimeProvider clock,
                CancellationToken ct) =>
            {
                var outcome = await CancelBooking.HandleAsync(bookingId, caller, session, funds, kpis, clock, ct);
                if (outcome.Succeeded) return Results.Redirect(caller.PartnerId is null ? "/schulungen/programm?meldung=storniert" : "/schulungen?meldung=storniert");
                return caller.PartnerId is { } partnerId
                    ? await PartnerPageAsync(partnerId, new BookingForm(), FormOutcome.Of(outcome), FormOutcome.StatusOf(outcome), partners, query, funds, clock, ct)
                    : await ProgrammePageAsync(null, FormOutcome.Of(outcome), FormOutcome.StatusOf(outcome), partners, query, clock, ct);
            })
            .RequireAuthorization(TrainingWrite);

        pages.MapGet("/schulungen/programm", async (string? year, string? meldung, IPartnerDirectory partners, IQuerySession session,
                TimeProvider clock, CancellationToken ct) =>
            await ProgrammePageAsync(year, Message(meldung), StatusCodes.Status200OK, partners, session, clock, ct))
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();

        pages.MapPost("/schulungen/programm/buchungen/{bookingId}/bestaetigen", async (string bookingId, [FromForm] DeliverForm _, Caller caller,
                IPartnerDirectory partners, IDocumentSession session, IQuerySession query, KpiRefresh kpis, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await ConfirmBooking.HandleAsync(bookingId, caller, session, kpis, clock, ct);
                return outcome.Succeeded
                    ? Results.Redirect("/schulungen/programm?meldung=bestaetigt")
                    : await ProgrammePageAsync(null, FormOutcome.Of(outcome), FormOutcome.StatusOf(outcome), partners, query, clock, ct);
            })
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();

        pages.MapPost("/schulungen/programm/buchungen/{bookingId}/durchfuehren", async (string bookingId, [FromForm] DeliverForm form, Caller caller,
                IPartnerDirectory partners, IDocumentSession session, IQuerySession query, IWkzFunds funds, KpiRefresh kpis, TimeProvider clock,
                CancellationToken ct) =>
            {
                var outcome = await DeliverBooking.HandleAsync(bookingId, new DeliverRequest(FormValues.Decimal(form.WkzPercent)), caller, session, funds,
                    kpis, clock, ct);
                return outcome.Succeeded
                    ? Results.Redirect("/schulungen/programm?meldung=durchgefuehrt")
                    : await ProgrammePageAsync(null, FormOutcome.Of(outcome), FormOutcome.StatusOf(outcome), partners, query, clock, ct);
            })
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();

        pages.MapPost("/schulungen/programm/wkz", async ([FromForm] AllocationForm form, Caller caller, IPartnerDirectory partners, IWkzFunds funds,
                IQuerySession query, TimeProvider clock, CancellationToken ct) =>
            {
                var posting = await funds.AllocateAsync(form.PartnerId ?? "", FormValues.Decimal(form.AmountEur), form.Reason, caller.Actor, ct);
                return posting.Outcome == WkzPostingOutcome.Posted
                    ? Results.Redirect("/schulungen/programm?meldung=wkz")
                    : await ProgrammePageAsync(null, FormOutcome.Of(posting), FormOutcome.StatusOf(posting), partners, query, clock, ct);
            })
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();
    }

    private static async Task<IResult> PartnerPageAsync(string partnerId, BookingForm form, FormOutcome? outcome, int status, IPartnerDirectory partners,
        IQuerySession session, IWkzFunds funds, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(clock.GetUtcNow()));
        var bookings = await session.Query<CoachingBooking>().Where(b => b.PartnerId == partnerId)
            .OrderByDescending(b => b.Date).Take(200).ToListAsync(ct);
        var years = bookings.Select(b => b.Year).Append(today.Year).Append(today.Year + 1).Distinct()
            .Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray();
        var programmes = (await session.LoadManyAsync<TrainingProgramme>(ct, years)).ToDictionary(p => p.Year);
        return new RazorComponentResult<TrainingPage>(new
        {
            Partner = await partners.FindAsync(partnerId, ct),
            Programmes = programmes,
            Today = today,
            Bookings = bookings,
            Account = await funds.AccountAsync(partnerId, ct),
            Kpi = await GetKpis.HandleAsync(today.Year, partnerId, session, clock, ct),
            Form = form,
            Outcome = outcome,
        }) { StatusCode = status };
    }

    private static async Task<IResult> ProgrammePageAsync(string? year, FormOutcome? outcome, int status, IPartnerDirectory partners,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var thisYear = BerlinTime.ToLocal(clock.GetUtcNow()).Year;
        var y = SupportedDates.CheckYear(year, out var asked) == DateCheck.Valid ? asked : thisYear;
        var open = await session.Query<CoachingBooking>()
            .Where(b => b.Year == y && (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed))
            .OrderBy(b => b.Date).Take(500).ToListAsync(ct);
        return new RazorComponentResult<ProgrammePage>(new
        {
            Year = y,
            YearOptions = Enumerable.Range(thisYear - 3, 5).Append(y).Distinct().OrderDescending().ToArray(),
            Programme = await session.LoadAsync<TrainingProgramme>(y.ToString(CultureInfo.InvariantCulture), ct),
            Kpi = await GetKpis.HandleAsync(y, null, session, clock, ct),
            OpenBookings = open,
            Partners = await partners.ListAsync(1000, ct),
            Outcome = outcome,
        }) { StatusCode = status };
    }

    private static FormOutcome? Message(string? code) => code is not null && Messages.TryGetValue(code, out var text) ? new FormOutcome(text) : null;
}
