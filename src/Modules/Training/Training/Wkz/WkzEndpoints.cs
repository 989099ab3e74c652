using Marten;
using PartnerPortal.BuildingBlocks.Audit;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Training.Coaching;
using PartnerPortal.Training.Programmes;
using Money = PartnerPortal.SharedKernel.Money;

namespace PartnerPortal.Training.Wkz;

public sealed record WkzPostingRequest(decimal? AmountEur, string? Reason);

public sealed record WkzEntryView(long Sequence, string Kind, decimal AmountEur, decimal BalanceAfterEur, string Reason, string? BookingId,
    DateTimeOffset At, string By)
{
    internal static WkzEntryView Of(WkzEntry e) =>
        new(e.Sequence, e.Kind, Money.Cents(e.AmountEur), Money.Cents(e.BalanceAfterEur), e.Reason, e.BookingId, e.At, e.By);
}

/// <summary>A partner's WKZ account: the ledger balance, what open bookings have earmarked, what is still available.</summary>
public sealed record WkzAccountView(string PartnerId, decimal BalanceEur, decimal ReservedEur, decimal AvailableEur, IReadOnlyList<WkzEntryView> Entries);

/// <summary><c>GET /partners/{partnerId}/wkz</c>, <c>POST …/wkz/allocations</c> and <c>POST …/wkz/adjustments</c>.</summary>
internal static class WkzEndpoints
{
    public const int EntriesShown = 200;

    public static async Task<IResult> Get(string partnerId, IPartnerDirectory partners, IQuerySession session, CancellationToken ct)
    {
        if (await partners.FindAsync(partnerId, ct) is null) return Problems.NotFound($"Partner '{partnerId}' does not exist.");
        return TypedResults.Ok(await AccountAsync(session, partnerId, ct));
    }

    public static Task<IResult> Allocate(string partnerId, WkzPostingRequest? request, Caller caller, IPartnerDirectory partners,
        IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        PostAsync(partnerId, WkzKind.Allocation, request, caller, partners, store, clock, ct);

    public static Task<IResult> Adjust(string partnerId, WkzPostingRequest? request, Caller caller, IPartnerDirectory partners,
        IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
        PostAsync(partnerId, WkzKind.Adjustment, request, caller, partners, store, clock, ct);

    private static async Task<IResult> PostAsync(string partnerId, string kind, WkzPostingRequest? request, Caller caller,
        IPartnerDirectory partners, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Identifier("partnerId", partnerId, Identifiers.MaxLength); // the page's form sends it in the body
        if (request is null) errors.Add("body", "A JSON body { amountEur, reason } is required.");
        else
        {
            if (kind == WkzKind.Allocation) errors.Money("amountEur", request.AmountEur, min: 0.01m);
            else if (errors.Money("amountEur", request.AmountEur, min: -Money.MaxAmount) && request.AmountEur == 0)
                errors.Add("amountEur", "'amountEur' must not be 0.");
            errors.Text("reason", request.Reason, 200);
        }
        if (!errors.IsValid) return Problems.Validation(errors.ToDictionary());
        if (await partners.FindAsync(partnerId, ct) is null) return Problems.NotFound($"Partner '{partnerId}' does not exist.");

        return await InsertRace.RetryAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession();
            var head = await WkzHead.ReadAsync(session, partnerId, ct);
            if (head.BalanceEur + request!.AmountEur!.Value < 0)
                return Problems.Conflict($"The adjustment would make the WKZ balance negative (balance {head.BalanceEur:0.00} EUR).");
            var entry = head.Next(partnerId, kind, request.AmountEur.Value, request.Reason!.Trim(), null, clock.GetUtcNow(), caller.Actor);
            session.Insert(entry);
            session.Audit(caller, entry.At, kind == WkzKind.Allocation ? AuditActions.WkzAllocated : AuditActions.WkzAdjusted, $"wkz {entry.Id}",
                $"{entry.AmountEur:0.00} EUR, balance after {entry.BalanceAfterEur:0.00} EUR: {entry.Reason}", partnerId);
            await session.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/training/partners/{Uri.EscapeDataString(partnerId)}/wkz", WkzEntryView.Of(entry));
        }, ct);
    }

    internal static async Task<WkzAccountView> AccountAsync(IQuerySession session, string partnerId, CancellationToken ct)
    {
        var entries = await session.Query<WkzEntry>().Where(e => e.PartnerId == partnerId).OrderByDescending(e => e.Sequence)
            .Take(EntriesShown).ToListAsync(ct);
        var balance = entries.Count == 0 ? 0m : entries[0].BalanceAfterEur;
        var reserved = await ReservedAsync(session, partnerId, ct);
        return new WkzAccountView(partnerId, Money.Cents(balance), Money.Cents(reserved), Money.Cents(Math.Max(0m, balance - reserved)),
            entries.Select(WkzEntryView.Of).ToArray());
    }

    /// <summary>What the partner's open bookings will take from WKZ at today's programme rates (an estimate: the balance
    /// is only charged on delivery).</summary>
    private static async Task<decimal> ReservedAsync(IQuerySession session, string partnerId, CancellationToken ct)
    {
        var open = await session.Query<CoachingBooking>()
            .Where(b => b.PartnerId == partnerId && (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed) && b.WkzPercent > 0)
            .ToListAsync(ct);
        if (open.Count == 0) return 0m;
        var programmes = (await session.LoadManyAsync<TrainingProgramme>(ct, open.Select(b => b.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).Distinct()))
            .ToDictionary(p => p.Year);
        return open.Sum(b => programmes.TryGetValue(b.Year, out var p)
            ? CoachingCharges.Compute(b.Days, p.CoachingDayRateEur, p.PartnerSharePercent, b.WkzPercent, decimal.MaxValue).WkzEur
            : 0m);
    }
}
