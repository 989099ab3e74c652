using System.Text.Json;
using PartnerPortal.Funds.Contracts;

namespace PartnerPortal.Funds.Ledger;

// The API's shapes of the WKZ ledger. Their OpenAPI schema names are still Training.Wkz.* (src/Host/Api/ApiSetup.cs):
// the ledger moved from Training to Funds (ADR 0035), and clients generated code against those names.

/// <summary>The body of <c>POST …/wkz/allocations</c> and <c>POST …/wkz/adjustments</c>.</summary>
internal sealed record WkzPostingRequest(decimal? AmountEur, string? Reason);

internal sealed record WkzEntryView(long Sequence, [OneOf(typeof(Contracts.WkzKind))] string Kind, decimal AmountEur, decimal BalanceAfterEur, string Reason, string? BookingId,
    DateTimeOffset At, string By)
{
    public static WkzEntryView Of(WkzEntryInfo e) =>
        new(e.Sequence, JsonNamingPolicy.KebabCaseLower.ConvertName(e.Kind.ToString()), e.AmountEur, e.BalanceAfterEur, e.Reason, e.BookingId, e.At, e.By);
}

/// <summary>A partner's WKZ account: the ledger balance, what open bookings have earmarked, what is still available, and one
/// page of the ledger, newest first: <see cref="Entries"/> plays <c>items</c> of the list rule, <see cref="Next"/> its cursor (ADR 0040).</summary>
internal sealed record WkzAccountView(string PartnerId, decimal BalanceEur, decimal ReservedEur, decimal AvailableEur, IReadOnlyList<WkzEntryView> Entries,
    string? Next)
{
    public static WkzAccountView Of(WkzAccount a, string? next) =>
        new(a.PartnerId, a.BalanceEur, a.ReservedEur, a.AvailableEur, a.Entries.Select(WkzEntryView.Of).ToArray(), next);
}
