using PartnerPortal.BuildingBlocks.Audit;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.Funds.Contracts;
using PartnerPortal.Partners.Contracts;
using Money = PartnerPortal.SharedKernel.Money;

namespace PartnerPortal.Funds.Ledger;

/// <summary>What an allocation and an adjustment share: validated first, then appended to the ledger under the partner's WKZ
/// lock (ADR 0046; the insert race of ADR 0014 stays as the backstop) with its audit entry, refused when the balance would
/// become negative; the open bookings' earmarks are shared out again against the new balance.</summary>
internal static class WkzPostings
{
    public static async Task<WkzPosting> PostAsync(string partnerId, WkzKind kind, WkzPostingRequest? request, string actor,
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
        if (!errors.IsValid) return new WkzPosting(WkzPostingOutcome.Invalid, Errors: errors.ToDictionary());
        if (await partners.FindAsync(partnerId, ct) is null)
            return new WkzPosting(WkzPostingOutcome.NotFound, Message: $"Partner '{partnerId}' does not exist.");

        return await InsertRace.RetryAsync(async () =>
        {
            await using var session = store.LightweightSession();
            await WkzLock.EnterAsync(session, [partnerId], ct);
            var book = await WkzBook.ReadAsync(session, partnerId, ct);
            if (book.Head.BalanceEur + request!.AmountEur!.Value < 0)
                return new WkzPosting(WkzPostingOutcome.Conflict,
                    Message: $"The adjustment would make the WKZ balance negative (balance {book.Head.BalanceEur:0.00} EUR).");
            // The earmarks are shared out again against the new balance: a lower one shrinks the latest requests' earmarks.
            var entry = book.Append(kind, request.AmountEur.Value, request.Reason!.Trim(), null, clock.GetUtcNow(), actor);
            session.Audit(actor, entry.At, kind == WkzKind.Allocation ? AuditActions.WkzAllocated : AuditActions.WkzAdjusted, $"wkz {entry.Id}",
                $"{entry.AmountEur:0.00} EUR, balance after {entry.BalanceAfterEur:0.00} EUR: {entry.Reason}", partnerId);
            await session.SaveChangesAsync(ct);
            return new WkzPosting(WkzPostingOutcome.Posted, entry.ToInfo());
        }, ct);
    }

    /// <summary>The API adapter: 201 with the entry, 400, 404, 409.</summary>
    public static IResult ToHttp(WkzPosting posting, string partnerId) => posting.Outcome switch
    {
        WkzPostingOutcome.Posted => TypedResults.Created($"/api/v1/training/partners/{Uri.EscapeDataString(partnerId)}/wkz", WkzEntryView.Of(posting.Entry!)),
        WkzPostingOutcome.Invalid => Problems.Validation(posting.Errors!),
        WkzPostingOutcome.NotFound => Problems.NotFound(posting.Message!),
        _ => Problems.Conflict(posting.Message!),
    };
}
