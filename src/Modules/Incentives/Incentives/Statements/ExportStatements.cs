using System.Globalization;
using PartnerPortal.BuildingBlocks.Csv;
using PartnerPortal.Partners.Contracts;

namespace PartnerPortal.Incentives.Statements;

/// <summary><c>GET /api/v1/incentives/statements/{quarter}.csv</c> (back office): every partner's latest statement, one
/// row per line, for payout. The endpoint streams the rows as CSV: by default the machine format (comma, invariant
/// numbers, no BOM; its bytes unchanged since the first version), with <c>?format=excel-de</c> the German-Excel one
/// (semicolon, decimal comma, UTF-8 with BOM, German headers and labels, partner names; ADR 0045).</summary>
internal static class ExportStatements
{
    public const string Header = "quarter,partnerId,revision,status,approvedAt,kind,category,count,amountEur\n";

    /// <summary>The <c>format</c> value of the German-Excel variant.</summary>
    public const string ExcelGerman = "excel-de";

    private static readonly string[] GermanHeader =
        ["Quartal", "Partner-ID", "Partner", "Revision", "Status", "Freigegeben am", "Position", "Kategorie", "Anzahl", "Betrag (EUR)"];

    public static async Task<Outcome<IReadOnlyList<Statement>>> HandleAsync(string quarter, string? format, Caller caller, IQuerySession session,
        CancellationToken ct)
    {
        if (caller.IsPartnerBound) return Outcome<IReadOnlyList<Statement>>.Forbidden("The payout export is for back office.");
        var errors = new ValidationErrors();
        errors.Quarter("quarter", quarter, out _);
        if (format is not (null or ExcelGerman)) errors.Add("format", $"'format' must be left out (machine CSV) or be {ExcelGerman}.");
        if (!errors.IsValid) return Outcome<IReadOnlyList<Statement>>.Invalid(errors.ToDictionary());
        return Outcome<IReadOnlyList<Statement>>.Done(await LatestStatements.OfQuarterAsync(session, quarter, ct));
    }

    public static async Task Endpoint(string quarter, string? format, HttpContext http, Caller caller, IQuerySession session, IPartnerDirectory partners,
        CancellationToken ct)
    {
        var outcome = await HandleAsync(quarter, format, caller, session, ct);
        if (!outcome.Succeeded)
        {
            await outcome.ToHttp(s => s).ExecuteAsync(http);
            return;
        }
        var excel = format == ExcelGerman;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"provision-{quarter}{(excel ? "-excel" : "")}.csv\"";
        await using var csv = new CsvWriter(http.Response.Body, excel ? CsvDialect.ExcelGerman : CsvDialect.Machine);
        if (!excel)
        {
            await csv.WriteRowAsync(Header.TrimEnd('\n').Split(','));
            foreach (var s in outcome.Value!)
                foreach (var line in s.Lines)
                    await csv.WriteRowAsync(s.Quarter, s.PartnerId, s.Revision.ToString(CultureInfo.InvariantCulture), s.Status.Name(),
                        s.ApprovedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "", line.Kind, line.Category ?? "",
                        line.Count?.ToString(CultureInfo.InvariantCulture) ?? "", csv.Amount(line.Amount));
            return;
        }
        var names = await partners.FindManyAsync(outcome.Value!.Select(s => s.PartnerId), ct);
        await csv.WriteRowAsync(GermanHeader);
        foreach (var s in outcome.Value!)
            foreach (var line in s.Lines)
                await csv.WriteRowAsync(s.Quarter, s.PartnerId, names.TryGetValue(s.PartnerId, out var p) ? p.Name : "", csv.Integer(s.Revision),
                    s.IsApproved ? "freigegeben" : "Entwurf", s.ApprovedAt is { } at ? GermanFormat.DateTime(at) : "",
                    line.Kind switch { "base" => "Grundprovision", "uplift" => "Qualitätsaufschlag", "bonus" => "Qualitätsbonus", "clawback" => "Rückbelastung", var k => k },
                    line.Category switch { "mobile" => "Mobilfunk", "fixed" => "Festnetz", var c => c ?? "" },
                    line.Count is { } n ? csv.Integer(n) : "", csv.Amount(line.Amount));
    }
}
