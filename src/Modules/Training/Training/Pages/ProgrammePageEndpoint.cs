using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Kpis;
using PartnerPortal.Training.Programmes;

namespace PartnerPortal.Training.Pages;

/// <summary>
/// <c>/schulungen/programm</c> (back office): progress, topic mix, bookings to confirm and deliver, WKZ allocations. Every
/// form calls the same use case as the API and maps its outcome (<see cref="FormOutcome"/>).
/// </summary>
internal static class ProgrammePageEndpoint
{
    private static readonly string TrainingAdmin = ScopeAuthorization.PolicyName(Scopes.TrainingAdmin);

    public static void Map(IEndpointRouteBuilder pages)
    {
        pages.MapGet("/schulungen/programm", async (string? year, string? after, string? meldung, IPartnerDirectory partners, IQuerySession session,
                IWkzFunds funds, TimeProvider clock, CancellationToken ct) =>
            {
                if (PageCursor.Read(after, out var cursor) is { } problem) return problem;
                return await PageAsync(year, TrainingMessages.Of(meldung), StatusCodes.Status200OK, partners, session, funds, clock, ct, cursor);
            })
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();

        pages.MapPost("/schulungen/programm/buchungen/{bookingId}/bestaetigen", async (string bookingId, [FromForm] DeliverForm _, Caller caller,
                IPartnerDirectory partners, IDocumentSession session, IQuerySession query, IWkzFunds funds, KpiRefresh kpis, TimeProvider clock,
                CancellationToken ct) =>
            {
                var outcome = await ConfirmBooking.HandleAsync(bookingId, caller, session, funds, kpis, clock, ct);
                return outcome.Succeeded
                    ? Results.Redirect("/schulungen/programm?meldung=bestaetigt")
                    : await PageAsync(null, FormOutcome.Of(outcome), FormOutcome.StatusOf(outcome), partners, query, funds, clock, ct);
            })
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();

        // The confirm step: what delivering charges now (WKZ and invoice), then the post of exactly that.
        pages.MapGet("/schulungen/programm/buchungen/{bookingId}/durchfuehren", async (string bookingId, string? wkzPercent, Caller caller,
                IPartnerDirectory partners, IQuerySession session, IWkzFunds funds, TimeProvider clock, CancellationToken ct) =>
            await ConfirmSteps.DeliveryAsync(bookingId, FormValues.Decimal(wkzPercent), null, StatusCodes.Status200OK, caller, partners, session, funds,
                clock, ct))
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();

        pages.MapPost("/schulungen/programm/buchungen/{bookingId}/durchfuehren", async (string bookingId, [FromForm] ConfirmForm? form, Caller caller,
                IPartnerDirectory partners, IDocumentSession session, IQuerySession query, IWkzFunds funds, KpiRefresh kpis, TimeProvider clock,
                CancellationToken ct) =>
            {
                var wkzPercent = FormValues.Decimal(form?.WkzPercent);
                if (form?.Confirmed() is not { } confirmed)
                    return await ConfirmSteps.DeliveryAsync(bookingId, wkzPercent, FormOutcome.Unconfirmed, StatusCodes.Status400BadRequest, caller, partners,
                        query, funds, clock, ct);
                var outcome = await DeliverBooking.HandleAsync(bookingId, new DeliverRequest(wkzPercent, confirmed.WkzEur, confirmed.InvoiceEur), caller,
                    session, funds, kpis, clock, ct, confirmed.Version);
                if (outcome.Succeeded) return Results.Redirect("/schulungen/programm?meldung=durchgefuehrt");
                // A changed booking or balance, or a date still ahead: the confirm step again, with the reason and today's amounts.
                return outcome.Kind == OutcomeKind.Conflict && outcome.Errors is not null
                    ? await ConfirmSteps.DeliveryAsync(bookingId, wkzPercent, FormOutcome.Of(outcome), StatusCodes.Status409Conflict, caller, partners, query,
                        funds, clock, ct)
                    : await PageAsync(null, FormOutcome.Of(outcome), FormOutcome.StatusOf(outcome), partners, query, funds, clock, ct);
            })
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();

        pages.MapPost("/schulungen/programm/wkz", async ([FromForm] AllocationForm form, Caller caller, IPartnerDirectory partners, IWkzFunds funds,
                IQuerySession query, TimeProvider clock, CancellationToken ct) =>
            {
                var posting = await funds.AllocateAsync(form.PartnerId ?? "", FormValues.Decimal(form.AmountEur), form.Reason, caller.Actor, ct);
                return posting.Outcome == WkzPostingOutcome.Posted
                    ? Results.Redirect("/schulungen/programm?meldung=wkz")
                    : await PageAsync(null, FormOutcome.Of(posting), FormOutcome.StatusOf(posting), partners, query, funds, clock, ct);
            })
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();
    }

    /// <summary>Open bookings a page: the oldest date first, then the next page from the last one's date and id.</summary>
    public const int PageSize = 50;

    /// <summary>The page; <paramref name="after"/> (date, id) starts the open bookings after that booking.</summary>
    internal static async Task<IResult> PageAsync(string? year, FormOutcome? outcome, int status, IPartnerDirectory partners,
        IQuerySession session, IWkzFunds funds, TimeProvider clock, CancellationToken ct, (DateOnly Date, string Id)? after = null)
    {
        var thisYear = BerlinTime.ToLocal(clock.GetUtcNow()).Year;
        var y = SupportedDates.CheckYear(year, out var asked) == DateCheck.Valid ? asked : thisYear;
        var query = session.Query<CoachingBooking>()
            .Where(b => b.Year == y && (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed));
        var openCount = await query.CountAsync(ct);
        var rows = await query.After(after).OrderBy(b => b.Date).ThenBy(b => b.Id).Take(PageSize + 1).ToListAsync(ct);
        var open = rows.Take(PageSize).ToArray();
        var next = ListPaging.Next(rows, PageSize, b => b.Date, b => b.Id);
        return new RazorComponentResult<ProgrammePage>(new
        {
            Year = y,
            YearOptions = Enumerable.Range(thisYear - 3, 5).Append(y).Distinct().OrderDescending().ToArray(),
            Programme = await session.LoadAsync<TrainingProgramme>(y.ToString(CultureInfo.InvariantCulture), ct),
            Kpi = await GetKpis.HandleAsync(y, null, session, clock, ct),
            OpenBookings = open,
            OpenCount = openCount,
            NextLink = next is null ? null : $"/schulungen/programm?year={y}&after={Uri.EscapeDataString(next)}#open-heading",
            Money = await BookingMoney.ReadAsync(open, session, funds, ct),
            Names = await partners.FindManyAsync(open.Select(b => b.PartnerId).Distinct(), ct),
            Choices = await partners.ChoicesAsync(null, ct),
            Outcome = outcome,
        }) { StatusCode = status };
    }
}
