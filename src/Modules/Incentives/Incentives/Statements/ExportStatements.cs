using System.Globalization;

namespace PartnerPortal.Incentives.Statements;

/// <summary><c>GET /api/v1/incentives/statements/{quarter}.csv</c> (back office): every partner's latest statement, one
/// row per line, for payout. The endpoint streams the rows as CSV.</summary>
internal static class ExportStatements
{
    public const string Header = "quarter,partnerId,revision,status,approvedAt,kind,category,count,amountEur\n";

    public static async Task<Outcome<IReadOnlyList<Statement>>> HandleAsync(string quarter, Caller caller, IQuerySession session, CancellationToken ct)
    {
        if (caller.IsPartnerBound) return Outcome<IReadOnlyList<Statement>>.Forbidden("The payout export is for back office.");
        var errors = new ValidationErrors();
        if (!errors.Quarter("quarter", quarter, out _)) return Outcome<IReadOnlyList<Statement>>.Invalid(errors.ToDictionary());
        return Outcome<IReadOnlyList<Statement>>.Done(await LatestStatements.OfQuarterAsync(session, quarter, ct));
    }

    public static async Task Endpoint(string quarter, HttpContext http, Caller caller, IQuerySession session, CancellationToken ct)
    {
        var outcome = await HandleAsync(quarter, caller, session, ct);
        if (!outcome.Succeeded)
        {
            await outcome.ToHttp(s => s).ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"provision-{quarter}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false));
        await writer.WriteAsync(Header);
        foreach (var s in outcome.Value!)
            foreach (var line in s.Lines)
                await writer.WriteAsync(string.Join(',', s.Quarter, Csv(s.PartnerId), s.Revision.ToString(CultureInfo.InvariantCulture), s.Status.Name(),
                    s.ApprovedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "", line.Kind, line.Category ?? "",
                    line.Count?.ToString(CultureInfo.InvariantCulture) ?? "",
                    line.Amount.ToString("0.00", CultureInfo.InvariantCulture)) + "\n");
    }

    /// <summary>Partner ids are restricted to letters, digits, '.', '_' and '-', so they need no quoting; this guards anyway.</summary>
    private static string Csv(string value) => value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
