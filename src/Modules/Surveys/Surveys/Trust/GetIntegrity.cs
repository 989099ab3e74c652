using PartnerPortal.BuildingBlocks.Data;
using System.Data;
using Npgsql;

namespace PartnerPortal.Surveys.Trust;

/// <summary>
/// <c>GET /api/v1/surveys/integrity?quarter&amp;partnerId</c> (back office: scope <c>surveys:review</c>, unbound caller): the
/// last run of <c>surveys:integrity</c> for the quarter, per partner, with its flagged responses. The run document and its
/// rows are read in one snapshot, so a run committing meanwhile is seen whole or not at all. Also the source of the
/// back-office page "Auffälligkeiten".
/// </summary>
internal static class GetIntegrity
{
    public const int PartnerIdMaxLength = 200;

    /// <summary>The outcome the API endpoint and the page both map.</summary>
    public enum Outcome { Found, Invalid }

    public sealed record Result(Outcome Outcome, IntegrityView? View = null, IDictionary<string, string[]>? Errors = null);

    public static async Task<Result> QueryAsync(string? quarter, string? partnerId, IDocumentStore store, CancellationToken ct)
    {
        partnerId = string.IsNullOrEmpty(partnerId) ? null : partnerId;
        var errors = new ValidationErrors();
        if (!Quarter.TryParse(quarter, out var q)) errors.Add("quarter", "'quarter' is required, a quarter of the form YYYY-Qn, e.g. 2023-Q2.");
        if (partnerId is not null && (partnerId.Length > PartnerIdMaxLength || !TextRules.IsStorable(partnerId) || TextRules.HasControlCharacters(partnerId)))
            errors.Add("partnerId", "'partnerId' is not a partner id.");
        if (!errors.IsValid) return new Result(Outcome.Invalid, Errors: errors.ToDictionary());

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        IntegrityRun? run;
        await using (var load = new NpgsqlCommand($"select data from {MartenTables.Of<IntegrityRun>(store)} where id = $1", connection, transaction))
        {
            load.Parameters.AddWithValue(q.ToString());
            await using var reader = await load.ExecuteReaderAsync(ct);
            run = await reader.ReadAsync(ct) ? store.Options.Serializer().FromJson<IntegrityRun>(reader, 0) : null;
        }
        if (run is null) return new Result(Outcome.Found, new IntegrityView(q.ToString(), null, null, []));

        var responses = new Dictionary<string, List<FlaggedResponseView>>(StringComparer.Ordinal);
        await using (var rows = new NpgsqlCommand($"""
                         select partner_id, response_id, responded_at_utc, shop_id, flags from {IntegrityRecalculation.FlagTable}
                         where quarter = $1 and ($2::varchar is null or partner_id = $2)
                         order by partner_id collate "C", responded_at_utc, response_id collate "C"
                         """, connection, transaction))
        {
            rows.Parameters.AddWithValue(q.ToString());
            rows.Parameters.Add(new NpgsqlParameter { Value = (object?)partnerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
            await using var reader = await rows.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (!responses.TryGetValue(reader.GetString(0), out var list)) responses[reader.GetString(0)] = list = [];
                list.Add(new FlaggedResponseView(reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    IntegrityFlags.Names(reader.GetInt32(4))));
            }
        }
        await transaction.CommitAsync(ct);

        var partners = run.Partners
            .Where(p => partnerId is null || p.PartnerId == partnerId)
            .Select(p => ToView(p, run.TransactionsChecked, responses.GetValueOrDefault(p.PartnerId) ?? []))
            .ToArray();
        return new Result(Outcome.Found, new IntegrityView(run.Id, run.CalculatedAt, run.TransactionsChecked, partners));
    }

    private static PartnerIntegrityView ToView(PartnerIntegrity p, bool transactionsChecked, IReadOnlyList<FlaggedResponseView> responses)
    {
        var share = p.PromoterShare;
        return new PartnerIntegrityView(p.PartnerId,
            new FlagCountsView(p.RepeatTransaction, transactionsChecked ? p.UnknownTransaction : null, transactionsChecked ? p.BeforeTransaction : null,
                p.Burst, p.DuplicateComment, share.Flagged ? 1 : 0),
            new PromoterShareView(share.N, share.P, share.P0, share.Z, share.Flagged),
            responses);
    }

    /// <summary>Flags are back office's: a caller bound to no partner with <c>surveys:review</c>. Partners never see them.</summary>
    public static bool MayReadFlags(Caller caller) => !caller.IsPartnerBound && caller.HasScope(Scopes.SurveysReview);

    /// <summary>The flags of one response in its quarter's last run (none when it was not flagged or there was no run).</summary>
    public static async Task<IReadOnlyList<string>> FlagsOfAsync(IQuerySession session, SurveyResponse response, CancellationToken ct)
    {
        var bits = await session.QueryAsync<int>($"select flags from {IntegrityRecalculation.FlagTable} where quarter = ? and response_id = ?", ct,
            response.Quarter, response.Id);
        return IntegrityFlags.Names(bits.FirstOrDefault());
    }

    /// <summary>The API adapter: 200 with the view, 400.</summary>
    public static IResult ToHttp(Result result) => result.Outcome switch
    {
        Outcome.Found => TypedResults.Ok(result.View!),
        _ => Problems.Validation(result.Errors!),
    };

    public static async Task<IResult> Handle(string? quarter, string? partnerId, IDocumentStore store, CancellationToken ct) =>
        ToHttp(await QueryAsync(quarter, partnerId, store, ct));
}
