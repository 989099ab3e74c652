using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Training.Coaching;

namespace PartnerPortal.Training.Pages;

/// <summary>The confirm steps of the money moves (ADR 0046): cancelling a booking (partner or back office) and delivering one
/// (back office) first show what they move, quoted by <see cref="QuoteCancel"/> / <see cref="QuoteDelivery"/>.</summary>
internal static class ConfirmSteps
{
    public static string CancelAction(string bookingId) => $"/schulungen/buchungen/{Uri.EscapeDataString(bookingId)}/stornieren";

    public static string DeliverAction(string bookingId) => $"/schulungen/programm/buchungen/{Uri.EscapeDataString(bookingId)}/durchfuehren";

    public static async Task<IResult> CancelAsync(string bookingId, FormOutcome? outcome, int status, Caller caller, IPartnerDirectory partners,
        IQuerySession session, IWkzFunds funds, CancellationToken ct) =>
        await RenderAsync(await QuoteCancel.HandleAsync(bookingId, caller, session, funds, ct), null, delivery: false, outcome, status, partners, ct,
            heading: "Coaching stornieren", question: "Dieses Coaching stornieren?", wkzLabel: "Freigegebene WKZ-Vormerkung",
            confirmLabel: "Stornierung bestätigen", action: CancelAction(bookingId), back: caller.PartnerId is null ? "/schulungen/programm" : "/schulungen");

    public static async Task<IResult> DeliveryAsync(string bookingId, decimal? wkzPercent, FormOutcome? outcome, int status, Caller caller,
        IPartnerDirectory partners, IQuerySession session, IWkzFunds funds, TimeProvider clock, CancellationToken ct) =>
        await RenderAsync(await QuoteDelivery.HandleAsync(bookingId, wkzPercent, caller, session, funds, clock, ct), wkzPercent, delivery: true, outcome, status, partners,
            ct, heading: "Coaching als durchgeführt erfassen", question: "Dieses Coaching als durchgeführt erfassen und abrechnen?",
            wkzLabel: "Aus WKZ abgebucht", confirmLabel: "Durchführung bestätigen", action: DeliverAction(bookingId), back: "/schulungen/programm");

    private static async Task<IResult> RenderAsync(Outcome<MoneyQuote> quote, decimal? wkzPercent, bool delivery, FormOutcome? outcome, int status,
        IPartnerDirectory partners, CancellationToken ct, string heading, string question, string wkzLabel, string confirmLabel, string action, string back)
    {
        // Another partner's booking does not exist (the status-code pages answer); a step that cannot be taken says why on
        // the page, with the status of the post that brought it here (a GET is a page like any other: 200).
        if (quote.Kind == OutcomeKind.NotFound) return Results.NotFound();
        if (!quote.Succeeded) outcome ??= FormOutcome.Of(quote);
        var q = quote.Value;
        var partner = q is null ? null : await partners.FindAsync(q.Booking.PartnerId, ct);
        return new RazorComponentResult<ConfirmMovePage>(new
        {
            Heading = heading,
            Question = question,
            WkzLabel = wkzLabel,
            ConfirmLabel = confirmLabel,
            Action = action,
            BackUrl = back,
            PartnerName = partner?.Name ?? q?.Booking.PartnerId ?? "",
            ShopName = partner?.Shops.FirstOrDefault(s => s.ShopId == q!.Booking.ShopId)?.Name ?? q?.Booking.ShopId ?? "",
            WkzPercent = q is null || !delivery ? null : (decimal?)(wkzPercent ?? q.Booking.WkzPercent),
            Booking = q?.Booking,
            q?.TotalEur,
            q?.PartnerEur,
            WkzEur = q?.WkzEur ?? 0m,
            InvoiceEur = q?.InvoiceEur ?? 0m,
            ShownWkzPercent = q?.WkzPercent ?? 0m,
            Outcome = outcome,
        }) { StatusCode = status };
    }
}
