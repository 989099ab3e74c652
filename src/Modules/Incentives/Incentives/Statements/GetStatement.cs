
namespace PartnerPortal.Incentives.Statements;

/// <summary><c>GET /api/v1/incentives/statements/{quarter}/{partnerId}</c> and the statement on <c>/provision</c>: a partner's
/// statement of a quarter, the latest revision with its explanation. A partner reaches only its own (the route's partner guard).</summary>
internal static class GetStatement
{
    public static async Task<Outcome<Statement>> HandleAsync(string quarter, string partnerId, IQuerySession session, CancellationToken ct) =>
        await LatestStatements.OfPartnerAsync(session, quarter, partnerId, ct) is { } statement
            ? Outcome<Statement>.Done(statement)
            : Outcome<Statement>.NotFound($"There is no statement of {quarter} for partner '{partnerId}'.");

    public static async Task<IResult> Endpoint(string quarter, string partnerId, IQuerySession session, CancellationToken ct) =>
        (await HandleAsync(quarter, partnerId, session, ct)).ToHttp(StatementView.Of);
}
