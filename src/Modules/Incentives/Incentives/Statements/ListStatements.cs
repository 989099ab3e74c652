using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;

namespace PartnerPortal.Incentives.Statements;

/// <summary>A page of statements in the one list shape (ADR 0040).</summary>
internal sealed record StatementPage(IReadOnlyList<StatementView> Items, string? Next);

/// <summary>
/// <c>GET /api/v1/incentives/statements?quarter&amp;status&amp;after&amp;limit</c> (back office): every partner's latest
/// statement of a quarter, by partner id, with the revision an approval confirms (<see cref="ApproveQuarter"/>): what
/// "Alle freigeben" lists on <c>/provision/freigabe</c>, for a client. Paged with a cursor instead of a silent cap; its
/// instant is the last statement's calculation time and not compared, the partner id orders.
/// </summary>
internal static class ListStatements
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static async Task<Outcome<(IReadOnlyList<Statement> Items, string? Next)>> HandleAsync(string? quarter, string? status, string? after,
        int? limit, IQuerySession session, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Quarter("quarter", quarter, out _);
        if (status is not null && status != StatementStatus.Draft.Name() && status != StatementStatus.Approved.Name())
            errors.Add("status", "'status' must be draft or approved.");
        var cursor = errors.After(after);
        var take = errors.Limit(limit, DefaultLimit, MaxLimit);
        if (!errors.IsValid) return Outcome<(IReadOnlyList<Statement>, string?)>.Invalid(errors.ToDictionary());

        // The latest revision per partner first (the index on quarter, partner, revision), then the status of that one.
        var sql = new StringBuilder($"select data from (select distinct on (partner_id) data, partner_id from {LatestStatements.Table(session)} where quarter = ?");
        var parameters = new List<object> { quarter! };
        if (cursor is { } c)
        {
            sql.Append(" and partner_id > ?");
            parameters.Add(c.Id);
        }
        sql.Append(" order by partner_id, revision desc) latest");
        if (status is not null)
        {
            sql.Append(" where data ->> 'status' = ?");
            parameters.Add(status);
        }
        sql.Append(" order by partner_id limit ").Append((take + 1).ToString(CultureInfo.InvariantCulture));
        var rows = await session.QueryAsync<Statement>(sql.ToString(), ct, parameters.ToArray());
        return Outcome<(IReadOnlyList<Statement>, string?)>.Done((rows.Take(take).ToArray(), ListPaging.Next(rows, take, s => s.CalculatedAt, s => s.PartnerId)));
    }

    public static async Task<IResult> Endpoint(string? quarter, [OneOf("draft", "approved")] string? status, string? after, [Range(1, MaxLimit)] int? limit, IQuerySession session,
        CancellationToken ct) =>
        (await HandleAsync(quarter, status, after, limit, session, ct)).ToHttp(page => new StatementPage(page.Items.Select(StatementView.Of).ToArray(), page.Next));
}
