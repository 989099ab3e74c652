using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.SharedKernel;
using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Kpis;
using PartnerPortal.Training.Programmes;
using PartnerPortal.Training.Wkz;

namespace PartnerPortal.Training.Pages;

public sealed class BookingForm
{
    public string? ShopId { get; set; }
    public string? Date { get; set; }
    public string? Topic { get; set; }
    public string? Days { get; set; }
    public string? Participants { get; set; }
    public string? WkzPercent { get; set; }
}

public sealed class DeliverForm
{
    public string? WkzPercent { get; set; }
}

public sealed class AllocationForm
{
    public string? PartnerId { get; set; }
    public string? AmountEur { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Result of a form post shown on the next page: a message, or field errors.</summary>
public sealed record FormOutcome(string? Message, IDictionary<string, string[]>? Errors = null, bool Failed = false);

/// <summary>
/// <c>/schulungen</c> (the partner's coaching, costs and WKZ) and <c>/schulungen/programm</c> (back office: progress,
/// topic mix, bookings to confirm and deliver, WKZ allocations). Every form posts to the same use cases as the API.
/// </summary>
internal static partial class TrainingPageEndpoints
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
        pages.MapGet("/schulungen", async (string? meldung, Caller caller, IPartnerDirectory partners, IQuerySession session, TimeProvider clock,
                CancellationToken ct) =>
            caller.PartnerId is null
                ? Results.Redirect("/schulungen/programm")
                : await PartnerPageAsync(caller.PartnerId, new BookingForm(), Message(meldung), StatusCodes.Status200OK, partners, session, clock, ct))
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.TrainingRead));

        pages.MapPost("/schulungen/buchen", async ([FromForm] BookingForm form, Caller caller, IPartnerDirectory partners, IDocumentSession session,
                TimeProvider clock, CancellationToken ct) =>
            {
                if (caller.PartnerId is not { } partnerId) return Problems.Forbidden("Only a partner books coaching through this page.");
                var request = new BookingRequest(partnerId, form.ShopId, form.Date, form.Topic, Decimal(form.Days), Integer(form.Participants),
                    Decimal(form.WkzPercent) ?? 0m);
                var result = await BookingEndpoints.Create(request, caller, partners, session, clock, ct);
                return result is Created<BookingView>
                    ? Results.Redirect("/schulungen?meldung=gebucht")
                    : await PartnerPageAsync(partnerId, form, Failure(result), StatusOf(result), partners, session, clock, ct);
            })
            .RequireAuthorization(TrainingWrite);

        pages.MapPost("/schulungen/buchungen/{bookingId}/stornieren", async (string bookingId, [FromForm] DeliverForm _, Caller caller,
                IPartnerDirectory partners, IDocumentStore store, IQuerySession session, KpiRefresh kpis, TimeProvider clock, CancellationToken ct) =>
            {
                var result = await BookingEndpoints.Cancel(bookingId, caller, store, kpis, clock, ct);
                if (result is Ok<BookingView>) return Results.Redirect(caller.PartnerId is null ? "/schulungen/programm?meldung=storniert" : "/schulungen?meldung=storniert");
                return caller.PartnerId is { } partnerId
                    ? await PartnerPageAsync(partnerId, new BookingForm(), Failure(result), StatusOf(result), partners, session, clock, ct)
                    : await ProgrammePageAsync(null, Failure(result), StatusOf(result), partners, session, clock, ct);
            })
            .RequireAuthorization(TrainingWrite);

        pages.MapGet("/schulungen/programm", async (string? year, string? meldung, IPartnerDirectory partners, IQuerySession session,
                TimeProvider clock, CancellationToken ct) =>
            await ProgrammePageAsync(year, Message(meldung), StatusCodes.Status200OK, partners, session, clock, ct))
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();

        pages.MapPost("/schulungen/programm/buchungen/{bookingId}/bestaetigen", async (string bookingId, [FromForm] DeliverForm _, Caller caller,
                IPartnerDirectory partners, IDocumentStore store, IQuerySession session, KpiRefresh kpis, TimeProvider clock, CancellationToken ct) =>
            await BackOfficeAsync(await BookingEndpoints.Confirm(bookingId, caller, store, kpis, clock, ct), "bestaetigt", partners, session, clock, ct))
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();

        pages.MapPost("/schulungen/programm/buchungen/{bookingId}/durchfuehren", async (string bookingId, [FromForm] DeliverForm form, Caller caller,
                IPartnerDirectory partners, IDocumentStore store, IQuerySession session, KpiRefresh kpis, TimeProvider clock, CancellationToken ct) =>
            await BackOfficeAsync(await BookingEndpoints.Deliver(bookingId, new DeliverRequest(Decimal(form.WkzPercent)), caller, store, kpis, clock, ct),
                "durchgefuehrt", partners, session, clock, ct))
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();

        pages.MapPost("/schulungen/programm/wkz", async ([FromForm] AllocationForm form, Caller caller, IPartnerDirectory partners, IDocumentStore store,
                IQuerySession session, TimeProvider clock, CancellationToken ct) =>
            await BackOfficeAsync(await WkzEndpoints.Allocate(form.PartnerId ?? "", new WkzPostingRequest(Decimal(form.AmountEur), form.Reason), caller,
                partners, store, clock, ct), "wkz", partners, session, clock, ct))
            .RequireAuthorization(TrainingAdmin)
            .RequireUnboundCaller();
    }

    private static async Task<IResult> BackOfficeAsync(IResult result, string done, IPartnerDirectory partners, IQuerySession session,
        TimeProvider clock, CancellationToken ct) =>
        result is Ok<BookingView> or Created<WkzEntryView>
            ? Results.Redirect("/schulungen/programm?meldung=" + done)
            : await ProgrammePageAsync(null, Failure(result), StatusOf(result), partners, session, clock, ct);

    private static async Task<IResult> PartnerPageAsync(string partnerId, BookingForm form, FormOutcome? outcome, int status, IPartnerDirectory partners,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
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
            Account = await WkzEndpoints.AccountAsync(session, partnerId, ct),
            Kpi = await KpiEndpoints.FindAsync(session, today.Year, partnerId, clock, ct),
            Form = form,
            Outcome = outcome,
        }) { StatusCode = status };
    }

    private static async Task<IResult> ProgrammePageAsync(string? year, FormOutcome? outcome, int status, IPartnerDirectory partners,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var thisYear = BerlinTime.ToLocal(clock.GetUtcNow()).Year;
        var y = ProgrammeEndpoints.IsYear(year) ? int.Parse(year!, CultureInfo.InvariantCulture) : thisYear;
        var open = await session.Query<CoachingBooking>()
            .Where(b => b.Year == y && (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed))
            .OrderBy(b => b.Date).Take(500).ToListAsync(ct);
        return new RazorComponentResult<ProgrammePage>(new
        {
            Year = y,
            YearOptions = Enumerable.Range(thisYear - 3, 5).Append(y).Distinct().OrderDescending().ToArray(),
            Programme = await session.LoadAsync<TrainingProgramme>(y.ToString(CultureInfo.InvariantCulture), ct),
            Kpi = await KpiEndpoints.FindAsync(session, y, null, clock, ct),
            OpenBookings = open,
            Partners = await partners.ListAsync(1000, ct),
            Outcome = outcome,
        }) { StatusCode = status };
    }

    private static FormOutcome? Message(string? code) => code is not null && Messages.TryGetValue(code, out var text) ? new FormOutcome(text) : null;

    private static FormOutcome Failure(IResult result) => result switch
    {
        ValidationProblem v => new FormOutcome("Bitte prüfen Sie die markierten Angaben: "
            + string.Join(" ", v.ProblemDetails.Errors.SelectMany(e => e.Value)), v.ProblemDetails.Errors, Failed: true),
        ProblemHttpResult p => new FormOutcome(p.ProblemDetails.Detail ?? p.ProblemDetails.Title ?? "Das ging nicht.", Failed: true),
        _ => new FormOutcome("Das ging nicht.", Failed: true),
    };

    private static int StatusOf(IResult result) => result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status400BadRequest;

    /// <summary>Reads an amount typed the German way (1.234,56) or from a form control (1234.56).</summary>
    internal static decimal? Decimal(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Replace("€", "", StringComparison.Ordinal).Trim();
        var german = text.Contains(',', StringComparison.Ordinal) || GroupedThousands().IsMatch(text);
        return decimal.TryParse(text, NumberStyles.Number, german ? GermanFormat.Culture : CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?\d{1,3}(\.\d{3})+$")]
    private static partial System.Text.RegularExpressions.Regex GroupedThousands();

    private static int? Integer(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
}
