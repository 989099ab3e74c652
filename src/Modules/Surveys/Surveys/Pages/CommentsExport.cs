using PartnerPortal.BuildingBlocks.Csv;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys.Listing;

namespace PartnerPortal.Surveys.Pages;

/// <summary><c>GET /kundenstimmen/export</c>: the Kundenstimmen list as CSV, with the page's filters and confinement
/// (<see cref="SearchComments.ValidateAsync"/>), every match, newest first. <c>variant=excel</c> writes the German-Excel
/// flavour (semicolon, UTF-8 with BOM, German headers and dates); the default is standard CSV for tools.</summary>
internal static class CommentsExport
{
    private static readonly string[] StandardHeader =
        ["responseId", "respondedAt", "quarter", "partnerId", "partnerName", "shopId", "shopName", "segment", "channel", "brand", "product", "touchpoint", "comment", "excluded"];

    private static readonly string[] GermanHeader =
        ["Antwort-ID", "Datum", "Quartal", "Partner-ID", "Partner", "Standort-ID", "Standort", "Kundengruppe", "Kontaktpunkt-Art", "Marke", "Produkt", "Kontaktpunkt", "Kommentar", "Ausgeschlossen"];

    public static async Task Endpoint(string? quarter, string? dimension, string? detractors, string? partner, string? shop, string? q, string? variant,
        HttpContext http, Caller caller, IQuerySession session, IPartnerDirectory partners, CancellationToken ct)
    {
        var request = new CommentRequest(partner, shop, quarter, dimension, detractors == "true", q);
        var outcome = await SearchComments.ValidateAsync(request, caller, partners, ct);
        if (!outcome.Succeeded)
        {
            await outcome.ToHttp(f => f).ExecuteAsync(http);
            return;
        }
        var filter = outcome.Value!;
        var dialect = CsvDialect.Of(variant);
        var german = dialect == CsvDialect.ExcelGerman;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"kundenstimmen{(filter.PartnerId is null ? "" : "-" + filter.PartnerId)}.csv\"";
        await using var csv = new CsvWriter(http.Response.Body, dialect);
        await csv.WriteRowAsync(german ? GermanHeader : StandardHeader);
        var names = new Dictionary<string, PartnerInfo?>(StringComparer.Ordinal);
        if (filter.Partner is { } known) names[known.PartnerId] = known;
        await foreach (var r in SearchComments.StreamAsync(filter, caller, session, ct))
        {
            PartnerInfo? info = null;
            if (r.PartnerId is { } p && !names.TryGetValue(p, out info)) names[p] = info = await partners.FindAsync(p, ct);
            var shopName = r.ShopId is null ? null : info?.Shops.FirstOrDefault(s => s.ShopId == r.ShopId) is { } s ? $"{s.Name} ({s.City})" : null;
            await csv.WriteRowAsync(r.ResponseId,
                german ? GermanFormat.DateTime(r.RespondedAt) : r.RespondedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                r.Quarter, r.PartnerId, info?.Name, r.ShopId, shopName,
                german ? (r.Segment == "business" ? "Geschäftskunde" : "Privatkunde") : r.Segment, r.Channel,
                Score(r.Scores.Brand), Score(r.Scores.Product), Score(r.Scores.Touchpoint),
                r.Comment,
                r.Excluded is null ? "" : german ? "ja" : "true");
        }
    }

    private static string Score(int? score) => score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
