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
/// <c>/schulungen</c>: the partner's coaching bookings, costs and WKZ, the booking form and cancelling. Every form calls
/// the same use case as the API and maps its outcome (<see cref="FormOutcome"/>): a redirect with a message, or the page
/// again with the errors.
/// </summary>
internal static class PartnerTrainingPageEndpoint
{
    private static readonly string TrainingWrite = ScopeAuthorization.PolicyName(Scopes.TrainingWrite);

    public static void Map(IEndpointRouteBuilder pages)
    {
        pages.MapGet("/schulungen", async (string? meldung, string? after, Caller caller, IPartnerDirectory partners, IQuerySession session, IWkzFunds funds,
                TimeProvider clock, CancellationToken ct) =>
            {
                if (caller.PartnerId is null) return Results.Redirect("/schulungen/programm");
                if (PageCursor.Read(after, out var cursor) is { } problem) return problem;
                return await PageAsync(caller.PartnerId, new BookingForm(), TrainingMessages.Of(meldung), StatusCodes.Status200OK, partners, session, funds,
                    clock, caller, ct, cursor);
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.TrainingRead));

        // "Preis berechnen": the request form's values priced (PricePreview), the form as typed; nothing is stored.
        pages.MapPost("/schulungen/vorschau", async ([FromForm] BookingForm form, Caller caller, IPartnerDirectory partners, IQuerySession session,
                IWkzFunds funds, TimeProvider clock, CancellationToken ct) =>
            caller.PartnerId is { } partnerId
                ? await PageAsync(partnerId, form, null, StatusCodes.Status200OK, partners, session, funds, clock, caller, ct)
                : Problems.Forbidden("Only a partner books coaching through this page."))
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
                    : await PageAsync(partnerId, form, FormOutcome.Of(outcome), FormOutcome.StatusOf(outcome), partners, query, funds, clock, caller, ct);
            })
            .RequireAuthorization(TrainingWrite);

        // The confirm step: what cancelling moves (the WKZ earmark it releases), then the post of exactly that.
        pages.MapGet("/schulungen/buchungen/{bookingId}/stornieren", async (string bookingId, Caller caller, IPartnerDirectory partners,
                IQuerySession session, IWkzFunds funds, CancellationToken ct) =>
            await ConfirmSteps.CancelAsync(bookingId, null, StatusCodes.Status200OK, caller, partners, session, funds, ct))
            .RequireAuthorization(TrainingWrite);

        pages.MapPost("/schulungen/buchungen/{bookingId}/stornieren", async (string bookingId, [FromForm] ConfirmForm? form, Caller caller,
                IPartnerDirectory partners, IDocumentSession session, IQuerySession query, IWkzFunds funds, KpiRefresh kpis, TimeProvider clock,
                CancellationToken ct) =>
            {
                if (form?.Confirmed() is not { } confirmed)
                    return await ConfirmSteps.CancelAsync(bookingId, FormOutcome.Unconfirmed, StatusCodes.Status400BadRequest, caller, partners, query, funds, ct);
                var outcome = await CancelBooking.HandleAsync(bookingId, confirmed, caller, session, funds, kpis, clock, ct);
                if (outcome.Succeeded) return Results.Redirect(caller.PartnerId is null ? "/schulungen/programm?meldung=storniert" : "/schulungen?meldung=storniert");
                if (outcome.Errors?.ContainsKey(MoneyQuote.ChangedField) == true)
                    return await ConfirmSteps.CancelAsync(bookingId, FormOutcome.Of(outcome), StatusCodes.Status409Conflict, caller, partners, query, funds, ct);
                return caller.PartnerId is { } partnerId
                    ? await PageAsync(partnerId, new BookingForm(), FormOutcome.Of(outcome), FormOutcome.StatusOf(outcome), partners, query, funds, clock, caller, ct)
                    : await ProgrammePageEndpoint.PageAsync(null, FormOutcome.Of(outcome), FormOutcome.StatusOf(outcome), partners, query, funds, clock, ct);
            })
            .RequireAuthorization(TrainingWrite);
    }

    /// <summary>The partner's coachings a page, the newest date first (as the API lists them: <see cref="ListBookings"/>).</summary>
    public const int PageSize = 50;

    /// <summary>The page; <paramref name="after"/> (date, id) starts the list of coachings after that booking.</summary>
    internal static async Task<IResult> PageAsync(string partnerId, BookingForm form, FormOutcome? outcome, int status, IPartnerDirectory partners,
        IQuerySession session, IWkzFunds funds, TimeProvider clock, Caller caller, CancellationToken ct, (DateOnly Date, string Id)? after = null)
    {
        var today = DateOnly.FromDateTime(BerlinTime.ToLocal(clock.GetUtcNow()));
        var (bookings, next) = await ListBookings.PageAsync(partnerId, after, PageSize, session, ct);
        var years = bookings.Select(b => b.Year).Append(today.Year).Append(today.Year + 1).Distinct()
            .Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray();
        var programmes = (await session.LoadManyAsync<TrainingProgramme>(ct, years)).ToDictionary(p => p.Year);
        var preview = await PricePreview.HandleAsync(partnerId, form.Date ?? BookingForm.DefaultDate(today), FormValues.Decimal(form.Days ?? BookingForm.DefaultDays),
            FormValues.Decimal(form.WkzPercent ?? "0"), caller, partners, session, funds, ct);
        return new RazorComponentResult<TrainingPage>(new
        {
            Partner = await partners.FindAsync(partnerId, ct),
            Programmes = programmes,
            Today = today,
            Bookings = bookings,
            NextLink = next is null ? null : $"/schulungen?after={Uri.EscapeDataString(next)}#bookings-heading",
            Money = await BookingMoney.ReadAsync(bookings, session, funds, ct),
            Preview = preview.Succeeded ? preview.Value : null,
            Account = await funds.AccountAsync(partnerId, ct),
            Kpi = await GetKpis.HandleAsync(today.Year, partnerId, session, clock, ct),
            Form = form,
            Outcome = outcome,
        }) { StatusCode = status };
    }

}
